import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from odoo.tests import HttpCase, tagged

from ..common_staff import PmStaffCommon


@tagged("post_install", "-at_install")
class TestScorecardReport(PmStaffCommon, HttpCase):
    """The monthly scorecards of a period, printed in Chinese."""

    def test_monthly_pdf_in_chinese(self):
        self.env.ref("base.lang_zh_CN").active = True
        self._build_february()
        self.emp_plumber.name = "王师傅"
        self.period.action_compute()
        for tool in ("wkhtmltopdf", "pdftotext"):
            self.assertTrue(shutil.which(tool), f"{tool} is missing: run make setup")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf("pm_aftersales.action_report_scorecard_period", self.period.ids)
        )
        self.assertEqual(kind, "pdf")
        path = Path(tempfile.mkdtemp()) / "scorecards.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
        text = unicodedata.normalize("NFKC", text)
        for expected in ("月度绩效考核", "王师傅", "77.65", "Water crew", "首次验收通过率"):
            self.assertIn(unicodedata.normalize("NFKC", expected), text)
