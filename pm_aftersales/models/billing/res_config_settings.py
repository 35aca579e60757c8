from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pm_labour_product_id = fields.Many2one(
        related="company_id.pm_labour_product_id", readonly=False
    )
    pm_callout_product_id = fields.Many2one(
        related="company_id.pm_callout_product_id", readonly=False
    )
    pm_quote_decline_policy = fields.Selection(
        related="company_id.pm_quote_decline_policy", readonly=False
    )
