import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from odoo.tests import HttpCase, tagged

from ..common_rectification import PmRectificationCommon


@tagged("post_install", "-at_install")
class TestRectificationReport(PmRectificationCommon, HttpCase):
    """The printed order: a real PDF (wkhtmltopdf, CJK fonts), read back with
    poppler's pdftotext and pdfimages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_zh_CN").active = True
        cls.owner_a.name = "业主甲"

    def _pdf(self, order, lang):
        for tool in ("wkhtmltopdf", "pdftotext", "pdfimages"):
            self.assertTrue(shutil.which(tool), f"{tool} is missing: run make setup")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang=lang)
            ._render_qweb_pdf("pm_aftersales.action_report_rectification_order", order.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        path = Path(tempfile.mkdtemp()) / "order.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
        # pdftotext may give CJK radicals (U+2F00...) for some glyphs: NFKC
        # folds them back into the ideographs they stand for.
        text = unicodedata.normalize("NFKC", text)
        images = subprocess.run(
            ["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True
        ).stdout.splitlines()[2:]
        return text, images

    def test_pdf_in_chinese_with_the_four_signatures(self):
        order = self._advance(self._create_order(), "accepted")
        order.write(
            {"handler": "张伟", "department": "工程部", "opinion": "按规范整改，物业监督。"}
        )
        self.env["pm.defect"].browse(order.defect_ids.ids).write(
            {"name": "客厅墙面空鼓", "location": "客厅东墙"}
        )
        text, images = self._pdf(order, "zh_CN")
        for expected in (
            "整改单",  # the title, translated
            order.name,
            "客厅墙面空鼓",
            "客厅东墙",
            "张伟",
            "工程部",
            "按规范整改，物业监督。",
            "四方验收",
            "业主甲",
            "Dev Rep",
            "Con Rep",
        ):
            expected = unicodedata.normalize("NFKC", expected)
            self.assertIn(expected, text, f"{expected!r} is not in the PDF")
        # The opinion signature and the four acceptance signatures (the
        # company logo may add one more).
        self.assertGreaterEqual(len(images), 5, images)

    def test_pdf_in_english(self):
        order = self._advance(self._create_order(), "in_progress")
        text, _images = self._pdf(order, "en_US")
        self.assertIn("Rectification Order", text)
        self.assertIn("Four-Party Acceptance", text)
        self.assertIn("Patch and repaint", text)  # the plan

    def test_pdf_keeps_the_signatures_with_the_last_rows(self):
        """A long order: however it breaks, the four-party table is on the
        page of the last progress rows, never alone."""
        order = self._advance(self._create_order(), "in_progress")
        self.env["pm.rectification.progress"].create(
            [
                {
                    "order_id": order.id,
                    "percent": index * 4,
                    "description": f"Step {index}: " + "work done and checked. " * 6,
                    "date": "2026-03-03",
                }
                for index in range(1, 25)
            ]
        )
        text, _images = self._pdf(order, "en_US")
        pages = text.split("\f")
        on_page = [page for page in pages if "Four-Party Acceptance" in page]
        self.assertEqual(len(on_page), 1)
        self.assertIn("Step 24", on_page[0])
        self.assertIn("Step 23", on_page[0])

    def test_short_pdf_is_one_page(self):
        order = self._advance(self._create_order(), "accepted")
        text, _images = self._pdf(order, "en_US")
        pages = [page for page in text.split("\f") if page.strip()]
        self.assertEqual(len(pages), 1, "the four-party table went to a page of its own")
