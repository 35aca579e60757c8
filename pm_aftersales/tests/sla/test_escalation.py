from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.pm_aftersales.models.sla.pm_escalation_mixin import PmEscalationMixin

from ..common_service import T0, PmServiceCommon

M = timedelta(minutes=1)


@tagged("post_install", "-at_install")
class TestEscalation(PmServiceCommon):
    def _cron(self, when):
        with freeze_time(when):
            return self.env["pm.ticket.milestone"]._cron_escalate()

    def _activities(self, job, user):
        return job.activity_ids.filtered(
            lambda a: (
                a.user_id == user
                and a.activity_type_id
                == self.env.ref("pm_aftersales.mail_activity_type_escalation")
            )
        )

    def test_levels_once_each_and_never_twice(self):
        job = self._create_job()
        arrival = self._milestone(job, "arrival")
        response = self._milestone(job, "response")
        self.assertEqual(self._cron(T0 + 4 * M), self.env["pm.ticket.milestone"])
        # 11 minutes: the arrival is at risk (level 1: team leader), the
        # response is late (its level 1: team leader too)
        self.assertEqual(self._cron(T0 + 11 * M), arrival | response)
        self.assertEqual(arrival.escalation_level, 1)
        self.assertEqual(len(self._activities(job, self.leader)), 2)
        self.assertFalse(self._cron(T0 + 11 * M))  # never twice
        self.assertFalse(self._cron(T0 + 14 * M))
        # late: level 2, the customer-service supervisor
        self.assertEqual(self._cron(T0 + 16 * M), arrival)
        self.assertEqual(arrival.escalation_level, 2)
        supervisor = self.users["cs_supervisor"]
        self.assertEqual(len(self._activities(job, supervisor)), 1)
        self.assertIn(supervisor.partner_id, job.message_ids[0].partner_ids)
        self.assertFalse(self._cron(T0 + 20 * M))
        # 30 minutes after late: level 3, the manager; then nothing is left
        self.assertEqual(self._cron(T0 + 46 * M), arrival)
        self.assertEqual(arrival.escalation_level, 3)
        self.assertEqual(len(self._activities(job, self.users["manager"])), 1)
        self.assertFalse(arrival.next_escalation_date)
        self.assertFalse(self._cron(T0 + 10 * 60 * M) & arrival)
        self.assertEqual(job.escalation_level, 3)

    def test_met_milestone_is_not_escalated(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + M)
        with freeze_time(T0 + 3 * M):
            job.with_user(self.tech_plumber).action_take_job()
            job.with_user(self.tech_plumber).action_check_in()
        self.assertFalse(self._cron(T0 + 60 * M))
        self.assertEqual(self._milestone(job, "arrival").escalation_level, 0)

    def test_paused_milestone_is_not_escalated(self):
        job = self._create_job()
        with freeze_time(T0 + M):
            self.env["pm.ticket.pause"].create({"ticket_id": job.id})
        self.assertFalse(self._cron(T0 + 60 * M))
        with freeze_time(T0 + 61 * M):
            job.action_resume()
        # resumed at 61 min with 14 minutes left: at risk from 61 + 9 min
        arrival = self._milestone(job, "arrival")
        self.assertNotIn(arrival, self._cron(T0 + 69 * M))
        self.assertIn(arrival, self._cron(T0 + 71 * M))

    def test_nobody_at_the_level(self):
        self.estate.cs_supervisor_id = False
        job = self._create_job()
        self._cron(T0 + 11 * M)
        self._cron(T0 + 16 * M)
        arrival = self._milestone(job, "arrival")
        self.assertEqual(arrival.escalation_level, 2)  # recorded, not retried
        self.assertIn("nobody holds that role", job.message_ids[0].body)
        self.assertFalse(self._cron(T0 + 20 * M) & arrival)

    def test_one_failing_record_does_not_stop_the_others(self):
        jobs = [self._create_job() for _i in range(3)]
        bad = self._milestone(jobs[1], "response")
        original = PmEscalationMixin._escalate

        # The escalations are made by batch: the batch holding the bad one
        # fails, then its records are made one by one.
        def failing(records):
            if bad in records:
                raise ValueError("boom")
            return original(records)

        with (
            patch.object(PmEscalationMixin, "_escalate", failing),
            self.assertLogs("odoo.addons.pm_aftersales.models.sla.pm_escalation_mixin", "ERROR"),
        ):
            done = self._cron(T0 + 6 * M)
        self.assertEqual(
            done, self._milestone(jobs[0], "response") | self._milestone(jobs[2], "response")
        )
        self.assertEqual(bad.escalation_level, 0)
        self.assertEqual(self._milestone(jobs[2], "response").escalation_level, 1)

    def test_finding_is_one_query_whatever_the_open_jobs(self):
        Milestone = self.env["pm.ticket.milestone"]
        for _i in range(3):
            self._create_job()
        self.env.flush_all()
        with freeze_time(T0 + 1 * M), self.assertQueryCount(1):
            self.assertFalse(Milestone._cron_escalate())
        for _i in range(12):
            self._create_job()
        self.env.flush_all()
        with freeze_time(T0 + 1 * M), self.assertQueryCount(1):
            self.assertFalse(Milestone._cron_escalate())

    def _count_queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_queries_grow_with_escalations_made_only(self):
        """Each escalation costs about one activity and one message, no more."""
        job = self._create_job()
        self._create_job(category=self.cat_water_leak)  # open, not due
        one = self._count_queries(lambda: self._cron(T0 + 6 * M))  # 1 escalation
        for _i in range(3):
            self._create_job(when=T0 + 6 * M)
        # 11 min: the 3 new responses are late, the first job's arrival at risk
        four = self._count_queries(lambda: self.assertEqual(len(self._cron(T0 + 11 * M)), 4))
        marginal = (four - one) / 3
        supervisor = self.users["cs_supervisor"]

        def activity_and_message():
            other = self._create_job(when=T0)
            self.env.invalidate_all()
            other.activity_schedule(
                "pm_aftersales.mail_activity_type_escalation", summary="s", user_id=supervisor.id
            )
            other.message_post(
                body="b", partner_ids=supervisor.partner_id.ids, subtype_xmlid="mail.mt_note"
            )

        self._count_queries(activity_and_message)  # warm up
        baseline = self._count_queries(activity_and_message) - self._count_queries(
            lambda: self._create_job(when=T0)
        )
        self.assertLessEqual(marginal, baseline, (one, four, baseline))
        self.assertTrue(job.escalation_level)
