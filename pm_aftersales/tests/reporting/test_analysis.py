"""The managers' figures on a hand-built February 2026 (see common_staff):

Jobs completed in February: the plumber's J1, J2, J3 and the mason's job, all
urgent repairs (burst pipe).
  arrival minutes 10, 30, 20, 5 -> average 16.25, 90th percentile
      (linear) 20 + 0.7 x (30 - 20) = 27.0; within limit 3 of 4 -> 75 %
  completion hours 2, 10, 4, 1 -> average 4.25, 90th percentile 4 + 0.7 x 6 = 8.2
  accepted at first try 3 of 4 -> 75 %
Complaints: February 3 (2 upheld, 1 not -> 66.67 % upheld), March 1; all from
the same owner, so each but the first follows another within 90 days: 2
repeats in February (two were made the same minute), 1 in March.
"""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError

from ..common_staff import PmStaffCommon

FEB = [("date", ">=", "2026-02-01"), ("date", "<", "2026-03-01")]
FEB_DONE = [("done_date", ">=", "2026-01-31 16:00:00"), ("done_date", "<", "2026-02-28 16:00:00")]


class TestAnalysis(PmStaffCommon):
    def setUp(self):
        super().setUp()
        self._build_february()
        for job, scores in ((self.job1, (5, 5, 4)), (self.job2, (2, 3, 3))):
            self.env.cr.execute(
                """INSERT INTO pm_ticket_followup (ticket_id, date, method, score_speed,
                          score_attitude, score_quality, company_id, user_id)
                   VALUES (%s, %s, 'phone', %s, %s, %s, %s, %s)""",
                (job.id, datetime(2026, 2, 20, 3, 0), *scores, self.env.company.id, self.env.uid),
            )
        self.env.flush_all()
        self.env.invalidate_all()
        self.company_domain = [("company_id", "=", self.env.company.id)]

    def test_job_shares_averages_and_percentiles(self):
        Jobs = self.env["pm.job.analysis"]
        domain = [*self.company_domain, *FEB_DONE]
        [(count, arrival, completion, first_time)] = Jobs._read_group(
            domain, [], ["__count", "arrival_met:avg", "completion_met:avg", "first_time:avg"]
        )
        self.assertEqual(count, 4)
        self.assertAlmostEqual(arrival, 75.0)
        self.assertAlmostEqual(completion, 75.0)
        self.assertAlmostEqual(first_time, 75.0)
        stats = Jobs._time_stats(domain)
        self.assertAlmostEqual(stats["arrival"][0], 16.25)
        self.assertAlmostEqual(stats["arrival"][1], 27.0)
        self.assertAlmostEqual(stats["completion"][0], 4.25)
        self.assertAlmostEqual(stats["completion"][1], 8.2)
        by_user = dict(Jobs._read_group(domain, ["user_id"], ["__count"]))
        self.assertEqual(by_user[self.tech_plumber], 3)
        self.assertEqual(by_user[self.tech_mason], 1)

    def test_complaints_trend_upheld_and_repeats(self):
        Complaints = self.env["pm.complaint.analysis"]
        by_month = {
            month.strftime("%Y-%m"): count
            for month, count in Complaints._read_group(
                [*self.company_domain, ("employee_id", "=", self.emp_plumber.id)],
                ["date:month"],
                ["__count"],
            )
        }
        self.assertEqual(by_month, {"2026-02": 3, "2026-03": 1})
        [(upheld, repeats)] = Complaints._read_group(
            [*self.company_domain, ("employee_id", "=", self.emp_plumber.id), *FEB],
            [],
            ["upheld:avg", "repeat_count:sum"],
        )
        self.assertAlmostEqual(upheld, 200 / 3)
        self.assertEqual(repeats, 2)
        march = self.env["pm.complaint.analysis"].search(
            [("employee_id", "=", self.emp_plumber.id), ("date", ">=", "2026-03-01")]
        )
        self.assertTrue(march.is_repeat)

    def test_satisfaction_per_dimension(self):
        [(count, speed, attitude, quality, low)] = self.env["pm.satisfaction.analysis"]._read_group(
            [
                *self.company_domain,
                *FEB,
                ("user_id", "in", (self.tech_plumber | self.tech_mason).ids),
            ],
            [],
            [
                "__count",
                "score_speed:avg",
                "score_attitude:avg",
                "score_quality:avg",
                "low_score:avg",
            ],
        )
        self.assertEqual(count, 2)
        self.assertEqual((speed, attitude, quality), (3.5, 4.0, 3.5))
        self.assertEqual(low, 50.0)  # J2 scored 2, at the threshold

    def test_kpis_red_and_green_with_improvement_actions(self):
        Evaluation = self.env["pm.kpi.evaluation"]
        evaluations = Evaluation._evaluate(self.env.company, *self._feb_dates())
        company = evaluations.filtered(lambda e: e.scope == "company")
        by_metric = {e.metric: e for e in company}
        self.assertAlmostEqual(by_metric["urgent_arrival"].value, 75.0)
        self.assertEqual(by_metric["urgent_arrival"].status, "red")
        self.assertEqual(by_metric["urgent_arrival"].sample, 4)
        self.assertAlmostEqual(by_metric["complaint_rate"].value, 75.0)  # 3 per 4 jobs
        self.assertEqual(by_metric["complaint_rate"].status, "red")
        self.assertEqual(by_metric["minor_completion"].status, "none")  # no minor repair
        # Satisfaction (4.67 + 2.67) / 2 = 3.67 is below 4.5; lower the
        # target and it turns green.
        self.assertAlmostEqual(by_metric["satisfaction"].value, 3.67, places=2)
        self.assertEqual(by_metric["satisfaction"].status, "red")
        red = company.filtered(lambda e: e.status == "red")
        self.assertTrue(all(len(e.action_ids) == 1 for e in red))
        self.assertFalse(company.filtered(lambda e: e.status != "red").action_ids)
        self.assertIn("75.0", by_metric["urgent_arrival"].action_ids.description)
        by_metric["satisfaction"].kpi_id.target = 3.5
        again = Evaluation._evaluate(self.env.company, *self._feb_dates())
        self.assertEqual(by_metric["satisfaction"].status, "green")
        self.assertEqual(len(again), len(evaluations))  # updated, not duplicated
        self.assertTrue(all(len(e.action_ids) == 1 for e in red))  # no second action
        # Per estate and per team as well.
        team = evaluations.filtered(
            lambda e: e.scope == "team" and e.team_id == self.crew and e.metric == "first_time"
        )
        self.assertAlmostEqual(team.value, 75.0)

    def _feb_dates(self):

        return date(2026, 2, 1), date(2026, 2, 28)

    def test_monthly_report_mailed_once(self):
        self.users["manager"].email = "manager@example.com"
        Report = self.env["pm.monthly.report"]
        with freeze_time("2026-03-01 01:00:00"):
            Report._cron_send_monthly()
            Report._cron_send_monthly()
        report = Report.search([*self.company_domain, ("date_from", "=", "2026-02-01")])
        self.assertEqual(len(report), 1)
        self.assertEqual(report.state, "sent")
        messages = report.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(len(messages), 1)
        self.assertIn(self.users["manager"].partner_id, messages.partner_ids)
        self.assertTrue(report.evaluation_ids)
        # What the PDF prints: the complaint trend over three local months.
        trend = [(str(month), count) for month, count in report._report_data()["complaint_trend"]]
        self.assertEqual(trend, [("2025-12-01", 0), ("2026-01-01", 0), ("2026-02-01", 3)])

    def test_monthly_report_at_the_local_first_of_the_month(self):
        """01:00 on 1 March in Shanghai is still 28 February in UTC: the run
        makes February's report, not January's."""
        with freeze_time("2026-02-28 17:00:00"):
            self.env["pm.monthly.report"]._cron_send_monthly()
        reports = self.env["pm.monthly.report"].search(self.company_domain)
        self.assertEqual(reports.mapped("date_from"), [date(2026, 2, 1)])

    def test_monthly_report_in_each_manager_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "pm_aftersales")])._load_module_terms(
            ["pm_aftersales"], ["zh_CN"]
        )
        manager_zh = self.users["manager"]
        manager_zh.write({"email": "zh@example.com", "lang": "zh_CN"})
        manager_en = manager_zh.copy(
            {"login": "manager_en", "email": "en@example.com", "lang": "en_US"}
        )
        with freeze_time("2026-03-01 01:00:00"):
            self.env["pm.monthly.report"]._cron_send_monthly()
        report = self.env["pm.monthly.report"].search(
            [*self.company_domain, ("date_from", "=", "2026-02-01")]
        )
        messages = report.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(len(messages), 2)
        zh = messages.filtered(lambda m: manager_zh.partner_id in m.partner_ids)
        en = messages.filtered(lambda m: manager_en.partner_id in m.partner_ids)
        self.assertIn("月度服务质量报告", zh.subject)
        self.assertNotIn(manager_en.partner_id, zh.partner_ids)
        self.assertIn("monthly service report", en.subject)
        self.assertIn("月度服务质量报告", zh.attachment_ids.name)

    def test_access(self):
        with self.assertRaises(AccessError):
            self.env["pm.job.analysis"].with_user(self.tech_plumber).search([])
        with self.assertRaises(AccessError):
            self.env["pm.kpi.evaluation"].with_user(self.tech_plumber).search([])
        other = self._job(self.tech_mason, datetime(2026, 2, 5, 2, 0), 5, 1, unit_id=self.unit_b.id)
        supervisor_jobs = (
            self.env["pm.job.analysis"].with_user(self.users["cs_supervisor"]).search(FEB_DONE)
        )
        self.assertIn(self.job1, supervisor_jobs.ticket_id)  # their estate
        self.assertNotIn(other, supervisor_jobs.ticket_id)  # another estate
        manager_jobs = self.env["pm.job.analysis"].with_user(self.users["manager"]).search(FEB_DONE)
        self.assertIn(other, manager_jobs.ticket_id)

    def test_export(self):
        jobs = self.env["pm.job.analysis"].search([*self.company_domain, *FEB_DONE])
        rows = jobs.export_data(["ticket_id", "arrival_minutes", "completion_met"])["datas"]
        self.assertEqual(len(rows), 4)
