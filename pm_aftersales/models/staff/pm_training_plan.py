from odoo import api, fields, models
from odoo.exceptions import UserError


class PmTrainingPlan(models.Model):
    """A team's training plan for a year or a quarter (培训计划), reviewed at
    the end of its period: its effect (assessment results, complaints and
    rework of the team) and the changes decided for the next plan
    (定期评估和调整)."""

    _name = "pm.training.plan"
    _description = "Training Plan"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team", required=True, index=True)
    period = fields.Selection(
        [("year", "Year"), ("quarter", "Quarter")], required=True, default="year"
    )
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("reviewed", "Reviewed")],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many("pm.training.plan.line", "plan_id", string="Courses")
    session_ids = fields.One2many("pm.training.session", "plan_id", string="Sessions")
    # Review
    review_date = fields.Date(readonly=True)
    review_effect = fields.Text(string="Effect Observed")
    review_changes = fields.Text(string="Changes for the Next Plan")
    review_attendance_rate = fields.Float(string="Attendance (%)", readonly=True)
    review_pass_rate = fields.Float(string="Pass Rate (%)", readonly=True)
    review_average_score = fields.Float(string="Average Assessment Score", readonly=True)
    review_complaints = fields.Integer(string="Upheld Complaints", readonly=True)
    review_rework = fields.Integer(string="Rework", readonly=True)

    _dates_ordered = models.Constraint(
        "CHECK(date_end >= date_start)", "A plan ends after it starts."
    )

    def action_confirm(self):
        for plan in self:
            if not plan.line_ids:
                raise UserError(self.env._("Plan %s lists no course.", plan.name))
        self.state = "confirmed"

    def action_review(self):
        """Record the plan's figures; the effect and the changes are written
        by the reviewer."""
        for plan in self:
            if plan.state != "confirmed":
                raise UserError(self.env._("Only a confirmed plan is reviewed."))
            if not (plan.review_changes or "").strip():
                raise UserError(
                    self.env._("Write the changes decided for the next plan of %s.", plan.name)
                )
            plan.write(dict(plan._get_review_figures(), state="reviewed"))
            plan.review_date = fields.Date.context_today(plan)

    def _get_review_figures(self):
        self.ensure_one()
        attendances = self.session_ids.filtered(lambda s: s.state == "done").attendance_ids
        attended = attendances.filtered("attended")
        scored = attended.filtered("assessed")
        users = self.team_id.user_ids
        start, end = self.company_id._pm_utc_bounds(self.date_start, self.date_end)
        Ticket = self.env["helpdesk.ticket"].sudo()
        complaints = Ticket.search_count(
            [
                ("is_complaint", "=", True),
                ("complaint_upheld", "=", "upheld"),
                ("concerned_employee_id.user_id", "in", users.ids),
                ("report_date", ">=", start),
                ("report_date", "<", end),
            ]
        )
        [(rework,)] = Ticket._read_group(
            [("user_id", "in", users.ids), ("done_date", ">=", start), ("done_date", "<", end)],
            [],
            ["rework_count:sum"],
        )
        return {
            "review_attendance_rate": 100.0 * len(attended) / len(attendances)
            if attendances
            else 0.0,
            "review_pass_rate": 100.0 * len(scored.filtered("passed")) / len(scored)
            if scored
            else 0.0,
            "review_average_score": sum(scored.mapped("score")) / len(scored) if scored else 0.0,
            "review_complaints": complaints,
            "review_rework": rework or 0,
        }

    @api.onchange("period", "date_start")
    def _onchange_period(self):
        if self.date_start:
            months = 12 if self.period == "year" else 3
            self.date_end = fields.Date.subtract(
                fields.Date.add(self.date_start, months=months), days=1
            )
