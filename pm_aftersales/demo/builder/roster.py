from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

# A public holiday of the month, when the company's calendar has none:
# the fixed-date ones, else a company day off.
HOLIDAYS = {1: (1, "元旦"), 4: (5, "清明节"), 5: (1, "劳动节"), 10: (1, "国庆节")}
DEMO_HOLIDAY = (15, "公司假日（演示）")
CREWS = ("team_water_electric", "team_civil", "team_general")


class PmDemoBuilder(models.AbstractModel):
    """The duty roster of the month: day and night shifts of each crew's
    technicians in turn, 24-hour hotline shifts, a duty manager by day and
    by night, a public holiday, an approved swap and one to approve. Planned
    with the planning wizard by the supervisors who plan each duty."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_roster(self):
        ref = self.env.ref
        company = ref("base.main_company")
        first = company._pm_today().replace(day=1)
        last = first + relativedelta(months=1, days=-1)
        self._roster_holiday(company, first, last)
        # from the eve of the 1st: its night shift covers the 1st's small hours
        start = first - timedelta(days=1)
        engineer = ref("pm_aftersales.user_eng_supervisor")
        supervisor = ref("pm_aftersales.user_cs_supervisor")
        manager = ref("pm_aftersales.user_manager")
        for xmlid in CREWS:
            crew = ref(f"pm_aftersales.{xmlid}", raise_if_not_found=False)
            technicians = crew.user_ids.filtered(lambda user: not user.share) if crew else None
            if technicians:
                self._roster_plan(engineer, company, start, last, "crew", technicians, crew=crew)
        assistants = ref("pm_aftersales.user_assistant") | supervisor
        self._roster_plan(supervisor, company, start, last, "hotline", assistants, pattern="full")
        self._roster_plan(manager, company, start, last, "manager", manager | engineer)
        self._roster_swaps(engineer)
        return True

    @api.model
    def _roster_holiday(self, company, first, last):
        calendar = company.resource_calendar_id
        start, end = company._pm_local_day_bounds(first, last)
        utc = pytz.utc
        existing = self.env["resource.calendar.leaves"].search_count(
            [
                ("resource_id", "=", False),
                ("calendar_id", "in", [False, calendar.id]),
                ("company_id", "=", company.id),
                ("date_from", "<", end.astimezone(utc).replace(tzinfo=None)),
                ("date_to", ">", start.astimezone(utc).replace(tzinfo=None)),
            ]
        )
        if existing or not calendar:
            return
        day, name = HOLIDAYS.get(first.month, DEMO_HOLIDAY)
        holiday = first.replace(day=day)
        tz = company._pm_tz()
        self.env["resource.calendar.leaves"].create(
            {
                "name": name,
                "calendar_id": calendar.id,
                "date_from": tz.localize(datetime.combine(holiday, time.min))
                .astimezone(utc)
                .replace(tzinfo=None),
                "date_to": tz.localize(datetime.combine(holiday, time(23, 59, 59)))
                .astimezone(utc)
                .replace(tzinfo=None),
                "time_type": "leave",
            }
        )

    @api.model
    def _roster_plan(self, planner, company, first, last, duty, users, crew=None, **vals):
        wizard = (
            self.env["pm.duty.plan.wizard"]
            .with_user(planner)
            .with_company(company)
            .create(
                dict(
                    {
                        "duty_type": duty,
                        "company_id": company.id,
                        "team_id": crew.id if crew else False,
                        "date_from": first,
                        "date_to": last,
                        "line_ids": [Command.clear()]
                        + [
                            Command.create({"sequence": index, "user_id": user.id})
                            for index, user in enumerate(users)
                        ],
                    },
                    **vals,
                )
            )
        )
        return wizard.action_plan()

    @api.model
    def _roster_swaps(self, engineer):
        """The first technician of the water crew hands a coming shift over
        to a free colleague (approved); one of the civil crew asks for a swap
        still to approve."""
        ref, Shift = self.env.ref, self.env["pm.duty.shift"]
        soon = fields.Datetime.now() + timedelta(days=1)
        for xmlid, approve, reason in (
            ("team_water_electric", True, "家里有事，与同事调班"),
            ("team_civil", False, "孩子家长会，申请换班"),
        ):
            crew = ref(f"pm_aftersales.{xmlid}", raise_if_not_found=False)
            shift = crew and Shift.search(
                [("team_id", "=", crew.id), ("date_start", ">", soon)], order="date_start", limit=1
            )
            if not shift:
                continue
            busy = Shift.search(
                [("date_start", "<", shift.date_end), ("date_end", ">", shift.date_start)]
            ).user_id
            colleague = (crew.user_ids - shift.user_id - busy).filtered(lambda u: not u.share)[:1]
            if not colleague:
                continue
            swap = (
                self.env["pm.duty.swap"]
                .with_user(shift.user_id)
                .create({"shift_id": shift.id, "to_user_id": colleague.id, "reason": reason})
            )
            if approve:
                swap.with_user(engineer).action_approve()
