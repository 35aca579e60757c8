from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

ROUND_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("missed", "Missed Round"),
]
OPEN_STATES = ("planned", "in_progress")
CLOSED_STATES = ("done", "missed")


class PmPatrolRound(models.Model):
    """One round of a patrol route (巡检轮次): its points scanned in order and
    their checklists answered by the patroller, within the time allowed.

    At its deadline the points not scanned are missed: a round never started
    is missed, a round started is closed as done with its missed points.
    A round with a missed or late point climbs the company's patrol
    escalation ladder (the addon's one engine, ``pm.escalation.mixin``), once
    per level."""

    _name = "pm.patrol.round"
    _description = "Patrol Round"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "pm.state.guard.mixin",
        "pm.escalation.mixin",
    ]
    _order = "scheduled_date desc, id desc"
    _check_company_auto = True

    # Set by the planning, the scans and the cron, never typed in.
    _pm_system_fields = frozenset(
        {
            "name",
            "route_id",
            "team_id",
            "scheduled_date",
            "deadline",
            "start_date",
            "done_date",
            "state",
            "escalation_level",
        }
    )

    name = fields.Char(required=True, readonly=True)
    route_id = fields.Many2one(
        "pm.patrol.route", string="Route", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="route_id.company_id", store=True, index=True, precompute=True
    )
    estate_id = fields.Many2one(
        related="route_id.estate_id", store=True, index=True, precompute=True
    )
    route_type = fields.Selection(related="route_id.route_type", store=True, string="Type")
    user_id = fields.Many2one(
        "res.users",
        string="Patroller",
        index="btree_not_null",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Who does the round; empty: any member of the crew may take it.",
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team", string="Crew", index="btree_not_null", readonly=True
    )
    scheduled_date = fields.Datetime(string="Start", required=True, readonly=True, index=True)
    deadline = fields.Datetime(
        required=True, readonly=True, index=True, help="The start plus the time allowed."
    )
    start_date = fields.Datetime(
        string="Started", readonly=True, copy=False, help="The first scan."
    )
    done_date = fields.Datetime(
        string="Finished", readonly=True, copy=False, help="The last point answered."
    )
    state = fields.Selection(
        ROUND_STATES,
        string="Status",
        required=True,
        default="planned",
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("pm.patrol.round.point", "round_id", string="Check-points")
    point_count = fields.Integer(
        string="Number of Check-points", compute="_compute_counts", store=True
    )
    answered_count = fields.Integer(string="Answered", compute="_compute_counts", store=True)
    missed_count = fields.Integer(
        string="Missed Points", compute="_compute_counts", store=True, aggregator="sum"
    )
    late_count = fields.Integer(
        string="Late Points", compute="_compute_counts", store=True, aggregator="sum"
    )
    failed_count = fields.Integer(
        string="Findings", compute="_compute_counts", store=True, aggregator="sum"
    )
    progress = fields.Char(string="Checked", compute="_compute_progress")
    on_time = fields.Boolean(
        compute="_compute_on_time",
        store=True,
        help="Done by the deadline, no point missed or late.",
    )
    on_time_rate = fields.Float(
        string="On Time (%)",
        compute="_compute_on_time",
        store=True,
        aggregator="avg",
        help="100 for a round done on time, 0 otherwise: its average is the share of rounds "
        "done on time.",
    )
    ticket_ids = fields.One2many(
        "helpdesk.ticket", compute="_compute_ticket_ids", string="Repair Jobs"
    )
    ticket_count = fields.Integer(string="Number of Repair Jobs", compute="_compute_ticket_ids")
    escalation_level = fields.Integer(
        readonly=True, copy=False, index=True, groups="base.group_user"
    )
    # computed when the round is closed, not when it is planned
    next_escalation_date = fields.Datetime(
        readonly=True, precompute=False, groups="base.group_user"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("line_ids.state", "line_ids.is_late")
    def _compute_counts(self):
        for round_ in self:
            lines = round_.line_ids
            round_.point_count = len(lines)
            round_.answered_count = len(lines.filtered(lambda line: line.state in ("ok", "failed")))
            round_.missed_count = len(lines.filtered(lambda line: line.state == "missed"))
            round_.late_count = len(lines.filtered("is_late"))
            round_.failed_count = len(lines.filtered(lambda line: line.state == "failed"))

    @api.depends("answered_count", "point_count")
    def _compute_progress(self):
        for round_ in self:
            round_.progress = f"{round_.answered_count} / {round_.point_count}"

    @api.depends("state", "done_date", "deadline", "missed_count", "late_count")
    def _compute_on_time(self):
        for round_ in self:
            round_.on_time = bool(
                round_.state == "done"
                and round_.done_date
                and round_.done_date <= round_.deadline
                and not round_.missed_count
                and not round_.late_count
            )
            round_.on_time_rate = 100.0 if round_.on_time else 0.0

    @api.depends("line_ids.ticket_id")
    def _compute_ticket_ids(self):
        for round_ in self:
            round_.ticket_ids = round_.line_ids.ticket_id
            round_.ticket_count = len(round_.ticket_ids)

    # ------------------------------------------------------------------
    # Guard
    # ------------------------------------------------------------------
    def write(self, vals):
        self._pm_check_system_fields(vals)
        return super().write(vals)

    def _pm_check_system_fields(self, vals):
        if self.env.su:
            return
        protected = set(self._pm_system_fields)
        if not self.env.user.has_group("pm_aftersales.group_pm_eng_supervisor"):
            protected.add("user_id")
        touched = protected & vals.keys()
        if touched:
            labels = ", ".join(
                self._fields[name]._description_string(self.env) for name in sorted(touched)
            )
            raise UserError(
                self.env._(
                    "%(fields)s of a patrol round are set by its planning and its scans: they "
                    "cannot be changed by hand.",
                    fields=labels,
                )
            )

    def _pm_check_patroller(self):
        """The current user may do this round: he is its patroller, or it has
        none and he is of its crew (he takes it with his first scan)."""
        self.ensure_one()
        self.check_access("write")
        self._check_state(OPEN_STATES, self.env._("patrolled"))
        if self.env.su:
            return
        user = self.env.user
        if self.user_id:
            if self.user_id != user:
                raise UserError(
                    self.env._(
                        "Round %(round)s is %(user)s's: ask your supervisor to give it to you.",
                        round=self.name,
                        user=self.user_id.name,
                    )
                )
            return
        if user not in self.team_id.user_ids:
            raise UserError(
                self.env._(
                    "Round %(round)s is for the members of crew %(crew)s.",
                    round=self.name,
                    crew=self.team_id.name or "-",
                )
            )

    def _pm_take(self):
        """The current user becomes the patroller of the rounds without one."""
        if not self.env.su:
            self.filtered(lambda r: not r.user_id).sudo().user_id = self.env.user

    # ------------------------------------------------------------------
    # The round
    # ------------------------------------------------------------------
    def action_pm_take(self):
        """A member of the crew takes a round that has no patroller."""
        for round_ in self:
            if round_.user_id == self.env.user:
                continue
            round_._pm_check_patroller()
            round_._pm_take()
        return True

    def action_pm_next_point(self):
        """Open the first point still to scan (or the first of all when the
        round is over: to look at it)."""
        self.ensure_one()
        self.check_access("read")
        line = self.line_ids.filtered(lambda point: point.state == "pending")[:1]
        return (line or self.line_ids[:1])._pm_open_action()

    def _pm_start(self, when):
        """The first scan starts the round."""
        self.filtered(lambda r: r.state == "planned").sudo().write(
            {"state": "in_progress", "start_date": when}
        )

    def _pm_after_answer(self, line):
        """A point was answered: the round is done with its last point, else
        the next point to scan opens."""
        self.ensure_one()
        pending = self.line_ids.filtered(lambda point: point.state == "pending")
        if not pending:
            self.sudo().write({"state": "done", "done_date": fields.Datetime.now()})
            return {"type": "ir.actions.act_window_close"}
        following = pending.filtered(lambda point: point.sequence >= line.sequence)[:1]
        return (following or pending[:1])._pm_open_action()

    def _pm_close_overdue(self, now):
        """Close the open rounds past their deadline: their points not scanned
        are missed; a round never started is missed, a round started is done
        (at its last answer) with its missed points. Returns the rounds
        closed."""
        rounds = self.filtered(lambda r: r.state in OPEN_STATES and r.deadline <= now)
        if not rounds:
            return rounds
        rounds.line_ids.filtered(lambda point: point.state == "pending").sudo().write(
            {"state": "missed"}
        )
        never = rounds.filtered(lambda r: r.state == "planned")
        never.sudo().write({"state": "missed"})
        for round_ in rounds - never:
            answers = round_.line_ids.filtered("scan_date").mapped("scan_date")
            round_.sudo().write({"state": "done", "done_date": max(answers)})
        bodies = {}
        for round_ in rounds:
            env = round_.with_context(lang=round_.company_id._pm_lang()).env
            missed = round_.line_ids.filtered(lambda point: point.state == "missed")
            bodies[round_.id] = escape(
                env._(
                    "Closed at its deadline: check-points missed: %(points)s.",
                    points=", ".join(missed.mapped("name")),
                )
            )
        rounds._message_log_batch(bodies=bodies)
        return rounds

    @api.model
    def _cron_patrol(self):
        """Every quarter of an hour: plan the rounds of the coming day, close
        the rounds past their deadline, escalate those with missed or late
        points."""
        now = fields.Datetime.now()
        planned = self.env["pm.patrol.route"]._cron_plan_rounds(now)
        closed = self.search(
            [("state", "in", OPEN_STATES), ("deadline", "<=", now)]
        )._pm_close_overdue(now)
        escalated = self._cron_escalate()
        return {"planned": planned, "closed": closed, "escalated": escalated}

    def action_pm_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("id", "in", self.ticket_ids.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------------
    # Escalation (the engine's hooks: pm.escalation.mixin)
    # ------------------------------------------------------------------
    # A round closed with a missed or late point goes up the company's patrol
    # ladder, each level the given minutes after the round's deadline.
    @api.depends(
        "state",
        "deadline",
        "missed_count",
        "late_count",
        "escalation_level",
        "company_id.pm_patrol_escalation_ids.level",
        "company_id.pm_patrol_escalation_ids.delay_minutes",
    )
    def _compute_next_escalation_date(self):
        return super()._compute_next_escalation_date()

    def _get_escalation_levels(self):
        return self.company_id.pm_patrol_escalation_ids

    def _is_escalation_open(self):
        self.ensure_one()
        return self.state in CLOSED_STATES and bool(self.missed_count or self.late_count)

    def _get_escalation_message_type(self):
        return "notification"

    @api.model
    def _get_escalation_due_domain(self, now):
        flagged = Domain("missed_count", ">", 0) | Domain("late_count", ">", 0)
        return (
            Domain("state", "in", CLOSED_STATES) & flagged & super()._get_escalation_due_domain(now)
        )

    def _prepare_escalation_message(self, level, user, **kwargs):
        self.ensure_one()
        env = self.env
        company = self.company_id
        missed = self.line_ids.filtered(lambda point: point.state == "missed")
        late = self.line_ids.filtered("is_late")
        summary = env._(
            "Patrol round %(round)s: %(missed)s missed, %(late)s late",
            round=self.name,
            missed=len(missed),
            late=len(late),
        )
        facts = env._(
            "Round %(round)s of route %(route)s was due by %(deadline)s. Check-points missed: "
            "%(missed)s. Scanned late: %(late)s.",
            round=self.name,
            route=self.route_id.name,
            deadline=company._pm_format_datetime(self.deadline, env.lang),
            missed=", ".join(missed.mapped("name")) or "-",
            late=", ".join(late.mapped("name")) or "-",
        )
        if user:
            body = env._(
                "Escalated to %(user)s (level %(level)s): %(facts)s",
                user=user.name,
                level=level.level,
                facts=facts,
            )
        else:
            body = env._(
                "Escalation level %(level)s: nobody holds the role at estate %(estate)s. %(facts)s",
                level=level.level,
                estate=self.estate_id.name,
                facts=facts,
            )
        return {"summary": summary, "body": body}
