from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from .pm_sla_rule_line import MILESTONE_ORDER, MILESTONE_TYPES

STORED_STATES = [
    ("pending", "Not Started"),
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("missed", "Missed"),
    ("cancelled", "Cancelled"),
]
STATUSES = STORED_STATES[:2] + [("at_risk", "At Risk"), ("late", "Late")] + STORED_STATES[2:]
OPEN_STATES = ("running", "paused")


class PmTicketMilestone(models.Model):
    """A time limit applied to one ticket: its stored deadline, when it was
    met, and its state.

    The stored ``state`` changes on events only (start, pause, resume, reach,
    cancel). Whether a running milestone is at risk or late *now* is derived
    from the stored dates, and searched as a domain on them: no cron has to
    rewrite thousands of rows as the clock turns.

    A running milestone climbs the escalation ladder of its rule's milestone
    (pm.sla.escalation) with the escalation engine (pm.escalation.mixin).
    """

    _name = "pm.ticket.milestone"
    _inherit = ["pm.escalation.mixin"]
    _description = "Ticket Milestone"
    # in the order of the workflow (response, arrival, completion, follow-up)
    _order = "ticket_id, sequence, id"
    _rec_name = "milestone_type"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, index=True, precompute=True
    )
    rule_line_id = fields.Many2one(
        "pm.sla.rule.line", string="Rule Milestone", required=True, ondelete="restrict"
    )
    milestone_type = fields.Selection(MILESTONE_TYPES, string="Milestone", required=True)
    sequence = fields.Integer(
        compute="_compute_sequence",
        store=True,
        precompute=True,
        help="The step of the workflow the milestone belongs to: milestones are listed in "
        "that order.",
    )
    start_date = fields.Datetime(string="Clock Started")
    limit_deadline = fields.Datetime(
        string="Limit",
        help="Deadline from the time-limit rule (moved on by the time the job was paused).",
    )
    at_risk_date = fields.Datetime(string="At Risk From")
    promised_deadline = fields.Datetime(
        string="Promised", help="New time promised to the owner after a delay."
    )
    deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        precompute=True,
        index=True,
        help="The deadline that counts: the promise after a delay, else the limit.",
    )
    reached_date = fields.Datetime(string="Met On")
    state = fields.Selection(
        STORED_STATES, string="Stored Status", required=True, default="pending", index=True
    )
    within_limit = fields.Boolean(
        help="Met before the rule's limit (a kept promise after a delay does not count)."
    )
    paused_since = fields.Datetime()
    paused_minutes = fields.Float(string="Paused (min)", digits=(16, 1))
    delay_ids = fields.One2many("pm.ticket.delay", "milestone_id", string="Delays")
    status = fields.Selection(STATUSES, compute="_compute_status")
    is_late = fields.Boolean(compute="_compute_status", search="_search_is_late")
    is_at_risk = fields.Boolean(compute="_compute_status", search="_search_is_at_risk")

    _ticket_type_uniq = models.Constraint(
        "UNIQUE(ticket_id, milestone_type)", "A ticket has one milestone of each kind."
    )

    @api.depends("milestone_type")
    def _compute_sequence(self):
        for milestone in self:
            milestone.sequence = MILESTONE_ORDER.get(milestone.milestone_type, 0) * 10

    @api.depends("limit_deadline", "promised_deadline")
    def _compute_deadline(self):
        for milestone in self:
            milestone.deadline = milestone.promised_deadline or milestone.limit_deadline

    @api.depends(
        "state",
        "deadline",
        "at_risk_date",
        "escalation_level",
        "rule_line_id.escalation_ids.level",
        "rule_line_id.escalation_ids.trigger",
        "rule_line_id.escalation_ids.delay_minutes",
    )
    def _compute_next_escalation_date(self):
        return super()._compute_next_escalation_date()

    @api.depends("state", "deadline", "at_risk_date")
    def _compute_status(self):
        now = fields.Datetime.now()
        for milestone in self:
            status = milestone.state
            if status == "running" and milestone.deadline and milestone.deadline < now:
                status = "late"
            elif status == "running" and milestone.at_risk_date and milestone.at_risk_date <= now:
                status = "at_risk"
            milestone.status = status
            milestone.is_late = status == "late"
            milestone.is_at_risk = status == "at_risk"

    @api.model
    def _get_late_domain(self):
        return Domain("state", "=", "running") & Domain("deadline", "<", fields.Datetime.now())

    @api.model
    def _get_at_risk_domain(self):
        now = fields.Datetime.now()
        return (
            Domain("state", "=", "running")
            & Domain("at_risk_date", "<=", now)
            & Domain("deadline", ">=", now)
        )

    def _search_is_late(self, operator, value):
        if operator != "in":
            return NotImplemented
        return self._get_late_domain() if True in value else ~self._get_late_domain()

    def _search_is_at_risk(self, operator, value):
        if operator != "in":
            return NotImplemented
        return self._get_at_risk_domain() if True in value else ~self._get_at_risk_domain()

    # ------------------------------------------------------------------
    # Events
    # ------------------------------------------------------------------

    def _start(self, start):
        for milestone in self:
            deadline, at_risk = milestone.rule_line_id._get_deadlines(start)
            milestone.write(
                {
                    "start_date": start,
                    "limit_deadline": deadline,
                    "at_risk_date": at_risk,
                    "state": "running",
                }
            )

    def _reach(self, when):
        for milestone in self.filtered(lambda m: m.state in OPEN_STATES):
            if milestone.state == "paused":
                milestone._resume(when)
            milestone.write(
                {
                    "reached_date": when,
                    "within_limit": when <= milestone.limit_deadline,
                    "state": "met" if when <= milestone.deadline else "missed",
                }
            )

    def _pause(self, when):
        self.filtered(lambda m: m.state == "running").write(
            {"state": "paused", "paused_since": when}
        )

    def _resume(self, when):
        """Move the deadlines on by the (working) time the clock was stopped."""
        for milestone in self.filtered(lambda m: m.state == "paused"):
            line, since = milestone.rule_line_id, milestone.paused_since
            vals = {"state": "running", "paused_since": False}
            for fname in ("limit_deadline", "at_risk_date"):
                if milestone[fname] and milestone[fname] <= since:
                    # already past when paused: still late after the pause
                    vals[fname] = milestone[fname] + (when - since)
                elif milestone[fname]:
                    remaining = line._remaining_minutes(since, milestone[fname])
                    vals[fname] = line._plan(when, remaining) if remaining else when
            if milestone.promised_deadline:
                vals["promised_deadline"] = milestone.promised_deadline + (when - since)
            vals["paused_minutes"] = (
                milestone.paused_minutes + (when - since).total_seconds() / 60.0
            )
            milestone.write(vals)

    def _promise(self, promised):
        for milestone in self:
            margin = (
                milestone.limit_deadline - milestone.at_risk_date
                if milestone.limit_deadline and milestone.at_risk_date
                else timedelta()
            )
            milestone.write({"promised_deadline": promised, "at_risk_date": promised - margin})

    def _cancel(self):
        self.filtered(lambda m: m.state in OPEN_STATES + ("pending",)).write(
            {"state": "cancelled", "paused_since": False}
        )

    # ------------------------------------------------------------------
    # Escalation (the engine's hooks)
    # ------------------------------------------------------------------
    def _get_escalation_levels(self):
        return self.rule_line_id.escalation_ids

    def _is_escalation_open(self):
        self.ensure_one()
        return self.state == "running"

    def _get_escalation_thread(self):
        self.ensure_one()
        return self.ticket_id

    def _get_escalation_activity_type(self):
        return "pm_aftersales.mail_activity_type_escalation"

    @api.model
    def _get_escalation_due_domain(self, now):
        return Domain("state", "=", "running") & super()._get_escalation_due_domain(now)

    def _prepare_escalation_message(self, level, user, **kwargs):
        """Summary and body of the escalation, in the language of the
        context, the deadline on the company's clock."""
        self.ensure_one()
        env = self.env
        milestone = dict(self._fields["milestone_type"]._description_selection(env)).get(
            self.milestone_type
        )
        summary = env._(
            "Escalation level %(level)s: %(milestone)s of %(ticket)s",
            level=level.level,
            milestone=milestone,
            ticket=self.ticket_id.number,
        )
        if user:
            body = env._(
                "%(milestone)s of this job is %(state)s (deadline %(deadline)s): "
                "escalated to %(user)s (level %(level)s).",
                milestone=milestone,
                state=dict(self._fields["status"]._description_selection(env)).get(self.status),
                deadline=self.company_id._pm_format_datetime(self.deadline, env.lang),
                user=user.name,
                level=level.level,
            )
        else:
            body = env._(
                "%(milestone)s of this job should be escalated (level %(level)s) but nobody "
                "holds that role for this estate or team.",
                milestone=milestone,
                level=level.level,
            )
        return {"summary": summary, "body": body}
