from odoo import fields, models


def _default_product(xmlid):
    def default(self):
        return self.env.ref(xmlid, raise_if_not_found=False)

    return default


class ResCompany(models.Model):
    """The prices of a new company start from the addon's labour and call-out
    products (shared by the companies), which each company may change."""

    _inherit = "res.company"

    pm_labour_product_id = fields.Many2one(
        "product.product",
        string="Default Labour Price",
        default=_default_product("pm_aftersales.product_repair_labour"),
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
        help="The labour quoted when neither the category nor the trade names one.",
    )
    pm_callout_product_id = fields.Many2one(
        "product.product",
        string="Call-Out Fee",
        default=_default_product("pm_aftersales.product_callout_fee"),
        domain="[('type', '=', 'service'), ('sale_ok', '=', True)]",
        help="Charged when the owner declines a quote and the job goes on as an inspection.",
    )
    pm_quote_decline_policy = fields.Selection(
        [
            ("cancel", "Cancel the Job"),
            ("inspection", "Go on as an Inspection at the Call-Out Fee"),
        ],
        string="When the Owner Declines a Quote",
        default="cancel",
        required=True,
    )
