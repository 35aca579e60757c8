from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pm_duplicate_window = fields.Integer(related="company_id.pm_duplicate_window", readonly=False)
