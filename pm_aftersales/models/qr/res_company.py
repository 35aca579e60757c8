from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pm_checkin_proof_required = fields.Boolean(
        string="Proven Check-in",
        default=True,
        help="A technician checks in on site by scanning the place's QR label, by his "
        "phone's position within the estate, or else with a reason.",
    )
