from odoo import fields, models


class PmMaintenanceChecklistItem(models.Model):
    """A point to check on every request of a maintenance plan."""

    _name = "pm.maintenance.checklist.item"
    _description = "Maintenance Checklist Item"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one(
        "maintenance.plan", string="Plan", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Check", required=True, translate=True)
    instruction = fields.Text(translate=True, help="How to check and what is acceptable.")

    def _prepare_check_vals(self):
        self.ensure_one()
        return {"sequence": self.sequence, "name": self.name, "instruction": self.instruction}
