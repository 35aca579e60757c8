"""The escalation engine (pm.escalation.mixin) on the jobs' milestones: the
escalations due are made by batch, each written for its own recipient."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from ..common_service import T0, PmServiceCommon

M = timedelta(minutes=1)


@tagged("post_install", "-at_install")
class TestEscalationEngine(PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.company.partner_id.lang = "en_US"
        cls.leader_2 = cls._create_technician("leader_2", cls.trade_plumbing)
        cls.crew_2 = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Second water crew",
                "alias_name": "water-crew-2-test",
                "user_id": cls.leader_2.id,
                "user_ids": [Command.set(cls.leader_2.ids)],
            }
        )

    def _due_responses(self, count, team=None):
        """``count`` burst pipes reported at T0: their responses (5 minutes)
        are late, due at level 1 (the crew's leader) from T0 + 5 min."""
        jobs = [self._create_job(team_id=(team or self.crew).id) for _i in range(count)]
        return self.env["pm.ticket.milestone"].concat(
            *(self._milestone(job, "response") for job in jobs)
        )

    def _count_queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_a_batch_costs_at_most_8_queries_per_escalation(self):
        """Hot path: one activity create, one message create, one update per
        batch; the queries of a batch do not grow with its escalations."""
        warm, four, eight = (self._due_responses(n) for n in (1, 4, 8))
        with freeze_time(T0 + 6 * M):
            warm._escalate()  # caches: translations, activity type, ir.model
            self.env.invalidate_all()
            with self.assertQueryCount(8 * len(four)):
                self.assertEqual(four._escalate(), four)
            cost_eight = self._count_queries(lambda: self.assertEqual(eight._escalate(), eight))
        # twice the escalations, no more than the bound of the batch of four
        self.assertLessEqual(cost_eight, 8 * len(four))
        self.assertEqual(set((four | eight).mapped("escalation_level")), {1})
        activities = (four | eight).ticket_id.activity_ids.filtered(
            lambda a: a.user_id == self.leader
        )
        self.assertEqual(len(activities), 12)

    def test_batch_of_one_job_two_milestones_two_notes(self):
        job = self._create_job()
        with freeze_time(T0 + 11 * M):
            # the response is late, the arrival at risk: one batch
            done = self.env["pm.ticket.milestone"]._cron_escalate()
        self.assertEqual(done, job.milestone_ids.filtered(lambda m: m.escalation_level))
        self.assertEqual(len(done), 2)
        notes = job.message_ids.filtered(lambda m: self.leader.partner_id in m.partner_ids)
        self.assertEqual(len(notes), 2)
        self.assertEqual(
            {"Response", "Arrival on Site"},
            {m.body.striptags().split(" of this job")[0] for m in notes},
        )
        # in the leader's inbox, not mailed one by one
        notifications = self.env["mail.notification"].search([("mail_message_id", "in", notes.ids)])
        self.assertEqual(notifications.res_partner_id, self.leader.partner_id)
        self.assertEqual(set(notifications.mapped("notification_type")), {"inbox"})

    def test_each_recipient_of_a_batch_reads_their_language(self):
        self.leader.lang = "zh_CN"
        self.leader_2.lang = "en_US"
        first = self._due_responses(1)
        second = self._due_responses(1, team=self.crew_2)
        with freeze_time(T0 + 6 * M):
            done = self.env["pm.ticket.milestone"].with_context(lang="en_US")._cron_escalate()
        self.assertEqual(done, first | second)
        chinese = first.ticket_id.activity_ids.filtered(lambda a: a.user_id == self.leader)
        english = second.ticket_id.activity_ids.filtered(lambda a: a.user_id == self.leader_2)
        self.assertEqual(chinese.summary, f"第 1 级升级：{first.ticket_id.number} 的“接单”")
        self.assertEqual(
            english.summary, f"Escalation level 1: Response of {second.ticket_id.number}"
        )
        # the deadline on the company's clock (Asia/Shanghai: 18:05)
        self.assertIn("2026/3/2 18:05", chinese.note)
        self.assertIn("3/2/26, 6:05", english.note)
        self.assertIn("2026/3/2 18:05", first.ticket_id.message_ids[0].body)

    def test_next_escalation_date_is_stored_and_follows_the_ladder(self):
        job = self._create_job()
        arrival = self._milestone(job, "arrival")
        # urgent arrival (15 min, at risk at 67 %): level 1 when at risk
        self.assertEqual(arrival.next_escalation_date, arrival.at_risk_date)
        level_1 = arrival.rule_line_id.escalation_ids.filtered(lambda e: e.level == 1)
        level_1.delay_minutes = 3
        self.assertEqual(arrival.next_escalation_date, arrival.at_risk_date + 3 * M)
        with freeze_time(T0 + 14 * M):
            self.assertEqual(
                self.env["pm.ticket.milestone"]._cron_escalate(),
                arrival | self._milestone(job, "response"),
            )
        # level 2 when late
        self.assertEqual(arrival.next_escalation_date, arrival.deadline)
