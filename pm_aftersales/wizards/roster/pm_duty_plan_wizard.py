from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...models.roster.pm_duty_shift import DUTY_TYPES, PLANNER_GROUPS

PATTERNS = [
    ("day_night", "Day and Night Shifts"),
    ("day", "Day Shifts Only"),
    ("night", "Night Shifts Only"),
    ("full", "24-Hour Shifts"),
]
DAY_POLICIES = [
    ("normal", "Plan as Usual"),
    ("skip", "Skip"),
    ("only", "Only These Days"),
]


class PmDutyPlanWizard(models.TransientModel):
    """Plan shifts (排班): the people of the rotation take the shifts of the
    period in turn, on the company's clock; public holidays and rest days
    come from the company's working hours."""

    _name = "pm.duty.plan.wizard"
    _description = "Plan Duty Shifts"

    duty_type = fields.Selection(DUTY_TYPES, string="Duty", required=True, default="crew")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Crew",
        domain="[('company_id', 'in', [company_id, False])]",
    )
    estate_id = fields.Many2one(
        "pm.estate",
        string="Estate",
        domain="[('company_id', '=', company_id)]",
        help="Empty: every estate of the company.",
    )
    line_ids = fields.One2many(
        "pm.duty.plan.wizard.line",
        "wizard_id",
        string="Rotation",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        help="The people who take the shifts in turn, in this order.",
    )
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=27),
    )
    pattern = fields.Selection(PATTERNS, string="Shifts", required=True, default="day_night")
    day_hour = fields.Float(
        string="Day Shift Starts",
        default=8.0,
        help="On the company's clock. A 24-hour shift starts then too.",
    )
    night_hour = fields.Float(
        string="Night Shift Starts",
        default=20.0,
        help="On the company's clock: the day shift ends then, the night shift ends when the "
        "next day shift starts.",
    )
    holiday_policy = fields.Selection(
        DAY_POLICIES,
        string="On Public Holidays",
        required=True,
        default="normal",
        help="Public holidays are the global leaves of the company's working hours.",
    )
    weekend_policy = fields.Selection(
        DAY_POLICIES,
        string="On Rest Days",
        required=True,
        default="normal",
        help="Rest days are the days without working hours in the company's working hours "
        "(the weekend).",
    )
    shift_count = fields.Integer(compute="_compute_shift_count", string="Shifts to Plan")

    @api.depends("team_id")
    def _compute_line_ids(self):
        """The crew's technicians, in the order of their names."""
        for wizard in self:
            members = wizard.team_id.user_ids.filtered(lambda user: not user.share)
            if wizard.duty_type == "crew" and members:
                wizard.line_ids = [Command.clear()] + [
                    Command.create({"sequence": index, "user_id": user.id})
                    for index, user in enumerate(members.sorted("name"))
                ]

    @api.depends(
        "date_from",
        "date_to",
        "pattern",
        "holiday_policy",
        "weekend_policy",
        "company_id",
    )
    def _compute_shift_count(self):
        for wizard in self:
            wizard.shift_count = (
                len(wizard._get_days()) * len(wizard._get_slots()) if wizard._dates_ok() else 0
            )

    @api.constrains("day_hour", "night_hour")
    def _check_hours(self):
        for wizard in self:
            if not (0 <= wizard.day_hour < wizard.night_hour < 24):
                raise ValidationError(
                    self.env._(
                        "The day shift starts between 00:00 and the start of the night shift, "
                        "which is before 24:00."
                    )
                )

    def _dates_ok(self):
        self.ensure_one()
        return bool(self.date_from and self.date_to and self.date_from <= self.date_to)

    # ------------------------------------------------------------------
    # The plan
    # ------------------------------------------------------------------
    def _get_slots(self):
        """The shifts of a day: (start, end) in hours from the day's midnight
        on the company's clock (an end past 24 is on the next day)."""
        self.ensure_one()
        day, night = self.day_hour, self.night_hour
        return {
            "day_night": [(day, night), (night, 24 + day)],
            "day": [(day, night)],
            "night": [(night, 24 + day)],
            "full": [(day, 24 + day)],
        }[self.pattern]

    def _get_days(self):
        """The days of the period to plan, by the holiday and rest-day
        choices."""
        self.ensure_one()
        kinds = self.company_id._pm_roster_day_kinds(self.date_from, self.date_to)
        return [
            day
            for day, (weekend, holiday) in sorted(kinds.items())
            if self._keep_day(weekend, holiday)
        ]

    def _keep_day(self, weekend, holiday):
        """Whether a day is planned: with an "only" choice, it must be of
        one of these kinds; it must be of no skipped kind."""
        self.ensure_one()
        kinds = [(holiday, self.holiday_policy), (weekend, self.weekend_policy)]
        only = [is_kind for is_kind, policy in kinds if policy == "only"]
        if only and not any(only):
            return False
        return not any(is_kind for is_kind, policy in kinds if policy == "skip")

    @api.model
    def _to_utc(self, tz, day, hours):
        """``hours`` after midnight of ``day`` on the wall clock of ``tz``, as
        a naive UTC datetime (each end localized on its own: DST-safe)."""
        minutes = round(hours * 60)
        local = datetime.combine(day, time.min) + timedelta(minutes=minutes)
        return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    def _check_plan(self):
        self.ensure_one()
        if not self._dates_ok():
            raise UserError(self.env._("The period ends before it starts."))
        if not self.env.user.has_group(PLANNER_GROUPS[self.duty_type]):
            raise UserError(
                self.env._(
                    "The %(duty)s shifts are planned by their supervisors: you cannot plan them.",
                    duty=dict(self._fields["duty_type"]._description_selection(self.env))[
                        self.duty_type
                    ],
                )
            )
        if self.duty_type == "crew" and not self.team_id:
            raise UserError(self.env._("Choose the crew whose shifts you plan."))
        if not self.line_ids:
            raise UserError(self.env._("Add the people who take the shifts in turn."))

    def _prepare_shift_vals_list(self):
        """The shifts of the plan: each slot of each day to the next person
        of the rotation."""
        self._check_plan()
        tz = self.company_id._pm_tz()
        users = [
            line.user_id for line in self.line_ids.sorted(lambda line: (line.sequence, line.id))
        ]
        vals_list, turn = [], 0
        for day in self._get_days():
            for start, end in self._get_slots():
                vals_list.append(
                    {
                        "duty_type": self.duty_type,
                        "company_id": self.company_id.id,
                        "team_id": self.team_id.id if self.duty_type == "crew" else False,
                        "estate_id": self.estate_id.id,
                        "user_id": users[turn % len(users)].id,
                        "date_start": self._to_utc(tz, day, start),
                        "date_end": self._to_utc(tz, day, end),
                    }
                )
                turn += 1
        return vals_list

    def action_plan(self):
        """Create the shifts of the plan (one create) and show them."""
        self.ensure_one()
        vals_list = self._prepare_shift_vals_list()
        if not vals_list:
            raise UserError(self.env._("No day of the period is left to plan."))
        shifts = self.env["pm.duty.shift"].create(vals_list)
        title = self.env._("Planned Shifts")
        domain = [("id", "in", shifts.ids)]
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "pm.duty.shift",
            "view_mode": "calendar,list,form",
            "views": [(False, "calendar"), (False, "list"), (False, "form")],
            "domain": domain,
            "context": {"initial_date": fields.Date.to_string(self.date_from)},
            "target": "current",
        }
