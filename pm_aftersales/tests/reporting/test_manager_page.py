"""The manager's page: months read as months, the monthly report's PDF keeps
its tables whole and in workflow order, and lists only the people ranked."""

from datetime import date

from lxml import html

from ..common_staff import PmStaffCommon


class TestManagerPage(PmStaffCommon):
    def setUp(self):
        super().setUp()
        self.env["res.lang"]._activate_lang("zh_CN")
        self.report = self.env["pm.monthly.report"].create(
            {
                "company_id": self.env.company.id,
                "date_from": date(2026, 2, 1),
                "date_to": date(2026, 2, 28),
            }
        )

    def test_months_shown_as_months(self):
        self.report.action_evaluate()
        evaluation = self.report.evaluation_ids[:1]
        self.assertTrue(evaluation)
        for lang, expected in (("en_US", "February 2026"), ("zh_CN", "2026年2月")):
            with self.subTest(lang=lang):
                self.assertEqual(self.report.with_context(lang=lang).month, expected)
                self.assertEqual(evaluation.with_context(lang=lang).month, expected)
        # The lists show the month, not the first day.
        for model in ("pm.kpi.evaluation", "pm.monthly.report"):
            arch = self.env[model].get_view(view_type="list")["arch"]
            self.assertIn('name="month"', arch)
            self.assertNotIn('name="date_from"', arch)

    def test_pivots_put_the_months_in_rows(self):
        for model in ("pm.job.analysis", "pm.complaint.analysis", "pm.satisfaction.analysis"):
            with self.subTest(model=model):
                arch = html.fromstring(self.env[model].get_view(view_type="pivot")["arch"])
                rows = arch.xpath("//field[@type='row']/@name")
                self.assertIn("date", rows)
                self.assertNotIn("date", arch.xpath("//field[@type='col']/@name"))

    def test_rectification_states_in_workflow_order(self):
        states = [
            key for key, _label in self.env["pm.rectification.order"]._fields["state"].selection
        ]
        # As the database groups them: alphabetically.
        rows = [(state, 1, 0) for state in sorted(states)]
        self.assertNotEqual([row[0] for row in rows], states)
        ordered = self.report._sort_by_workflow(rows)
        self.assertEqual([row[0] for row in ordered], states)

    def test_pdf_tables_whole_and_ranked_staff_only(self):
        self._build_february()
        self.period.action_compute()
        leader = self.period.scorecard_ids.filtered(lambda c: c.employee_id == self.emp_leader)
        self.assertFalse(leader.measured)  # nothing measured: no rank
        content, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "pm_aftersales.action_report_monthly", self.report.ids
        )
        doc = html.fromstring(content)
        complaints = doc.xpath("//div[@name='complaints']")
        self.assertTrue(complaints)
        self.assertIn("page-break-inside: avoid", complaints[0].get("style"))
        self.assertTrue(complaints[0].xpath(".//table[@name='complaint_causes']/thead"))
        staff = doc.xpath("//table[@name='staff']/tbody/tr")
        names = {row.xpath("string(td[3])").strip() for row in staff}
        self.assertIn(self.emp_plumber.name, names)
        self.assertNotIn(self.emp_leader.name, names)
        self.assertIn(
            "page-break-inside: avoid", doc.xpath("//div[@name='staff_ranking']/@style")[0]
        )
