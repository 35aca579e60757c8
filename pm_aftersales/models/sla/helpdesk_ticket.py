from odoo import api, fields, models
from odoo.fields import Domain

from ..service.helpdesk_ticket import STATE_ORDER
from .pm_sla_rule_line import MILESTONE_ORDER, MILESTONE_TYPES

# The milestone a state reaches; a state reaches the milestones of the states
# before it too (finishing a job means the technician came).
STATE_MILESTONE = {
    "accepted": "response",
    "on_site": "arrival",
    "done": "completion",
    "closed": "followup",
}
# What makes another rule apply to a job.
SLA_RULE_FIELDS = {"ticket_type_id", "category_id", "priority", "team_id", "company_id"}


class HelpdeskTicket(models.Model):
    """The job's time limits: the milestones of its rule, their clocks,
    pauses while the owner is awaited, delays and escalations."""

    _inherit = "helpdesk.ticket"

    sla_rule_id = fields.Many2one(
        "pm.sla.rule", string="Time-Limit Rule", readonly=True, groups="base.group_user"
    )
    milestone_ids = fields.One2many("pm.ticket.milestone", "ticket_id", string="Milestones")
    next_deadline = fields.Datetime(
        compute="_compute_next_deadline",
        store=True,
        index=True,
        help="Nearest deadline of the running time limits.",
    )
    next_milestone_type = fields.Selection(
        MILESTONE_TYPES,
        string="Deciding Limit",
        compute="_compute_next_deadline",
        store=True,
        help="The time limit whose deadline is the next one: response, arrival, completion "
        "or follow-up visit.",
    )
    next_at_risk_date = fields.Datetime(
        string="Deciding Limit at Risk From",
        compute="_compute_next_deadline",
        store=True,
    )
    sla_status = fields.Selection(
        selection=[
            ("none", "No Time Limit"),
            ("on_time", "On Time"),
            ("at_risk", "At Risk"),
            ("late", "Late"),
            ("paused", "Paused"),
        ],
        string="Time-Limit Status",
        compute="_compute_sla_status",
        # shown to whoever sees the job, milestones readable or not
        compute_sudo=True,
    )
    is_late = fields.Boolean(
        compute="_compute_sla_status", search="_search_is_late", compute_sudo=True
    )
    is_at_risk = fields.Boolean(
        compute="_compute_sla_status", search="_search_is_at_risk", compute_sudo=True
    )
    pause_ids = fields.One2many("pm.ticket.pause", "ticket_id", string="Pauses")
    is_paused = fields.Boolean(compute="_compute_is_paused", store=True, string="Waiting on Owner")
    delay_ids = fields.One2many("pm.ticket.delay", "ticket_id", string="Delays")
    delay_count = fields.Integer(compute="_compute_delay_count", store=True)
    escalation_level = fields.Integer(
        compute="_compute_escalation_level",
        store=True,
        string="Escalation Level",
        groups="base.group_user",  # internal follow-up: the owner sees the deadlines
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "milestone_ids.state",
        "milestone_ids.deadline",
        "milestone_ids.at_risk_date",
        "milestone_ids.milestone_type",
    )
    def _compute_next_deadline(self):
        for ticket in self:
            deciding = ticket._get_deciding_milestone()
            ticket.next_deadline = deciding.deadline
            ticket.next_milestone_type = deciding.milestone_type
            ticket.next_at_risk_date = deciding.at_risk_date

    def _get_deciding_milestone(self):
        """The running milestone due first (on a tie, the earlier step of the
        workflow): the limit the job is racing against."""
        self.ensure_one()
        running = self.milestone_ids.filtered(lambda m: m.state == "running" and m.deadline)
        return running.sorted(lambda m: (m.deadline, MILESTONE_ORDER[m.milestone_type]))[:1]

    @api.depends("milestone_ids.status", "is_paused")
    def _compute_sla_status(self):
        for ticket in self:
            statuses = set(ticket.milestone_ids.mapped("status"))
            if "late" in statuses:
                status = "late"
            elif "at_risk" in statuses:
                status = "at_risk"
            elif ticket.is_paused and "paused" in statuses:
                status = "paused"
            elif "running" in statuses:
                status = "on_time"
            else:
                status = "none"
            ticket.sla_status = status
            ticket.is_late = status == "late"
            ticket.is_at_risk = status == "at_risk"

    def _search_is_late(self, operator, value):
        if operator != "in":
            return NotImplemented
        # "any!": the filter works for whoever sees the job, milestones readable or not
        domain = Domain("milestone_ids", "any!", self.env["pm.ticket.milestone"]._get_late_domain())
        return domain if True in value else ~domain

    def _search_is_at_risk(self, operator, value):
        if operator != "in":
            return NotImplemented
        Milestone = self.env["pm.ticket.milestone"]
        domain = Domain("milestone_ids", "any!", Milestone._get_at_risk_domain()) & ~Domain(
            "milestone_ids", "any!", Milestone._get_late_domain()
        )
        return domain if True in value else ~domain

    @api.depends("pause_ids.date_end")
    def _compute_is_paused(self):
        for ticket in self:
            ticket.is_paused = any(not pause.date_end for pause in ticket.pause_ids)

    @api.depends("delay_ids")
    def _compute_delay_count(self):
        for ticket in self:
            ticket.delay_count = len(ticket.delay_ids)

    @api.depends("milestone_ids.escalation_level")
    def _compute_escalation_level(self):
        for ticket in self:
            ticket.escalation_level = max(ticket.milestone_ids.mapped("escalation_level") or [0])

    # ------------------------------------------------------------------
    # The workflow's hooks
    # ------------------------------------------------------------------
    def _on_created(self):
        # A new job has its time limits before it is dispatched.
        self._apply_sla_rules()
        return super()._on_created()

    def _on_written(self, vals):
        if SLA_RULE_FIELDS & vals.keys():
            self._apply_sla_rules()
        return super()._on_written(vals)

    def _on_service_state_change(self, old_states):
        """A state reaches the milestones of its step and of the steps before
        it, ends the owner's wait once the work is accepted, and starts the
        follow-up clock; cancelling the job cancels its time limits."""
        res = super()._on_service_state_change(old_states)
        now = fields.Datetime.now()
        for ticket in self:
            state = ticket.service_state
            milestones = ticket.sudo().milestone_ids
            if state == "cancelled":
                milestones._cancel()
                ticket.pause_ids.action_resume(now)
                continue
            reached = [
                mtype
                for st, mtype in STATE_MILESTONE.items()
                if state and STATE_ORDER[state] >= STATE_ORDER[st]
            ]
            milestones.filtered(lambda m, r=reached: m.milestone_type in r)._reach(now)
            if state in ("verified", "closed"):
                ticket.pause_ids.action_resume(now)
            if state == "verified":
                milestones.filtered(
                    lambda m: m.milestone_type == "followup" and m.state == "pending"
                )._start(now)
        return res

    # ------------------------------------------------------------------
    # Time limits
    # ------------------------------------------------------------------
    def _apply_sla_rules(self):
        """(Re)apply the matching rule: create the missing milestones, replace
        those the new rule defines otherwise; met or missed ones stay."""
        # Milestones are the job's bookkeeping: whoever may change the job
        # changes them, through these methods only.
        rules = self.env["pm.sla.rule"].sudo()._find_for_tickets(self)
        to_create, to_remove = [], self.env["pm.ticket.milestone"].sudo()
        for rule in set(rules.values()):
            self.filtered(lambda t, r=rule: rules[t] == r and t.sla_rule_id != r).sla_rule_id = rule
        for ticket in self:
            wanted = {line.milestone_type: line for line in rules[ticket].line_ids}
            existing = {m.milestone_type: m for m in ticket.sudo().milestone_ids}
            for mtype, milestone in existing.items():
                if milestone.state in ("met", "missed"):
                    wanted.pop(mtype, None)
                elif wanted.get(mtype) == milestone.rule_line_id:
                    wanted.pop(mtype)
                else:
                    to_remove |= milestone
            to_create += [ticket._prepare_milestone_vals(line) for line in wanted.values()]
        to_remove.unlink()
        return self.env["pm.ticket.milestone"].sudo().create(to_create)

    def _prepare_milestone_vals(self, line):
        self.ensure_one()
        vals = {
            "ticket_id": self.id,
            "rule_line_id": line.id,
            "milestone_type": line.milestone_type,
        }
        start = self._get_milestone_start(line.milestone_type)
        if start:
            deadline, at_risk = line._get_deadlines(start)
            vals.update(
                start_date=start, limit_deadline=deadline, at_risk_date=at_risk, state="running"
            )
        return vals

    def _get_milestone_start(self, milestone_type):
        """When the clock of a milestone starts: the report, or for the
        follow-up visit the owner's acceptance (None: not yet)."""
        self.ensure_one()
        if milestone_type == "followup":
            accepted = self.acceptance_ids.filtered(lambda a: a.result == "accepted")
            return accepted[:1].date if accepted else None
        return self.report_date

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_pause(self):
        self.ensure_one()
        return self._open_record_form("pm.ticket.pause", self.env._("Wait for the owner"))

    def action_resume(self):
        self.pause_ids.action_resume()
        return True

    def action_delay(self):
        self.ensure_one()
        open_milestones = self.milestone_ids.filtered(lambda m: m.state in ("running", "paused"))
        return self._open_record_form(
            "pm.ticket.delay",
            self.env._("Delay"),
            default_milestone_id=open_milestones.sorted("deadline")[:1].id,
        )
