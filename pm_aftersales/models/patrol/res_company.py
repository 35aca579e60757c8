from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pm_patrol_escalation_ids = fields.One2many(
        "pm.patrol.escalation",
        "company_id",
        string="Patrol Escalation Ladder",
        help="Who is told of a patrol round with missed or late check-points, and when.",
    )

    def _pm_default_setup_models(self):
        return super()._pm_default_setup_models() + ["pm.patrol.escalation"]
