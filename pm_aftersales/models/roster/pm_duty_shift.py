from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

DUTY_TYPES = [
    ("crew", "Repair Duty"),
    ("hotline", "Hotline Duty"),
    ("manager", "Duty Manager"),
]
# Who plans (and decides the swaps of) each duty.
PLANNER_GROUPS = {
    "crew": "pm_aftersales.group_pm_eng_supervisor",
    "hotline": "pm_aftersales.group_pm_cs_supervisor",
    "manager": "pm_aftersales.group_pm_manager",
}
SHIFT_KINDS = [
    ("day", "Day Shift"),
    ("night", "Night Shift"),
    ("full", "24-Hour Shift"),
]
# The night of the company's clock: a shift touching it is a night shift.
NIGHT_FROM, NIGHT_TO = time(22, 0), time(6, 0)
# From this length on, a shift is a 24-hour shift.
FULL_SHIFT_HOURS = 23


class PmDutyShift(models.Model):
    """A shift of the duty roster (排班/值班): who is on duty, when, for what.

    A repair duty shift (维修值班) is the shift of a technician for a crew:
    urgent jobs of the crew go to him at once; a hotline shift (客服热线值班)
    is an assistant's; a duty manager (值班经理) is told at once of an urgent
    job with no technician on duty. Times are stored in UTC; nights, weekends
    and public holidays are read on the company's clock and calendar."""

    _name = "pm.duty.shift"
    _inherit = ["mail.thread"]
    _description = "Duty Shift"
    _order = "date_start, duty_type, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, string="Shift")
    duty_type = fields.Selection(
        DUTY_TYPES, string="Duty", required=True, default="crew", tracking=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    estate_id = fields.Many2one(
        "pm.estate",
        string="Estate",
        check_company=True,
        index=True,
        tracking=True,
        help="Empty: every estate of the company.",
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Crew",
        check_company=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Person on Duty",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    user_phone = fields.Char(related="user_id.phone", string="Phone")
    date_start = fields.Datetime(string="From", required=True, index=True, tracking=True)
    date_end = fields.Datetime(string="To", required=True, index=True, tracking=True)
    duration = fields.Float(compute="_compute_calendar_flags", store=True, string="Hours")
    shift_kind = fields.Selection(
        SHIFT_KINDS, compute="_compute_calendar_flags", store=True, string="Kind"
    )
    is_night = fields.Boolean(
        compute="_compute_calendar_flags",
        store=True,
        string="Night",
        help="The shift covers part of the night (22:00-06:00 on the company's clock).",
    )
    is_weekend = fields.Boolean(
        compute="_compute_calendar_flags",
        store=True,
        string="Rest Day",
        help="The shift starts on a day without working hours in the company's calendar "
        "(the weekend).",
    )
    is_holiday = fields.Boolean(
        compute="_compute_calendar_flags",
        store=True,
        string="Public Holiday",
        help="The shift starts on a public holiday of the company's calendar.",
    )
    on_duty_now = fields.Boolean(
        compute="_compute_on_duty_now", search="_search_on_duty_now", string="On Duty Now"
    )
    note = fields.Text()
    swap_ids = fields.One2many("pm.duty.swap", "shift_id", string="Swaps")
    active = fields.Boolean(default=True)

    _date_order = models.Constraint("CHECK(date_end > date_start)", "A shift ends after it starts.")
    _crew_required = models.Constraint(
        "CHECK(duty_type != 'crew' OR team_id IS NOT NULL)",
        "A repair duty shift is the shift of a crew: choose the crew.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date_start", "date_end", "company_id")
    def _compute_calendar_flags(self):
        """Night, rest day and public holiday on the company's clock and
        calendar: two calendar queries per company, whatever the number of
        shifts."""
        by_company = defaultdict(lambda: self.browse())
        for shift in self:
            if shift.date_start and shift.date_end and shift.company_id:
                by_company[shift.company_id] |= shift
            else:
                shift.update(
                    {
                        "duration": 0.0,
                        "shift_kind": False,
                        "is_night": False,
                        "is_weekend": False,
                        "is_holiday": False,
                    }
                )
        for company, shifts in by_company.items():
            tz = company._pm_tz()
            starts = {shift: shift._pm_local(shift.date_start, tz) for shift in shifts}
            days = [start.date() for start in starts.values()]
            kinds = company._pm_roster_day_kinds(min(days), max(days))
            for shift in shifts:
                start = starts[shift]
                end = shift._pm_local(shift.date_end, tz)
                hours = (shift.date_end - shift.date_start).total_seconds() / 3600
                is_night = shift._pm_touches_night(start, end, tz)
                weekend, holiday = kinds[start.date()]
                shift.update(
                    {
                        "duration": hours,
                        "shift_kind": "full"
                        if hours >= FULL_SHIFT_HOURS
                        else ("night" if is_night else "day"),
                        "is_night": is_night,
                        "is_weekend": weekend,
                        "is_holiday": holiday,
                    }
                )

    @api.model
    def _pm_local(self, value, tz):
        return pytz.utc.localize(value).astimezone(tz)

    @api.model
    def _pm_touches_night(self, start, end, tz):
        """Whether [start, end) (aware) overlaps a night of ``tz``."""
        day = start.date() - timedelta(days=1)
        while day <= end.date():
            night_start = tz.localize(datetime.combine(day, NIGHT_FROM))
            night_end = tz.localize(datetime.combine(day + timedelta(days=1), NIGHT_TO))
            if night_start < end and start < night_end:
                return True
            day += timedelta(days=1)
        return False

    @api.depends("date_start", "date_end", "shift_kind", "company_id")
    def _compute_name(self):
        """E.g. "Night Shift 12-03 20:00–08:00" on the company's clock, in
        the company's language."""
        for shift in self:
            if not (shift.date_start and shift.date_end and shift.company_id):
                shift.name = False
                continue
            company = shift.company_id
            tz = company._pm_tz()
            start = shift._pm_local(shift.date_start, tz)
            end = shift._pm_local(shift.date_end, tz)
            shift.name = "{kind} {day} {start}–{end}".format(
                kind=shift._pm_kind_label(company._pm_lang()),
                day=start.strftime("%m-%d"),
                start=start.strftime("%H:%M"),
                end=end.strftime("%H:%M"),
            )

    def _pm_kind_label(self, lang):
        self.ensure_one()
        env = self.with_context(lang=lang).env
        labels = dict(self._fields["shift_kind"]._description_selection(env))
        return labels.get(self.shift_kind, "")

    @api.depends("name", "user_id")
    def _compute_display_name(self):
        for shift in self:
            shift.display_name = " · ".join(
                part for part in (shift.name, shift.user_id.name) if part
            )

    def _compute_on_duty_now(self):
        now = fields.Datetime.now()
        for shift in self:
            shift.on_duty_now = bool(
                shift.date_start and shift.date_start <= now < shift.date_end and shift.active
            )

    def _search_on_duty_now(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = self._pm_on_duty_domain()
        return domain if True in value else ~domain

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("user_id", "date_start", "date_end", "active")
    def _check_overlap(self):
        """Nobody is on two shifts at once (one query for all the shifts)."""
        self.flush_model(["user_id", "date_start", "date_end", "active"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT shift.id, other.id
                  FROM pm_duty_shift shift
                  JOIN pm_duty_shift other
                    ON other.user_id = shift.user_id
                   AND other.id != shift.id
                   AND other.active
                   AND other.date_start < shift.date_end
                   AND shift.date_start < other.date_end
                 WHERE shift.id = ANY(%s) AND shift.active
                 ORDER BY shift.id, other.id
                 LIMIT 1
                """,
                self.ids,
            )
        )
        if rows:
            shift, other = self.browse(rows[0]).sudo()
            raise ValidationError(
                self.env._(
                    "%(user)s cannot be on two shifts at once: “%(shift)s” overlaps “%(other)s”.",
                    user=shift.user_id.name,
                    shift=shift.name,
                    other=other.name,
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        shifts = super().create(vals_list)
        # A crew whose shifts are planned works by its roster.
        shifts.team_id.filtered(lambda team: not team.pm_use_roster).sudo().pm_use_roster = True
        return shifts

    # ------------------------------------------------------------------
    # Who is on duty
    # ------------------------------------------------------------------
    @api.model
    def _pm_on_duty_domain(self, duty_type=None, when=None, team=None, estate=None, company=None):
        """Shifts covering ``when`` (naive UTC, default now): of ``duty_type``
        (a code or a list), of the crews ``team``, for ``estate`` (its own
        shifts and those of every estate) and of ``company``."""
        when = when or fields.Datetime.now()
        domain = Domain("date_start", "<=", when) & Domain("date_end", ">", when)
        if duty_type:
            types = [duty_type] if isinstance(duty_type, str) else list(duty_type)
            domain &= Domain("duty_type", "in", types)
        if team is not None:
            domain &= Domain("team_id", "in", team.ids)
        if estate:
            domain &= Domain("estate_id", "in", [False, *estate.ids])
        if company is not None:
            domain &= Domain("company_id", "in", company.ids)
        return domain

    @api.model
    def _pm_on_duty(self, duty_type=None, when=None, team=None, estate=None, company=None):
        """The shifts covering ``when`` (see ``_pm_on_duty_domain``)."""
        return self.search(
            self._pm_on_duty_domain(duty_type, when, team=team, estate=estate, company=company)
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_request_swap(self):
        """Hand the shift over to a colleague: a swap for a supervisor to
        approve."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Swap a Shift"),
            "res_model": "pm.duty.swap",
            "view_mode": "form",
            "views": [(self.env.ref("pm_aftersales.pm_duty_swap_view_form").id, "form")],
            "target": "new",
            "context": {"default_shift_id": self.id},
        }
