from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pm_low_score_threshold = fields.Integer(
        related="company_id.pm_low_score_threshold", readonly=False
    )
