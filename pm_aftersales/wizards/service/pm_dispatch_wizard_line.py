from odoo import fields, models


class PmDispatchWizardLine(models.TransientModel):
    _name = "pm.dispatch.wizard.line"
    _description = "Dispatch Candidate"
    _order = "skilled desc, on_duty desc, workload, id"

    wizard_id = fields.Many2one("pm.dispatch.wizard", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Technician", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    skilled = fields.Boolean(string="Has the Trade", readonly=True)
    on_duty = fields.Boolean(string="On Duty", readonly=True)
    workload = fields.Integer(string="Open Jobs", readonly=True)
    any_crew = fields.Boolean(
        readonly=True, help="A candidate for a crew without members: a technician of the company."
    )

    def action_choose(self):
        """Assign the job to this candidate."""
        self.ensure_one()
        wizard = self.wizard_id
        wizard.write({"mode": "assign", "user_id": self.user_id.id})
        return wizard.action_confirm()
