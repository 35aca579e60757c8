from datetime import timedelta

from odoo import api, fields, models

MILESTONE_TYPES = [
    ("response", "Response"),
    ("arrival", "Arrival on Site"),
    ("completion", "Completion"),
    ("followup", "Follow-up Visit"),
]
# Reaching a later milestone implies the earlier ones.
MILESTONE_ORDER = {code: index for index, (code, _label) in enumerate(MILESTONE_TYPES)}


class PmSlaRuleLine(models.Model):
    """One milestone of a rule: e.g. arrival on site within 15 minutes, 24×7."""

    _name = "pm.sla.rule.line"
    _description = "Time-Limit Milestone"
    _order = "rule_id, milestone_type, id"
    _rec_name = "milestone_type"

    rule_id = fields.Many2one("pm.sla.rule", required=True, ondelete="cascade", index=True)
    milestone_type = fields.Selection(MILESTONE_TYPES, string="Milestone", required=True)
    duration = fields.Integer(string="Time Allowed", required=True, default=1)
    duration_uom = fields.Selection(
        selection=[("minute", "Minutes"), ("hour", "Hours"), ("day", "Days")],
        string="Time Unit",
        required=True,
        default="hour",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        help="Leave empty to count round the clock (24×7). With a calendar, only its "
        "working time counts, public holidays (calendar leaves) excluded; a day is the "
        "calendar's hours per day.",
    )
    at_risk_percent = fields.Integer(
        string="At Risk After (%)",
        default=80,
        help="The milestone is at risk once this share of its time has elapsed.",
    )
    escalation_ids = fields.One2many(
        "pm.sla.escalation", "rule_line_id", string="Escalation Levels", copy=True
    )

    _duration_positive = models.Constraint(
        "CHECK(duration > 0)",
        "A time limit must be longer than zero: enter a positive duration.",
    )
    _at_risk_range = models.Constraint(
        "CHECK(at_risk_percent > 0 AND at_risk_percent <= 100)",
        "The at-risk threshold is a percentage between 1 and 100.",
    )
    _milestone_uniq = models.Constraint(
        "UNIQUE(rule_id, milestone_type)",
        "A rule has at most one time limit per milestone.",
    )

    @api.depends("milestone_type", "duration", "duration_uom")
    def _compute_display_name(self):
        types = dict(self._fields["milestone_type"]._description_selection(self.env))
        uoms = dict(self._fields["duration_uom"]._description_selection(self.env))
        for line in self:
            line.display_name = (
                f"{types.get(line.milestone_type, '')} ≤ {line.duration} "
                f"{uoms.get(line.duration_uom, '')}"
            )

    def _get_minutes(self, share=1.0):
        self.ensure_one()
        factor = {"minute": 1, "hour": 60, "day": 24 * 60}[self.duration_uom]
        if self.duration_uom == "day" and self.calendar_id:
            factor = (self.calendar_id.hours_per_day or 24) * 60
        return self.duration * factor * share

    def _plan(self, start, minutes):
        """The moment ``minutes`` of this line's time after ``start`` (naive UTC)."""
        self.ensure_one()
        if not self.calendar_id:
            return start + timedelta(minutes=minutes)
        return self.calendar_id.plan_hours(minutes / 60.0, start, compute_leaves=True)

    def _get_deadlines(self, start):
        """(deadline, at-risk date) for a clock started at ``start``."""
        self.ensure_one()
        deadline = self._plan(start, self._get_minutes())
        at_risk = self._plan(start, self._get_minutes(self.at_risk_percent / 100.0))
        return deadline, at_risk

    def _remaining_minutes(self, start, end):
        """Working minutes of this line's calendar between two moments."""
        self.ensure_one()
        if end <= start:
            return 0.0
        if not self.calendar_id:
            return (end - start).total_seconds() / 60.0
        return self.calendar_id.get_work_hours_count(start, end, compute_leaves=True) * 60.0
