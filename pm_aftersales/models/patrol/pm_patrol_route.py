from datetime import timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

ROUTE_TYPES = [
    ("security", "Security Patrol"),
    ("fire", "Fire Exits"),
    ("cleaning", "Cleaning"),
    ("landscaping", "Landscaping"),
    ("facility", "Facilities and Equipment"),
    ("other", "Other"),
]
INTERVAL_UNITS = [("hours", "Hours"), ("days", "Days")]
# How far the working time is searched for the start of a round.
CALENDAR_LOOKAHEAD = timedelta(days=14)
# Rounds of one route planned by one run at most (a guard, never reached:
# the horizon holds a day of rounds).
MAX_ROUNDS_PER_RUN = 500


class PmPatrolRoute(models.Model):
    """A patrol route (巡检路线): the check-points of an estate's public areas
    and equipment, walked in order by a crew or a person, every N hours or
    days, on a working calendar if one is set. The cron plans its rounds a
    day ahead; each round copies the route's points and checklists."""

    _name = "pm.patrol.route"
    _description = "Patrol Route"
    _inherit = ["mail.thread"]
    _order = "estate_id, sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    estate_id = fields.Many2one(
        "pm.estate", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    route_type = fields.Selection(
        ROUTE_TYPES, string="Type", required=True, default="security", tracking=True
    )
    point_ids = fields.One2many("pm.patrol.point", "route_id", string="Check-points", copy=True)
    point_count = fields.Integer(string="Number of Check-points", compute="_compute_point_count")
    interval_number = fields.Integer(
        string="Every",
        required=True,
        default=1,
        tracking=True,
        help="A round starts every so many hours or days.",
    )
    interval_unit = fields.Selection(
        INTERVAL_UNITS, string="Interval Unit", required=True, default="days", tracking=True
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Time",
        check_company=True,
        tracking=True,
        help="Rounds start only in this working time: a round due outside it starts at the "
        "next working hour. Empty: round the clock.",
    )
    first_start = fields.Datetime(
        string="First Round",
        required=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the first round starts; the next ones follow at the interval.",
    )
    next_round_date = fields.Datetime(
        string="Next Round",
        compute="_compute_next_round_date",
        store=True,
        readonly=False,
        index=True,
        copy=False,
        help="When the next round not yet planned starts.",
    )
    duration_minutes = fields.Integer(
        string="Time Allowed (min)",
        required=True,
        default=60,
        help="Minutes for the whole round: the points not scanned by then are missed.",
    )
    point_tolerance_minutes = fields.Integer(
        string="Tolerance per Point (min)",
        required=True,
        default=15,
        help="A point scanned this many minutes after its expected time is late.",
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Crew",
        check_company=True,
        tracking=True,
        help="Any member of the crew may take a round without a patroller.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Patroller",
        domain="[('share', '=', False)]",
        check_company=True,
        tracking=True,
        help="The technician who does the rounds (empty: one of the crew takes each round).",
    )
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Job Category",
        help="Category of the repair jobs opened by failed points (default: the equipment's "
        "category, else Patrol Finding).",
    )
    note = fields.Text(string="Instructions")
    round_ids = fields.One2many("pm.patrol.round", "route_id", string="Rounds")
    round_count = fields.Integer(string="Number of Rounds", compute="_compute_round_count")

    _assignee_required = models.Constraint(
        "CHECK(team_id IS NOT NULL OR user_id IS NOT NULL)",
        "A route is patrolled by a crew or by a person: set the crew or the patroller.",
    )
    _interval_positive = models.Constraint(
        "CHECK(interval_number > 0)", "Rounds repeat every 1 or more hours or days."
    )
    _duration_positive = models.Constraint(
        "CHECK(duration_minutes > 0)", "The time allowed for a round must be more than 0 minutes."
    )
    _tolerance_positive = models.Constraint(
        "CHECK(point_tolerance_minutes >= 0)", "The tolerance per point cannot be negative."
    )

    @api.depends("point_ids")
    def _compute_point_count(self):
        for route in self:
            route.point_count = len(route.point_ids)

    def _compute_round_count(self):
        counts = dict(
            self.env["pm.patrol.round"]._read_group(
                [("route_id", "in", self.ids)], ["route_id"], ["__count"]
            )
        )
        for route in self:
            route.round_count = counts.get(route._origin, 0)

    @api.constrains("duration_minutes", "point_ids")
    def _check_point_offsets(self):
        for route in self:
            late = route.point_ids.filtered(
                lambda p, r=route: p.offset_minutes > r.duration_minutes
            )
            if late:
                raise ValidationError(
                    self.env._(
                        "Route %(route)s allows %(duration)s minutes per round, but check-point "
                        "%(point)s is expected %(offset)s minutes after the start: lengthen the "
                        "time allowed or move the point earlier.",
                        route=route.name,
                        duration=route.duration_minutes,
                        point=late[0].name,
                        offset=late[0].offset_minutes,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if {"team_id", "user_id"} & vals.keys():
            self._pm_reassign_planned_rounds()
        return res

    def _pm_reassign_planned_rounds(self):
        """The rounds planned ahead and not started follow the route's new
        crew and patroller."""
        Round = self.env["pm.patrol.round"].sudo()
        now = fields.Datetime.now()
        for route in self:
            Round.search(
                [
                    ("route_id", "=", route.id),
                    ("state", "=", "planned"),
                    ("start_date", "=", False),
                    ("scheduled_date", ">", now),
                ]
            ).write({"team_id": route.team_id.id, "user_id": route.user_id.id})

    # ------------------------------------------------------------------
    # The schedule
    # ------------------------------------------------------------------
    @api.depends(
        "first_start",
        "interval_number",
        "interval_unit",
        "resource_calendar_id",
        "round_ids.scheduled_date",
    )
    def _compute_next_round_date(self):
        last = self._pm_last_scheduled()
        for route in self:
            start = route.first_start
            previous = last.get(route._origin.id)
            if previous and route.interval_number > 0:
                following = previous + route._pm_get_interval()
                start = max(start, following) if start else following
            route.next_round_date = route._pm_align_to_calendar(start) if start else False

    def _pm_last_scheduled(self):
        """{route id: start of its last round planned}, in one query."""
        ids = [route._origin.id for route in self if route._origin.id]
        if not ids:
            return {}
        groups = (
            self.env["pm.patrol.round"]
            .sudo()
            ._read_group([("route_id", "in", ids)], ["route_id"], ["scheduled_date:max"])
        )
        return {route.id: last for route, last in groups}

    def _pm_get_interval(self):
        self.ensure_one()
        if self.interval_unit == "hours":
            return timedelta(hours=self.interval_number)
        return timedelta(days=self.interval_number)

    def _pm_align_to_calendar(self, when):
        """``when`` (naive UTC), or the next start of the route's working time
        when it falls outside (a leave of the calendar counts as outside)."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar or not when:
            return when
        start = pytz.utc.localize(when)
        intervals = calendar._work_intervals_batch(start, start + CALENDAR_LOOKAHEAD)[False]
        for begin, end, _attendances in intervals:
            if end > start:
                return max(begin, start).astimezone(pytz.utc).replace(tzinfo=None)
        return when  # no working time in two weeks: as planned

    def _pm_skip_past_slots(self, slot, now):
        """The first start from ``slot`` whose round can still be done: a round
        whose time allowed is over before it is planned (a route started in
        the past, a cron that did not run) is not planned at all."""
        self.ensure_one()
        duration = timedelta(minutes=self.duration_minutes)
        if slot + duration > now:
            return slot
        step = self._pm_get_interval()
        count = (now - duration - slot) // step + 1
        return self._pm_align_to_calendar(slot + count * step)

    @api.model
    def _pm_get_planning_horizon(self):
        """How far ahead the rounds are planned: the technicians see the
        rounds of their day."""
        return timedelta(hours=24)

    # ------------------------------------------------------------------
    # Planning the rounds
    # ------------------------------------------------------------------
    def _prepare_round_vals(self, scheduled):
        self.ensure_one()
        tolerance = timedelta(minutes=self.point_tolerance_minutes)
        company = self.company_id
        return {
            "name": f"{self.name} {company._pm_format_datetime(scheduled, company._pm_lang())}",
            "route_id": self.id,
            "team_id": self.team_id.id,
            "user_id": self.user_id.id,
            "scheduled_date": scheduled,
            "deadline": scheduled + timedelta(minutes=self.duration_minutes),
            "line_ids": [
                Command.create(point._prepare_round_point_vals(scheduled, tolerance))
                for point in self.point_ids
            ],
        }

    def _pm_plan_rounds(self, now=None):
        """Plan the rounds of these routes that start before the horizon, in
        batches: each pass creates the next round of every route still due.
        Returns the rounds created."""
        now = now or fields.Datetime.now()
        horizon = now + self._pm_get_planning_horizon()
        # planned by the system: no "created" note on each round
        Round = self.env["pm.patrol.round"].sudo().with_context(mail_create_nolog=True)
        created = Round
        routes = self.filtered(lambda r: r.active and r.point_ids)
        for _pass in range(MAX_ROUNDS_PER_RUN):
            due = routes.filtered(lambda r: r.next_round_date and r.next_round_date <= horizon)
            if not due:
                break
            vals_list = []
            for route in due:
                slot = route._pm_skip_past_slots(route.next_round_date, now)
                if slot != route.next_round_date:
                    route.next_round_date = slot
                    if slot > horizon:
                        continue
                vals_list.append(route._prepare_round_vals(slot))
            created |= Round.create(vals_list)
        return created

    @api.model
    def _cron_plan_rounds(self, now=None):
        now = now or fields.Datetime.now()
        routes = self.search([("next_round_date", "<=", now + self._pm_get_planning_horizon())])
        return routes._pm_plan_rounds(now)

    def action_pm_plan_rounds(self):
        """Plan Next Rounds: the rounds of the coming day, now (the cron does
        it too)."""
        self.check_access("write")
        without_points = self.filtered(lambda r: not r.point_ids)
        if without_points:
            raise UserError(
                self.env._(
                    "Route %(route)s has no check-point: add its points before planning rounds.",
                    route=without_points[0].name,
                )
            )
        self.sudo()._pm_plan_rounds()
        return self.action_pm_view_rounds()

    def action_pm_view_rounds(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pm_aftersales.pm_patrol_round_action"
        )
        action["domain"] = [("route_id", "in", self.ids)]
        action["context"] = {"create": False}
        return action
