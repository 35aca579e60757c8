import re
from pathlib import Path

from freezegun import freeze_time
from lxml import html

from odoo.tools.misc import file_path

from ..common_rectification import PmRectificationCommon


class TestRectificationScreens(PmRectificationCommon):
    """What the form, the cards and the printed order show first: the
    deadline, the progress, whether it is late, and the defects."""

    def _arch(self, view_type):
        views = self.env["pm.rectification.order"].get_views([(False, view_type)])
        return html.fromstring(views["views"][view_type]["arch"])

    def test_form_shows_deadline_progress_and_overdue_above_the_tabs(self):
        arch = self._arch("form")
        top = arch.xpath("//group[@name='deadline_progress']")
        self.assertEqual(len(top), 1)
        self.assertFalse(top[0].xpath("ancestor::notebook"))
        self.assertTrue(top[0].xpath(".//field[@name='deadline']"))
        self.assertTrue(top[0].xpath(".//field[@name='progress'][@widget='progressbar']"))
        badge = top[0].xpath(".//span[contains(@class, 'o_pm_overdue_badge')]")
        self.assertEqual(badge[0].get("invisible"), "not is_overdue")
        self.assertTrue(badge[0].xpath(".//field[@name='overdue_label']"))
        # neither is repeated inside a tab
        self.assertFalse(arch.xpath("//notebook//field[@name='deadline' or @name='progress']"))

    def test_kanban_card_shows_the_defects(self):
        self.assertTrue(self._arch("kanban").xpath("//field[@name='defect_summary']"))
        order = self._create_order()
        self.assertEqual(order.defect_summary, "Wall crack (Living room)")
        more = self._create_defect(name="Leaking tap") | self._create_defect(name="Door")
        more.location = False
        order.defect_ids |= more
        self.assertEqual(order.defect_summary, "Wall crack (Living room); Leaking tap, +1 more")

    def test_overdue_days(self):
        order = self._advance(self._create_order(), "in_progress", deadline="2026-03-10")
        with freeze_time("2026-03-10 12:00"):
            order.invalidate_recordset(["is_overdue"])
            self.assertEqual(order._get_overdue_days(), 0)
            self.assertEqual(order._get_overdue_label(), "")
        with freeze_time("2026-03-13 12:00"):
            order.invalidate_recordset(["is_overdue"])
            self.assertEqual(order._get_overdue_days(), 3)
            self.assertEqual(order._get_overdue_label(), "Overdue by 3 days")
            order.invalidate_recordset(["overdue_label"])
            self.assertEqual(order.overdue_label, "Overdue by 3 days")

    def _report_html(self, order):
        report = self.env["ir.actions.report"]
        content, _kind = report._render_qweb_html(
            "pm_aftersales.action_report_rectification_order", order.ids
        )
        return html.fromstring(content)

    def test_printed_signatures_keep_with_the_last_progress_rows(self):
        order = self._advance(self._create_order(), "in_progress", deadline="2026-03-10")
        self.env["pm.rectification.progress"].create(
            [
                {"order_id": order.id, "percent": p, "description": f"Step {p}", "date": d}
                for p, d in ((20, "2026-03-03"), (50, "2026-03-04"), (80, "2026-03-05"))
            ]
        )
        with freeze_time("2026-03-12 09:00"):
            doc = self._report_html(order)
        block = doc.xpath("//div[contains(@class, 'o_pm_signature_block')]")
        self.assertEqual(len(block), 1)
        self.assertTrue(block[0].xpath(".//table[@name='acceptance']"))
        kept = [row.text_content() for row in block[0].xpath(".//table[@name='progress_end']//tr")]
        self.assertEqual(len(kept), 2)
        self.assertIn("Step 50", kept[0])
        self.assertIn("Step 80", kept[1])
        first = doc.xpath("//table[@name='progress']//tbody/tr")
        self.assertEqual([len(first)], [1])
        self.assertIn("Step 20", first[0].text_content())
        # the page-break rule the block relies on, and a format without a
        # letterhead's 52 mm top margin
        scss = Path(
            file_path("pm_aftersales/static/src/scss/rectification_report.scss")
        ).read_text()
        keep = re.compile(r"\.o_pm_signature_block \{[^}]*page-break-inside: avoid")
        self.assertRegex(scss, keep)
        report = self.env.ref("pm_aftersales.action_report_rectification_order")
        self.assertLessEqual(report.paperformat_id.margin_top, 20)
        # overdue: the stamp and the days late
        self.assertTrue(doc.xpath("//div[contains(@class, 'o_pm_overdue_stamp')]"))
        late = doc.xpath("//*[contains(@class, 'o_pm_overdue_days')]")
        self.assertEqual(late[0].text_content().strip(), "Overdue by 2 days")

    def test_printed_order_on_time_has_no_stamp(self):
        order = self._advance(self._create_order(), "in_progress", deadline="2026-03-10")
        with freeze_time("2026-03-09 09:00"):
            doc = self._report_html(order)
        self.assertFalse(doc.xpath("//div[contains(@class, 'o_pm_overdue_stamp')]"))
        self.assertFalse(doc.xpath("//*[contains(@class, 'o_pm_overdue_days')]"))
        # no progress yet beyond none: the signatures stand with the header
        self.assertTrue(doc.xpath("//div[contains(@class, 'o_pm_signature_block')]"))
