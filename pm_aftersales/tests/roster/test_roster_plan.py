from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..common_service import PmServiceCommon

# A Saturday before the month planned.
TODAY = datetime(2026, 2, 21, 2, 0)


@tagged("post_install", "-at_install")
class TestRosterPlan(PmServiceCommon):
    """March 2026 on the clock of Shanghai; the company's working hours are
    Monday to Friday, Monday 9 March is a public holiday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.company.resource_calendar_id
        cls.holiday = cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.calendar.id,
                "date_from": datetime(2026, 3, 8, 16, 0),  # 9 March 00:00 in Shanghai
                "date_to": datetime(2026, 3, 9, 15, 59, 59),
            }
        )
        cls.supervisor = cls.users["eng_supervisor"]

    def _plan(self, user=None, **vals):
        vals = dict(
            {
                "duty_type": "crew",
                "team_id": self.crew.id,
                "date_from": date(2026, 3, 1),
                "date_to": date(2026, 3, 31),
                "line_ids": [
                    Command.clear(),
                    *(
                        Command.create({"sequence": index, "user_id": tech.id})
                        for index, tech in enumerate(
                            (self.tech_plumber, self.tech_mason, self.leader)
                        )
                    ),
                ],
            },
            **vals,
        )
        with freeze_time(TODAY):
            wizard = self.env["pm.duty.plan.wizard"].with_user(user or self.supervisor).create(vals)
            action = wizard.action_plan()
        return self.env["pm.duty.shift"].search(action["domain"], order="date_start")

    def _local_day(self, shift):
        return (shift.date_start + timedelta(hours=8)).date()

    def test_a_month_of_day_and_night_shifts(self):
        shifts = self._plan()
        self.assertEqual(len(shifts), 62)
        first, second, third, fourth = shifts[:4]
        # 08:00-20:00 and 20:00-08:00 in Shanghai, in UTC
        self.assertEqual(
            (first.date_start, first.date_end), (datetime(2026, 3, 1, 0), datetime(2026, 3, 1, 12))
        )
        self.assertEqual(
            (second.date_start, second.date_end),
            (datetime(2026, 3, 1, 12), datetime(2026, 3, 2, 0)),
        )
        self.assertEqual(shifts[-1].date_end, datetime(2026, 4, 1, 0))
        # the people take the shifts in turn
        self.assertEqual(
            [s.user_id for s in (first, second, third, fourth)],
            [self.tech_plumber, self.tech_mason, self.leader, self.tech_plumber],
        )
        self.assertEqual(set(shifts.team_id), {self.crew})
        self.assertTrue(self.crew.pm_use_roster)
        self.assertEqual(first.name, "Day Shift 03-01 08:00–20:00")
        self.assertEqual(second.name, "Night Shift 03-01 20:00–08:00")
        self.assertEqual(shifts.mapped("shift_kind")[:2], ["day", "night"])
        self.assertEqual(
            shifts.filtered("is_night"), shifts.filtered(lambda s: s.shift_kind == "night")
        )
        self.assertEqual(len(shifts.filtered("is_night")), 31)
        # rest days: Saturdays and Sundays of March 2026 (1, 7, 8, 14, 15, ...)
        weekend_days = {self._local_day(s) for s in shifts.filtered("is_weekend")}
        self.assertEqual(sorted(d.day for d in weekend_days), [1, 7, 8, 14, 15, 21, 22, 28, 29])
        # the public holiday: the shifts starting on 9 March (not the night of the 8th)
        holiday = shifts.filtered("is_holiday")
        self.assertEqual(len(holiday), 2)
        self.assertEqual({self._local_day(s) for s in holiday}, {date(2026, 3, 9)})
        self.assertFalse(holiday.filtered("is_weekend"))

    def test_skip_public_holidays(self):
        shifts = self._plan(holiday_policy="skip")
        self.assertEqual(len(shifts), 60)
        self.assertNotIn(date(2026, 3, 9), {self._local_day(s) for s in shifts})
        self.assertFalse(shifts.filtered("is_holiday"))
        # the turn goes on: nobody loses his place
        self.assertEqual(shifts[16].user_id, self.tech_mason)  # 9 March skipped

    def test_weekend_only_and_24_hour_shifts(self):
        shifts = self._plan(pattern="full", weekend_policy="only", holiday_policy="only")
        days = sorted(self._local_day(s).day for s in shifts)
        self.assertEqual(days, [1, 7, 8, 9, 14, 15, 21, 22, 28, 29])
        self.assertEqual(set(shifts.mapped("duration")), {24.0})
        self.assertEqual(set(shifts.mapped("shift_kind")), {"full"})

    def test_a_holiday_added_later_marks_the_shifts(self):
        shifts = self._plan(date_to=date(2026, 3, 3))
        self.assertFalse(shifts.filtered("is_holiday"))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "New holiday",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2026, 3, 1, 16, 0),
                "date_to": datetime(2026, 3, 2, 15, 59, 59),
            }
        )
        self.assertEqual(
            {self._local_day(s) for s in shifts.filtered("is_holiday")}, {date(2026, 3, 2)}
        )

    def test_daylight_saving_time(self):
        """Paris goes to summer time on 29 March 2026: the wall clock's hours
        stay, the UTC times move."""
        self.company.partner_id.tz = "Europe/Paris"
        shifts = self._plan(date_from=date(2026, 3, 28), date_to=date(2026, 3, 29))
        day_28, night_28, day_29, _night_29 = shifts
        self.assertEqual(day_28.date_start, datetime(2026, 3, 28, 7, 0))
        self.assertEqual(night_28.date_start, datetime(2026, 3, 28, 19, 0))
        self.assertEqual(night_28.date_end, datetime(2026, 3, 29, 6, 0))
        self.assertEqual(night_28.duration, 11.0)
        self.assertEqual(day_29.date_start, datetime(2026, 3, 29, 6, 0))
        self.assertEqual(night_28.name, "Night Shift 03-28 20:00–08:00")

    def test_planning_twice_is_refused(self):
        self._plan(date_to=date(2026, 3, 2))
        with self.assertRaises(ValidationError):
            self._plan(date_to=date(2026, 3, 2))

    def test_hours_and_choices_are_checked(self):
        with self.assertRaises(ValidationError):
            self._plan(day_hour=20.0, night_hour=8.0)
        with self.assertRaises(UserError):
            self._plan(line_ids=[Command.clear()])
        with self.assertRaises(UserError):
            self._plan(date_from=date(2026, 3, 5), date_to=date(2026, 3, 1))

    def test_each_supervisor_plans_his_duty(self):
        hotline = self._plan(
            self.users["cs_supervisor"],
            duty_type="hotline",
            team_id=False,
            date_to=date(2026, 3, 1),
            line_ids=[Command.create({"user_id": self.users["assistant"].id})],
        )
        self.assertEqual(set(hotline.mapped("duty_type")), {"hotline"})
        self.assertFalse(hotline.team_id)
        with self.assertRaises(UserError):
            self._plan(self.users["cs_supervisor"], date_to=date(2026, 3, 1))
        with self.assertRaises(UserError):
            self._plan(duty_type="manager", team_id=False, date_to=date(2026, 3, 1))
        managers = self._plan(
            self.users["manager"],
            duty_type="manager",
            team_id=False,
            date_to=date(2026, 3, 1),
            line_ids=[Command.create({"user_id": self.users["manager"].id})],
        )
        self.assertEqual(len(managers), 2)
        with self.assertRaises(AccessError):
            self._plan(self.tech_plumber, date_to=date(2026, 3, 1))

    def test_the_crew_fills_the_rotation(self):
        with freeze_time(TODAY):
            form = Form(self.env["pm.duty.plan.wizard"].with_user(self.supervisor))
            form.team_id = self.crew
            self.assertEqual(len(form.line_ids), 3)
            self.assertEqual(form.shift_count, 56)  # 28 days from today, day and night
            form.pattern = "full"
            self.assertEqual(form.shift_count, 28)

    def test_overlapping_shifts_of_one_person_refused(self):
        Shift = self.env["pm.duty.shift"]
        first = Shift.create(
            {
                "team_id": self.crew.id,
                "user_id": self.tech_plumber.id,
                "date_start": datetime(2026, 3, 2, 0),
                "date_end": datetime(2026, 3, 2, 12),
            }
        )
        with self.assertRaises(ValidationError) as error:
            Shift.create(
                {
                    "team_id": self.crew.id,
                    "user_id": self.tech_plumber.id,
                    "date_start": datetime(2026, 3, 2, 11),
                    "date_end": datetime(2026, 3, 2, 20),
                }
            )
        message = str(error.exception)
        self.assertIn("Tech plumber cannot be on two shifts at once", message)
        self.assertIn("Day Shift 03-02 08:00–20:00", message)
        self.assertIn("19:00–04:00", message)
        # back to back, or somebody else, or an archived shift: fine
        Shift.create(
            {
                "team_id": self.crew.id,
                "user_id": self.tech_plumber.id,
                "date_start": datetime(2026, 3, 2, 12),
                "date_end": datetime(2026, 3, 2, 20),
            }
        )
        Shift.create(
            {
                "team_id": self.crew.id,
                "user_id": self.tech_mason.id,
                "date_start": datetime(2026, 3, 2, 6),
                "date_end": datetime(2026, 3, 2, 9),
            }
        )
        first.active = False
        Shift.create(
            {
                "team_id": self.crew.id,
                "user_id": self.tech_plumber.id,
                "date_start": datetime(2026, 3, 2, 6),
                "date_end": datetime(2026, 3, 2, 9),
            }
        )
        with self.assertRaises(ValidationError):
            first.active = True

    @mute_logger("odoo.sql_db")
    def test_sql_checks(self):
        Shift = self.env["pm.duty.shift"]
        with self.assertRaises(Exception), self.cr.savepoint():  # noqa: B017 - the CHECK
            Shift.create(
                {
                    "duty_type": "crew",
                    "user_id": self.tech_plumber.id,
                    "date_start": datetime(2026, 3, 2, 0),
                    "date_end": datetime(2026, 3, 2, 12),
                }
            )
        with self.assertRaises(Exception), self.cr.savepoint():  # noqa: B017
            Shift.create(
                {
                    "duty_type": "hotline",
                    "user_id": self.tech_plumber.id,
                    "date_start": datetime(2026, 3, 2, 12),
                    "date_end": datetime(2026, 3, 2, 12),
                }
            )
