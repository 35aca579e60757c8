from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pm_checkin_proof_required = fields.Boolean(
        related="company_id.pm_checkin_proof_required", readonly=False
    )
