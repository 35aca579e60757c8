from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PmTrainingAttendance(models.Model):
    """An attendee of a session: present or not, the assessment (score,
    pass/fail) and how long the certificate is valid."""

    _name = "pm.training.attendance"
    _description = "Training Attendance and Assessment"
    _order = "session_date desc, id desc"

    session_id = fields.Many2one(
        "pm.training.session", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    course_id = fields.Many2one(related="session_id.course_id", store=True, index=True)
    session_date = fields.Date(related="session_id.date", store=True, index=True)
    session_state = fields.Selection(related="session_id.state", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    attended = fields.Boolean(default=True)
    assessed = fields.Boolean(compute="_compute_passed", store=True)
    score = fields.Float(help="Assessment score out of 100; empty: not assessed.")
    passed = fields.Boolean(compute="_compute_passed", store=True)
    valid_until = fields.Date(
        string="Certificate Valid Until", compute="_compute_passed", store=True
    )
    note = fields.Char()

    _employee_once = models.Constraint(
        "UNIQUE(session_id, employee_id)", "This employee is already an attendee of the session."
    )
    _score_range = models.Constraint(
        "CHECK(score IS NULL OR score BETWEEN 0 AND 100)",
        "An assessment score is between 0 and 100.",
    )

    @api.depends(
        "score",
        "attended",
        "session_id.date",
        "course_id.pass_score",
        "course_id.validity_months",
        "session_id.state",
    )
    def _compute_passed(self):
        for line in self:
            line.assessed = bool(line.attended and line.score)
            line.passed = bool(
                line.assessed
                and line.session_id.state == "done"
                and line.score >= line.course_id.pass_score
            )
            months = line.course_id.validity_months
            line.valid_until = (
                line.session_id.date + relativedelta(months=months)
                if line.passed and months
                else False
            )

    @api.constrains("attended", "score")
    def _check_score_needs_attendance(self):
        for line in self:
            if line.score and not line.attended:
                raise ValidationError(
                    self.env._(
                        "%s was absent: an absent attendee has no score.", line.employee_id.name
                    )
                )

    def _grant_trades(self):
        """A passed trade-skill course adds its trade to the employee's
        skills, which dispatch uses."""
        for line in self.filtered(lambda a: a.course_id.trade_id):
            line.employee_id.sudo().pm_trade_ids = [fields.Command.link(line.course_id.trade_id.id)]
