from datetime import datetime, time, timedelta

import pytz

from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _pm_roster_calendar(self):
        """The company's working hours: their days are its working days,
        their global leaves its public holidays."""
        self.ensure_one()
        calendar = self.sudo().resource_calendar_id
        return calendar if calendar and not calendar.flexible_hours else calendar.browse()

    def _pm_local_day_bounds(self, date_from, date_to):
        """Start of ``date_from`` and end of ``date_to`` on the company's
        clock, as aware datetimes."""
        tz = self._pm_tz()
        return (
            tz.localize(datetime.combine(date_from, time.min)),
            tz.localize(datetime.combine(date_to + timedelta(days=1), time.min)),
        )

    def _pm_roster_day_kinds(self, date_from, date_to):
        """{day: (rest day, public holiday)} for the days ``date_from`` to
        ``date_to`` of the company's clock. A rest day (weekend) is a day
        without working hours in the company's calendar (without a calendar:
        Saturday and Sunday); a public holiday is a day touched by a global
        leave of that calendar. Two queries whatever the number of days."""
        self.ensure_one()
        tz = self._pm_tz()
        days = [date_from + timedelta(days=n) for n in range((date_to - date_from).days + 1)]
        calendar = self._pm_roster_calendar()
        if not calendar:
            return {day: (day.weekday() >= 5, False) for day in days}
        start, end = self._pm_local_day_bounds(date_from, date_to)
        worked = {
            interval_start.date()
            for interval_start, _stop, _attendance in calendar._attendance_intervals_batch(
                start, end, tz=tz
            )[False]
        }
        holidays = set()
        leaves = calendar._leave_intervals_batch(
            start, end, domain=self._pm_public_holiday_domain(), tz=tz
        )[False]
        for leave_start, leave_stop, _leave in leaves:
            day, last = leave_start.date(), (leave_stop - timedelta(microseconds=1)).date()
            while day <= last:
                holidays.add(day)
                day += timedelta(days=1)
        return {day: (day not in worked, day in holidays) for day in days}

    def _pm_public_holiday_domain(self):
        """The global leaves of the company (their calendar and resource are
        filtered by the calendar's own leave search)."""
        self.ensure_one()
        return [("time_type", "=", "leave"), ("company_id", "in", [False, self.id])]

    def _pm_roster_is_office_time(self, when):
        """Whether ``when`` (naive UTC) falls in the company's working day:
        between the first and the last working hour of a working day that is
        no public holiday (a lunch break counts as the day). Outside it
        (nights, weekends, holidays) only the duty roster says who works."""
        self.ensure_one()
        calendar = self._pm_roster_calendar()
        if not calendar:
            return True
        tz = self._pm_tz()
        local = pytz.utc.localize(when).astimezone(tz)
        start, end = self._pm_local_day_bounds(local.date(), local.date())
        intervals = list(
            calendar._work_intervals_batch(
                start, end, domain=self._pm_public_holiday_domain(), tz=tz
            )[False]
        )
        if not intervals:
            return False
        return intervals[0][0] <= local < intervals[-1][1]
