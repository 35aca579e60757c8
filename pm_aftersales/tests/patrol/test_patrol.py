from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common_service import T0
from .common_patrol import PmPatrolCommon

HOUR = timedelta(hours=1)


@tagged("post_install", "-at_install")
class TestPatrolPlanning(PmPatrolCommon):
    def test_cron_plans_the_rounds_of_the_day_at_the_interval(self):
        self._cron(T0)
        rounds = self.route.round_ids.sorted("scheduled_date")
        # every four hours, a day ahead
        self.assertEqual(rounds.mapped("scheduled_date"), [T0 + 4 * HOUR * i for i in range(7)])
        self.assertEqual(rounds.mapped("deadline"), [T0 + 4 * HOUR * i + HOUR for i in range(7)])
        self.assertEqual(set(rounds.mapped("state")), {"planned"})
        self.assertEqual(rounds.team_id, self.crew)
        self.assertFalse(rounds.user_id, "a crew's round waits for a member to take it")
        first = rounds[0]
        self.assertEqual(first.estate_id, self.estate)
        self.assertEqual(first.company_id, self.company)
        self.assertEqual(first.line_ids.mapped("name"), ["Main gate", "Car park B1", "Fire pump"])
        self.assertEqual(
            first.line_ids.mapped("expected_date"),
            [T0, T0 + timedelta(minutes=20), T0 + timedelta(minutes=40)],
        )
        self.assertEqual(first.line_ids[1].due_date, T0 + timedelta(minutes=30))
        self.assertEqual(
            first.line_ids[0].check_ids.mapped("name"), ["Barrier works", "Guard on duty"]
        )
        self.assertEqual(self._line(first, self.pump).public_area_id, self.stairwell)
        self.assertEqual(self.route.next_round_date, T0 + 28 * HOUR)
        # the next run the same minute plans nothing twice; four hours later, one more
        self._cron(T0 + timedelta(minutes=15))
        self.assertEqual(self.route.round_count, 7)
        self._cron(T0 + 4 * HOUR)
        self.assertEqual(len(self.route.round_ids), 8)
        self.assertEqual(max(self.route.round_ids.mapped("scheduled_date")), T0 + 28 * HOUR)

    def test_rounds_start_in_the_working_time_of_the_calendar(self):
        # office hours: Monday to Friday, 09:00-17:00 UTC
        self.route.resource_calendar_id = self.calendar_office
        self._cron(T0)
        starts = sorted(self.route.round_ids.mapped("scheduled_date"))
        # Monday 10:00 and 14:00; 18:00 is after hours: Tuesday 09:00
        self.assertEqual(starts, [T0, T0 + 4 * HOUR, datetime(2026, 3, 3, 9, 0)])
        self.assertEqual(self.route.next_round_date, datetime(2026, 3, 3, 13, 0))
        # a daily route starting on a Saturday starts on Monday morning
        weekly = self.route.copy(
            {
                "name": "Fire exits",
                "interval_number": 1,
                "interval_unit": "days",
                "first_start": datetime(2026, 3, 7, 8, 0),
            }
        )
        self.assertEqual(weekly.next_round_date, datetime(2026, 3, 9, 9, 0))
        self.assertEqual(len(weekly.point_ids), 3, "the points are copied with the route")

    def test_a_start_in_the_past_is_not_caught_up(self):
        self.route.first_start = T0 - 72 * HOUR
        self._cron(T0 + timedelta(minutes=30))
        starts = sorted(self.route.round_ids.mapped("scheduled_date"))
        # the rounds whose hour is over are not planned; the current one is
        self.assertEqual(starts[0], T0)
        self.assertEqual(len(starts), 7)

    def test_supervisor_plans_the_next_rounds_from_the_route(self):
        supervisor = self.users["eng_supervisor"]
        with freeze_time(T0 - 2 * HOUR):
            action = self.route.with_user(supervisor).action_pm_plan_rounds()
        self.assertEqual(action["res_model"], "pm.patrol.round")
        self.assertEqual(len(self.route.round_ids), 6)
        empty = self.env["pm.patrol.route"].create(
            {"name": "Empty", "estate_id": self.estate.id, "team_id": self.crew.id}
        )
        with self.assertRaisesRegex(UserError, "no check-point"):
            empty.with_user(supervisor).action_pm_plan_rounds()

    def test_the_rounds_planned_ahead_follow_a_new_patroller(self):
        self._cron(T0)
        with freeze_time(T0 + timedelta(minutes=30)):
            self.route.user_id = self.tech_mason
        rounds = self.route.round_ids.sorted("scheduled_date")
        self.assertFalse(rounds[0].user_id, "the round under way keeps its patroller")
        self.assertEqual(rounds[1:].user_id, self.tech_mason)

    def test_route_constraints(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["pm.patrol.route"].create({"name": "Nobody", "estate_id": self.estate.id})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.route.interval_number = 0
            self.route.flush_recordset()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["pm.patrol.point"].create(
                {
                    "route_id": self.route.id,
                    "public_area_id": self.area.id,
                    "equipment_id": self.pump.id,
                }
            )
        with self.assertRaisesRegex(Exception, "Riverside"), self.cr.savepoint():
            self.route.point_ids = [Command.create({"public_area_id": self.area_other.id})]


@tagged("post_install", "-at_install")
class TestPatrolRound(PmPatrolCommon):
    def test_scanning_the_right_label_records_the_scan(self):
        round_ = self._first_round()
        gate = self._line(round_, self.area)
        self._scan(gate, self.area, 2)
        self.assertEqual(gate.scan_date, T0 + timedelta(minutes=2))
        self.assertEqual(gate.scanned_by, self.tech_plumber)
        self.assertFalse(gate.is_late)
        self.assertEqual(round_.state, "in_progress")
        self.assertEqual(round_.start_date, T0 + timedelta(minutes=2))
        self.assertEqual(round_.user_id, self.tech_plumber, "the crew member took the round")
        # the label's bare token works too (a hardware scanner)
        car_park = self._line(round_, self.car_park)
        with freeze_time(T0 + timedelta(minutes=15)):
            car_park.with_user(self.tech_plumber).action_pm_scan(self.car_park.pm_qr_token)
        self.assertTrue(car_park.scan_date)

    def test_the_label_of_another_place_is_refused(self):
        round_ = self._first_round()
        gate = self._line(round_, self.area)
        with self.assertRaises(UserError) as caught:
            self._scan(gate, self.car_park, 2)
        message = str(caught.exception)
        self.assertIn("Car park B1", message)
        self.assertIn("Main gate", message)
        with self.assertRaisesRegex(UserError, "not a place label"), freeze_time(T0):
            gate.with_user(self.tech_plumber).action_pm_scan("https://example.com/nothing")
        self.assertFalse(gate.scan_date)
        self.assertFalse(gate.scanned_by)
        self.assertEqual(round_.state, "planned")
        self.assertFalse(round_.user_id)
        # the equipment's point wants the equipment's label, not its room's
        with self.assertRaises(UserError):
            self._scan(self._line(round_, self.pump), self.stairwell, 3)

    def test_a_point_scanned_late_is_flagged(self):
        round_ = self._first_round()
        self._scan_ok(self._line(round_, self.area), self.area, 5)
        car_park = self._line(round_, self.car_park)
        # expected at +20 with 10 minutes of tolerance: +35 is late
        self._scan_ok(car_park, self.car_park, 35)
        self.assertTrue(car_park.is_late)
        self.assertFalse(self._line(round_, self.area).is_late)
        self._scan_ok(self._line(round_, self.pump), self.pump, 45)
        self.assertEqual(round_.state, "done")
        self.assertEqual(round_.late_count, 1)
        self.assertFalse(round_.on_time, "done in time, but with a late point")
        self.assertEqual(round_.on_time_rate, 0)

    def test_a_round_done_in_time_is_on_time_and_not_escalated(self):
        round_ = self._first_round()
        self._scan_ok(self._line(round_, self.area), self.area, 1)
        self._scan_ok(self._line(round_, self.car_park), self.car_park, 21)
        action = self._scan_ok(self._line(round_, self.pump), self.pump, 41)
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        self.assertEqual(round_.state, "done")
        self.assertEqual(round_.done_date, T0 + timedelta(minutes=42))
        self.assertTrue(round_.on_time)
        self.assertEqual(round_.on_time_rate, 100)
        # "All in Order" answered the checks left
        self.assertEqual(set(round_.line_ids.check_ids.mapped("result")), {"ok"})
        self._cron(T0 + 2 * HOUR)
        self.assertEqual(round_.escalation_level, 0)
        self.assertFalse(round_.activity_ids)

    def test_answering_opens_the_next_point(self):
        round_ = self._first_round()
        gate = self._line(round_, self.area)
        action = round_.with_user(self.tech_plumber).action_pm_next_point()
        self.assertEqual((action["res_model"], action["res_id"]), (gate._name, gate.id))
        action = self._scan_ok(gate, self.area, 1)
        self.assertEqual(action["res_id"], self._line(round_, self.car_park).id)
        self.assertEqual(action["target"], "new")

    def test_a_missed_point_is_flagged_and_escalated_once(self):
        supervisor = self.users["eng_supervisor"]
        self.env["res.lang"]._activate_lang("zh_CN")
        supervisor.lang = "zh_CN"
        round_ = self._first_round()
        self._scan_ok(self._line(round_, self.area), self.area, 1)
        self._scan_ok(self._line(round_, self.car_park), self.car_park, 21)
        # the pump is never scanned; at the deadline (+60) it is missed
        self._cron(T0 + timedelta(minutes=59))
        self.assertEqual(round_.state, "in_progress")
        self._cron(T0 + timedelta(minutes=61))
        pump = self._line(round_, self.pump)
        self.assertEqual(pump.state, "missed")
        self.assertEqual(round_.state, "done", "a round started is closed with its missed points")
        self.assertEqual(round_.done_date, T0 + timedelta(minutes=21))
        self.assertEqual(round_.missed_count, 1)
        self.assertFalse(round_.on_time)
        self.assertEqual(round_.escalation_level, 1)
        activity = round_.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, supervisor)
        # in his language
        self.assertIn("漏检 1 个", activity.summary)
        # the deadline on the company's clock: 11:00 UTC is 19:00 in Shanghai
        message = round_.message_ids.filtered(lambda m: supervisor.partner_id in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("19:00", message.body)
        self.assertIn("Fire pump", message.body)
        # the cron runs again: nothing more
        self._cron(T0 + timedelta(minutes=90))
        self._cron(T0 + 3 * HOUR)
        self.assertEqual(round_.escalation_level, 1)
        self.assertEqual(len(round_.activity_ids), 1)
        self.assertEqual(
            len(round_.message_ids.filtered(lambda m: supervisor.partner_id in m.partner_ids)), 1
        )
        self.assertIn(round_, self.Round.search([("missed_count", ">", 0)]))

    def test_a_round_never_started_is_missed(self):
        self._cron(T0)
        second = self.route.round_ids.filtered(lambda r: r.scheduled_date == T0 + 4 * HOUR)
        self._cron(T0 + 5 * HOUR + timedelta(minutes=1))
        self.assertEqual(second.state, "missed")
        self.assertEqual(set(second.line_ids.mapped("state")), {"missed"})
        self.assertEqual(second.missed_count, 3)
        self.assertEqual(second.escalation_level, 1)
        self.assertEqual(second.activity_ids.user_id, self.users["eng_supervisor"])
        # the later rounds are untouched
        third = self.route.round_ids.filtered(lambda r: r.scheduled_date == T0 + 8 * HOUR)
        self.assertEqual(third.state, "planned")
        self.assertEqual(third.escalation_level, 0)

    def test_a_closed_round_cannot_be_scanned(self):
        round_ = self._first_round()
        self._cron(T0 + 2 * HOUR)
        self.assertEqual(round_.state, "missed")
        with self.assertRaisesRegex(UserError, "patrolled"):
            self._scan(self._line(round_, self.area), self.area, 70)


@tagged("post_install", "-at_install")
class TestPatrolFindings(PmPatrolCommon):
    def test_a_failed_check_opens_a_job_at_the_public_area(self):
        round_ = self._first_round()
        gate = self._line(round_, self.area)
        self._scan(gate, self.area, 2)
        barrier, guard = gate.check_ids
        barrier.with_user(self.tech_plumber).write(
            {"result": "failed", "note": "Barrier arm broken"}
        )
        guard.with_user(self.tech_plumber).result = "ok"
        with self.assertRaisesRegex(UserError, "Barrier works"), freeze_time(T0):
            gate.with_user(self.tech_plumber).action_pm_point_ok()
        with freeze_time(T0 + timedelta(minutes=3)):
            gate.with_user(self.tech_plumber).action_pm_point_failed()
        self.assertEqual(gate.state, "failed")
        self.assertIn("Barrier arm broken", gate.note)
        job = gate.ticket_id
        self.assertTrue(job)
        self.assertEqual(job.public_area_id, self.area)
        self.assertFalse(job.unit_id)
        self.assertEqual(job.estate_id, self.estate)
        self.assertEqual(job.company_id, self.company)
        self.assertEqual(job.category_id, self.env.ref("pm_aftersales.helpdesk_category_patrol"))
        self.assertTrue(job.is_repair)
        self.assertIn("Barrier arm broken", job.description)
        self.assertIn(round_.name, job.description)
        self.assertIn("Main gate", job.name)
        self.assertEqual(round_.ticket_ids, job)
        self.assertEqual(round_.failed_count, 1)
        self.assertTrue(round_.message_ids.filtered(lambda m: job.number in (m.body or "")))

    def test_a_failed_point_opens_a_job_on_the_equipment(self):
        round_ = self._first_round()
        pump = self._line(round_, self.pump)
        self._scan(pump, self.pump, 40)
        pump.with_user(self.tech_plumber).note = "Seal leaking under the pump"
        with freeze_time(T0 + timedelta(minutes=41)):
            pump.with_user(self.tech_plumber).action_pm_point_failed()
        job = pump.ticket_id
        self.assertEqual(job.equipment_id, self.pump)
        self.assertEqual(job.public_area_id, self.stairwell)
        self.assertEqual(job.category_id, self.cat_pump.pm_ticket_category_id)
        self.assertIn("Seal leaking", job.description)

    def test_a_problem_needs_what_was_found(self):
        round_ = self._first_round()
        gate = self._line(round_, self.area)
        with self.assertRaisesRegex(UserError, "Scan the label"), freeze_time(T0):
            gate.with_user(self.tech_plumber).action_pm_point_failed()
        self._scan(gate, self.area, 2)
        with self.assertRaisesRegex(UserError, "Say what was found"), freeze_time(T0):
            gate.with_user(self.tech_plumber).action_pm_point_failed()
        self.assertEqual(gate.state, "pending")
        self.assertFalse(gate.ticket_id)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            gate.sudo().write({"state": "failed"})
            gate.flush_recordset()

    def test_the_scan_cannot_be_typed_in(self):
        round_ = self._first_round()
        gate = self._line(round_, self.area).with_user(self.tech_plumber)
        with self.assertRaisesRegex(UserError, "set by its scan"):
            gate.write({"scan_date": T0})
        with self.assertRaisesRegex(UserError, "set by its planning"):
            round_.with_user(self.tech_plumber).write({"state": "done"})
        self._scan_ok(gate, self.area, 1)
        with self.assertRaisesRegex(UserError, "already answered"):
            gate.check_ids[0].result = "failed"

    def test_escalation_levels_start_at_one(self):
        """The ladders' shared rule (pm.escalation.level.mixin): level 0 is
        refused by the database, for every ladder."""
        for model in ("pm.patrol.escalation", "pm.rectification.escalation", "pm.sla.escalation"):
            table = self.env[model]._table
            self.assertIn(f"{table}_level_positive", self.env[model]._table_objects, model)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["pm.patrol.escalation"].create(
                {"company_id": self.company.id, "level": 0, "target": "eng_supervisor"}
            )
