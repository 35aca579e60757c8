from odoo import fields, models


class PmDutyPlanWizardLine(models.TransientModel):
    """One person of the rotation of a roster plan, in the order of turns."""

    _name = "pm.duty.plan.wizard.line"
    _description = "Person of a Duty Rotation"
    _order = "sequence, id"

    wizard_id = fields.Many2one("pm.duty.plan.wizard", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        "res.users", string="Person", required=True, domain="[('share', '=', False)]"
    )
