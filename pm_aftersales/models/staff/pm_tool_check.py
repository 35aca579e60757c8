from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PmToolCheck(models.Model):
    """A supervisor's periodic check of a technician's tools and equipment
    (工具与设备管理): condition, score, damage or loss. The scores feed the
    technician's scorecard."""

    _name = "pm.tool.check"
    _description = "Tool and Equipment Check"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, tracking=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Tool or Equipment",
        domain="[('employee_id', '=', employee_id)]",
        help="Empty: the whole kit of the employee.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    checker_id = fields.Many2one(
        "res.users", string="Checked By", default=lambda self: self.env.user, readonly=True
    )
    condition = fields.Selection(
        [("good", "Good"), ("worn", "Worn"), ("damaged", "Damaged"), ("lost", "Lost")],
        required=True,
        default="good",
        tracking=True,
    )
    score = fields.Integer(required=True, default=100, help="Out of 100.")
    note = fields.Text()

    _score_range = models.Constraint(
        "CHECK(score BETWEEN 0 AND 100)", "A tool check score is between 0 and 100."
    )

    @api.constrains("condition", "note")
    def _check_note(self):
        for check in self:
            if check.condition in ("damaged", "lost") and not (check.note or "").strip():
                raise ValidationError(self.env._("Say what happened to the damaged or lost tool."))
