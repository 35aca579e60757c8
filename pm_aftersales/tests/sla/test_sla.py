from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common_service import T0, PmServiceCommon

M = timedelta(minutes=1)
H = timedelta(hours=1)


@tagged("post_install", "-at_install")
class TestSlaRules(PmServiceCommon):
    def test_urgent_repair_limits(self):
        """Urgent repair: on site within 15 minutes and fixed within 8 hours, 24x7."""
        job = self._create_job()
        self.assertEqual(job.ticket_type_id, self.type_urgent)
        self.assertEqual(job.sla_rule_id, self.env.ref("pm_aftersales.pm_sla_rule_urgent_repair"))
        self.assertEqual(self._milestone(job, "arrival").deadline, T0 + 15 * M)
        self.assertEqual(self._milestone(job, "completion").deadline, T0 + 8 * H)
        self.assertEqual(self._milestone(job, "response").deadline, T0 + 5 * M)
        self.assertEqual(self._milestone(job, "followup").state, "pending")
        self.assertEqual(job.next_deadline, T0 + 5 * M)

    def test_arrival_met_then_completion_missed(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + 2 * M)
        with freeze_time(T0 + 14 * M):
            job.with_user(self.tech_plumber).action_check_in()
        arrival = self._milestone(job, "arrival")
        self.assertEqual((arrival.state, arrival.reached_date), ("met", T0 + 14 * M))
        self.assertTrue(arrival.within_limit)
        # arriving implies the job was taken: the response is met at the same time
        self.assertEqual(self._milestone(job, "response").state, "missed")
        job.write({"work_done": "Replaced the pipe", "failure_cause_id": self.cause_wear.id})
        with freeze_time(T0 + 8 * H + M):
            job.with_user(self.tech_plumber).action_complete()
        completion = self._milestone(job, "completion")
        self.assertEqual(completion.state, "missed")
        self.assertFalse(completion.within_limit)

    def test_arrival_one_minute_late(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + M)
        with freeze_time(T0 + 15 * M + timedelta(seconds=1)):
            job.with_user(self.tech_plumber).action_check_in()
        self.assertEqual(self._milestone(job, "arrival").state, "missed")

    def test_status_at_risk_and_late_without_cron(self):
        job = self._create_job()
        arrival = self._milestone(job, "arrival")
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time(T0 + 5 * M):
            self.assertEqual(arrival.status, "running")
        with freeze_time(T0 + 11 * M):  # 67 % of 15 minutes elapsed
            arrival.invalidate_recordset(["status"])
            self.assertEqual(arrival.status, "at_risk")
        with freeze_time(T0 + 16 * M):
            arrival.invalidate_recordset(["status"])
            self.assertEqual(arrival.status, "late")
            self.assertEqual(arrival.state, "running")  # nothing was rewritten
            job.invalidate_recordset(["sla_status"])
            self.assertEqual(job.sla_status, "late")
            self.assertIn(job, Ticket.search([("is_late", "=", True)]))
            self.assertNotIn(job, Ticket.search([("is_late", "=", False)]))
        with freeze_time(T0 + 3 * M):
            self.assertNotIn(job, Ticket.search([("is_late", "=", True)]))
            self.assertIn(job, Ticket.search([("is_late", "=", False)]))

    def test_late_filter_is_a_search_on_the_stored_deadline(self):
        for i in range(3):
            self._create_job(when=T0 + i * M)
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time(T0 + 20 * M):
            Ticket.flush_model()
            with self.assertQueryCount(1):
                late = Ticket.search([("is_late", "=", True)])
            for i in range(7):
                self._create_job(when=T0 + i * M)
            Ticket.flush_model()
            with self.assertQueryCount(1):
                late_more = Ticket.search([("is_late", "=", True)])
        self.assertEqual(len(late_more) - len(late), 7)

    def test_minor_repair_two_days_round_the_clock(self):
        job = self._create_job(category=self.cat_water_leak)
        self.assertEqual(job.ticket_type_id, self.type_minor)
        self.assertEqual(self._milestone(job, "completion").deadline, T0 + timedelta(days=2))

    def test_minor_repair_two_days_office_hours(self):
        """2 days of an 8-hour office calendar: 16 working hours, weekends and
        public holidays skipped."""
        line = self.env.ref("pm_aftersales.pm_sla_line_minor_repair_completion")
        line.calendar_id = self.calendar_office
        # Monday 10:00 + 16 working hours = Wednesday 10:00
        job = self._create_job(category=self.cat_water_leak)
        self.assertEqual(self._milestone(job, "completion").deadline, datetime(2026, 3, 4, 10, 0))
        # Thursday 15:00 + 16h: Thu 2h, Fri 8h, Mon 6h -> Monday 15:00
        job = self._create_job(category=self.cat_water_leak, when=datetime(2026, 3, 5, 15, 0))
        self.assertEqual(self._milestone(job, "completion").deadline, datetime(2026, 3, 9, 15, 0))
        # Monday 9 March is a public holiday: Tuesday 15:00
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar_office.id,
                "date_from": datetime(2026, 3, 9, 0, 0),
                "date_to": datetime(2026, 3, 9, 23, 59, 59),
            }
        )
        job = self._create_job(category=self.cat_water_leak, when=datetime(2026, 3, 5, 15, 0))
        self.assertEqual(self._milestone(job, "completion").deadline, datetime(2026, 3, 10, 15, 0))

    def test_pause_and_resume(self):
        """Waiting on the owner stops the clocks; the deadlines move on by the pause."""
        job = self._create_job()
        arrival = self._milestone(job, "arrival")
        with freeze_time(T0 + 10 * M):
            pause = self.env["pm.ticket.pause"].create(
                {"ticket_id": job.id, "reason": "owner_absent", "note": "Nobody answers"}
            )
        self.assertTrue(job.is_paused)
        self.assertEqual(arrival.state, "paused")
        with freeze_time(T0 + 70 * M):
            arrival.invalidate_recordset(["status"])
            self.assertEqual(arrival.status, "paused")  # never late while paused
            self.assertNotIn(job, self.env["helpdesk.ticket"].search([("is_late", "=", True)]))
            job.action_resume()
        self.assertFalse(job.is_paused)
        self.assertEqual(pause.duration_minutes, 60)
        self.assertEqual(arrival.state, "running")
        self.assertEqual(arrival.limit_deadline, T0 + 75 * M)
        self.assertEqual(arrival.paused_minutes, 60)
        self.assertEqual(self._milestone(job, "completion").deadline, T0 + 8 * H + 60 * M)
        self.assertIn("Nobody answers", job.message_ids[1].body)

    def test_a_late_limit_stays_late_after_a_pause(self):
        """Paused after its deadline, a limit is not reset to the end of the
        pause: it stays as late as it was."""
        job = self._create_job()
        arrival = self._milestone(job, "arrival")
        deadline = arrival.limit_deadline
        with freeze_time(deadline + 30 * M):
            pause = self.env["pm.ticket.pause"].create(
                {"ticket_id": job.id, "reason": "owner_absent"}
            )
        with freeze_time(deadline + 90 * M):
            pause.action_resume()
            self.assertEqual(arrival.limit_deadline, deadline + 60 * M)
            self.assertLess(arrival.limit_deadline, deadline + 90 * M, "still late")

    def test_finished_job_cannot_be_paused(self):
        """The job-event guard (pm.ticket.event.mixin): a cancelled job is
        finished, whether the job comes in the values or in the context."""
        job = self._create_job()
        with freeze_time(T0 + M):
            job.action_cancel_job()
        Pause = self.env["pm.ticket.pause"]
        with self.assertRaisesRegex(
            UserError, f"Job {job.number} is finished: it cannot be paused"
        ):
            Pause.create({"ticket_id": job.id})
        with self.assertRaisesRegex(UserError, "cannot be paused"):
            Pause.with_context(default_ticket_id=job.id).create({"reason": "no_access"})
        self.assertFalse(job.pause_ids)

    def test_pause_on_office_calendar_counts_working_time(self):
        line = self.env.ref("pm_aftersales.pm_sla_line_minor_repair_completion")
        line.calendar_id = self.calendar_office
        job = self._create_job(category=self.cat_water_leak)  # due Wed 10:00
        completion = self._milestone(job, "completion")
        with freeze_time(datetime(2026, 3, 2, 16, 0)):  # Mon 16:00, 10 working hours left
            self.env["pm.ticket.pause"].create({"ticket_id": job.id})
        with freeze_time(datetime(2026, 3, 4, 9, 0)):  # resumed Wed 09:00
            job.action_resume()
        # 10 working hours from Wed 09:00 -> Wed 8h + Thu 2h -> Thu 11:00
        self.assertEqual(completion.deadline, datetime(2026, 3, 5, 11, 0))

    def test_delay_keeps_original_deadline_and_promise(self):
        job = self._create_job()
        completion = self._milestone(job, "completion")
        with freeze_time(T0 + 2 * H):
            delay = self.env["pm.ticket.delay"].create(
                {
                    "ticket_id": job.id,
                    "milestone_id": completion.id,
                    "reason_id": self.env.ref("pm_aftersales.pm_delay_reason_parts").id,
                    "explanation": "The valve must be ordered",
                    "promised_date": T0 + 30 * H,
                    "user_id": self.tech_plumber.id,
                }
            )
        self.assertEqual(delay.original_deadline, T0 + 8 * H)
        self.assertEqual(completion.limit_deadline, T0 + 8 * H)
        self.assertEqual(completion.promised_deadline, T0 + 30 * H)
        self.assertEqual(completion.deadline, T0 + 30 * H)
        self.assertEqual(job.delay_count, 1)
        # the owner is told the reason and the promise
        mail = job.message_ids.filtered(lambda m: "The valve must be ordered" in (m.body or ""))
        self.assertTrue(mail)
        self.assertIn(self.owner_a, mail.partner_ids)
        # met before the promise: met, but not within the original limit
        self._dispatch(job, self.tech_plumber, T0 + 3 * H)
        with freeze_time(T0 + 4 * H):
            job.with_user(self.tech_plumber).action_check_in()
        job.write({"work_done": "Valve replaced", "failure_cause_id": self.cause_wear.id})
        with freeze_time(T0 + 29 * H):
            job.with_user(self.tech_plumber).action_complete()
        self.assertEqual(completion.state, "met")
        self.assertFalse(completion.within_limit)
        self.assertTrue(delay.promise_kept)

    def test_missed_promise_counts_as_missed(self):
        job = self._create_job()
        completion = self._milestone(job, "completion")
        with freeze_time(T0 + H):
            self.env["pm.ticket.delay"].create(
                {
                    "ticket_id": job.id,
                    "milestone_id": completion.id,
                    "reason_id": self.env.ref("pm_aftersales.pm_delay_reason_complex").id,
                    "explanation": "Wall must be opened",
                    "promised_date": T0 + 10 * H,
                }
            )
        self._dispatch(job, self.tech_plumber, T0 + 2 * H)
        with freeze_time(T0 + 3 * H):
            job.with_user(self.tech_plumber).action_check_in()
        job.write({"work_done": "Done at last", "failure_cause_id": self.cause_wear.id})
        with freeze_time(T0 + 11 * H):
            job.with_user(self.tech_plumber).action_complete()
        self.assertEqual(completion.state, "missed")
        self.assertFalse(job.delay_ids.promise_kept)

    def test_promise_in_the_past_is_refused(self):
        job = self._create_job()
        with freeze_time(T0 + H), self.assertRaisesRegex(ValidationError, "must be in the future"):
            self.env["pm.ticket.delay"].create(
                {
                    "ticket_id": job.id,
                    "milestone_id": self._milestone(job, "completion").id,
                    "reason_id": self.env.ref("pm_aftersales.pm_delay_reason_other").id,
                    "explanation": "x",
                    "promised_date": T0 + 30 * M,
                }
            )
        self.assertFalse(self._milestone(job, "completion").promised_deadline)

    def test_rule_duration_must_be_positive(self):
        rule = self.env["pm.sla.rule"].create({"name": "Test"})
        for duration in (0, -15):
            with (
                self.subTest(duration=duration),
                self.assertRaises(IntegrityError) as cm,
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.env["pm.sla.rule.line"].create(
                    {"rule_id": rule.id, "milestone_type": "arrival", "duration": duration}
                )
            self.assertIn(
                "must be longer than zero",
                self.env["pm.sla.rule.line"]._sql_error_to_message(cm.exception),
            )

    def test_rule_matching_by_category_priority_and_type(self):
        special = self.env["pm.sla.rule"].create(
            {
                "name": "VIP burst pipe",
                "sequence": 1,
                "category_ids": [
                    Command.set(self.env.ref("pm_aftersales.helpdesk_category_water_electric").ids)
                ],
                "priority": "3",
                "line_ids": [
                    Command.create(
                        {"milestone_type": "arrival", "duration": 10, "duration_uom": "minute"}
                    )
                ],
            }
        )
        # a sub-category of water & electric, priority 3 by its type: the special rule
        job = self._create_job()
        self.assertEqual(job.sla_rule_id, special)
        self.assertEqual(self._milestone(job, "arrival").deadline, T0 + 10 * M)
        self.assertFalse(self._milestone(job, "completion"))
        # another priority: the company rule applies again, milestones replaced
        with freeze_time(T0 + M):
            job.priority = "1"
        self.assertEqual(job.sla_rule_id, self.env.ref("pm_aftersales.pm_sla_rule_urgent_repair"))
        self.assertEqual(self._milestone(job, "arrival").deadline, T0 + 15 * M)
        self.assertTrue(self._milestone(job, "completion"))

    def test_rule_change_is_seen_by_the_next_lookup(self):
        """The rules' criteria are cached (pm.cache.clear.mixin): a write, an
        archiving or a deletion of a rule is seen by the very next lookup."""
        Rule = self.env["pm.sla.rule"]
        urgent = self.env.ref("pm_aftersales.pm_sla_rule_urgent_repair")
        special = Rule.create({"name": "VIP", "sequence": 1, "priority": "0"})
        job = self._create_job()
        self.assertEqual(job.priority, "3")
        # the lookup fills the cache: the special rule does not match
        self.assertEqual(Rule._find_for_tickets(job)[job], urgent)
        special.priority = "3"
        self.assertEqual(Rule._find_for_tickets(job)[job], special)
        special.action_archive()
        self.assertEqual(Rule._find_for_tickets(job)[job], urgent)
        special.action_unarchive()
        self.assertEqual(Rule._find_for_tickets(job)[job], special)
        special.unlink()
        self.assertEqual(Rule._find_for_tickets(job)[job], urgent)

    def test_reapplying_keeps_what_is_met(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + M)
        with freeze_time(T0 + 5 * M):
            job.with_user(self.tech_plumber).action_check_in()
        job.ticket_type_id = self.type_minor
        self.assertEqual(self._milestone(job, "arrival").state, "met")
        self.assertEqual(self._milestone(job, "completion").deadline, T0 + timedelta(days=2))

    def test_cancel_stops_the_clocks(self):
        job = self._create_job()
        with freeze_time(T0 + M):
            job.action_cancel_job()
        self.assertEqual(set(job.milestone_ids.mapped("state")), {"cancelled"})
        self.assertFalse(job.next_deadline)

    def test_creation_query_count(self):
        """Creating a job (rule, milestones, places, warranty, parts cost in the
        company currency) costs a bounded
        number of queries, the same for the 2nd and the 12th job."""
        vals = {
            "name": "Leak",
            "description": "<p>Leak</p>",
            "category_id": self.cat_burst_pipe.id,
            "unit_id": self.unit_a.id,
            "partner_id": self.owner_a.id,
            "team_id": self.crew.id,
        }
        Ticket = self.env["helpdesk.ticket"]
        for existing in (1, 10):
            for _i in range(existing):
                self._create_job()
            self.env.invalidate_all()
            with (
                self.subTest(existing=existing),
                freeze_time(T0),
                self.assertQueryCount(__system__=19),
            ):
                Ticket.create(dict(vals))
                self.env.flush_all()
