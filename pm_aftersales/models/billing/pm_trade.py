from odoo import fields, models


class PmTrade(models.Model):
    _inherit = "pm.trade"

    labour_product_id = fields.Many2one(
        "product.product",
        string="Labour Price",
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
        help="The labour quoted for a chargeable job of this trade when its category names "
        "none: a service product, per job or per hour (its unit).",
    )
