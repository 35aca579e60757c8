from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pm_rectification_escalation_ids = fields.One2many(
        "pm.rectification.escalation",
        "company_id",
        string="Rectification Escalation Ladder",
        help="Who is told of a late rectification order, and when.",
    )

    def _pm_default_setup_models(self):
        return super()._pm_default_setup_models() + [
            "tier.definition",
            "pm.rectification.escalation",
        ]

    def _pm_default_setup_domain(self, model):
        # Of the tier definitions, those of the rectification budgets only.
        if model == "tier.definition":
            return [("model", "=", "pm.rectification.order")]
        return super()._pm_default_setup_domain(model)
