from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    pm_labour_product_id = fields.Many2one(
        "product.product",
        string="Labour Price",
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
        help="The service product quoted as labour for a chargeable job of this category, "
        "at its sales price, per job or per hour (its unit). Empty: the trade's, then the "
        "company's.",
    )
