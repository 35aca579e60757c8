"""The printed scorecards: what is excluded is said so, signatures, and the
people with nothing measured in one line, without a card."""

from lxml import html

from ..common_staff import PmStaffCommon


class TestScorecardPrint(PmStaffCommon):
    def setUp(self):
        super().setUp()
        self._build_february()
        self.period.action_compute()
        self.cards = {c.employee_id: c for c in self.period.scorecard_ids}

    def _html(self, report, ids):
        content, _kind = self.env["ir.actions.report"]._render_qweb_html(report, ids)
        return html.fromstring(content)

    def test_period_pdf(self):
        doc = self._html("pm_aftersales.action_report_scorecard_period", self.period.ids)
        cards = doc.xpath("//div[contains(@class, 'o_pm_scorecard')]")
        # The plumber and the mason; the leader, with nothing measured, has no card.
        self.assertEqual(len(cards), 2)
        self.assertTrue(all("page-break-inside: avoid" in card.get("style") for card in cards))
        self.assertNotIn("page-break-before", html.tostring(doc).decode())
        not_measured = doc.xpath("string(//p[@name='not_measured'])")
        self.assertIn(self.emp_leader.name, not_measured)
        ranked = doc.xpath("string(//table[@name='ranking'])")
        self.assertNotIn(self.emp_leader.name, ranked)
        for card in cards:
            signatures = card.xpath(".//table[@name='signatures']")
            self.assertEqual(len(signatures), 1)
            self.assertEqual(len(signatures[0].xpath(".//span[@class='o_pm_signature_line']")), 3)
            self.assertTrue(card.xpath(".//table[@name='scorecard_lines']/thead"))

    def test_card_pdf_total_equals_the_lines(self):
        mason = self.cards[self.emp_mason]
        doc = self._html("pm_aftersales.action_report_scorecard", mason.ids)
        rows = doc.xpath("//table[@name='scorecard_lines']/tbody/tr")
        excluded = [row for row in rows if "left out" in row.text_content()]
        # Tools and training: not measured, marked as left out, no points.
        self.assertEqual(len(excluded), 3)
        weighted = [
            float(row.xpath("string(td[7])"))
            for row in rows[:-1]
            if row.xpath("td[7]") and "left out" not in row.text_content()
        ]
        self.assertAlmostEqual(sum(weighted), mason.computed_score, places=2)
        self.assertEqual(
            rows[-1].xpath("string(th[last()])").strip(), "%.2f" % mason.computed_score
        )
        self.assertTrue(doc.xpath("//table[@name='signatures']"))
