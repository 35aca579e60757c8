"""QR labels: a stable token per place, the label sheets, and what a label
opens for whoever scans it with a phone camera (issue 17)."""

import re
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from ..common import PmCommon
from ..portal.test_portal_security_http import PortalHttpMixin


@tagged("post_install", "-at_install")
class TestQrLabels(PmCommon):
    def test_token_per_place_stable_and_unique(self):
        places = self.unit_a | self.unit_a2 | self.unit_b
        tokens = places.mapped("pm_qr_token")
        self.assertEqual(len(set(tokens)), 3)
        self.assertTrue(all(len(token) >= 16 for token in tokens))
        self.unit_a.write({"name": "801A"})
        self.assertEqual(self.unit_a.pm_qr_token, tokens[0], "a rename keeps the label")
        self.assertTrue(self.unit_a.pm_qr_url.endswith(f"/pm/qr/{tokens[0]}"))
        copy = self.area.copy({"name": "Main gate (copy)"})
        self.assertNotEqual(copy.pm_qr_token, self.area.pm_qr_token)
        Mixin = self.env["pm.qr.label.mixin"]
        self.assertEqual(Mixin._pm_qr_find(self.area.pm_qr_url), self.area)
        self.assertEqual(Mixin._pm_qr_find(self.unit_b.pm_qr_token), self.unit_b)
        self.assertIsNone(Mixin._pm_qr_find("unknown"))

    def test_who_maintains_the_place_renews_its_label(self):
        old = self.unit_a.pm_qr_token
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.users["technician"]).action_pm_renew_qr_token()
        self.assertEqual(self.unit_a.pm_qr_token, old)
        # the units are the customer service's registry
        self.unit_a.with_user(self.users["assistant"]).action_pm_renew_qr_token()
        self.assertNotEqual(self.unit_a.pm_qr_token, old)
        # public areas the engineering supervisors'
        old_area = self.area.pm_qr_token
        self.area.with_user(self.users["eng_supervisor"]).action_pm_renew_qr_token()
        self.assertNotEqual(self.area.pm_qr_token, old_area)

    def test_owner_cannot_read_the_token(self):
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.user_owner_a).read(["pm_qr_token"])

    def test_label_sheet(self):
        self.env["pm.public.area"].create(
            [
                {"name": f"Gate {i}", "estate_id": self.estate.id, "area_type": "road"}
                for i in range(9)
            ]
        )
        areas = self.env["pm.public.area"].search([("estate_id", "=", self.estate.id)])
        self.assertEqual(len(areas), 10)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("pm_aftersales.action_report_pm_public_area_qr_label", areas.ids)[0]
            .decode()
        )
        # eight labels a sheet: two sheets, the place without the estate's name
        self.assertEqual(html.count('class="o_pm_qr_label"'), 10)
        self.assertEqual(html.count("page-break-after: always"), 1)
        self.assertIn("Green Lake", html)
        self.assertIn(">Gate 3<", html)
        self.assertEqual(len(re.findall(r'<img alt="QR" src="data:image/png;base64,', html)), 10)
        for model, records in (("pm.unit", self.unit_a), ("maintenance.equipment", None)):
            report = self.env["ir.actions.report"].search(
                [("model", "=", model), ("report_name", "=", "pm_aftersales.report_qr_labels")]
            )
            self.assertEqual(report.binding_model_id.model, model, "printed from the list")
            if records:
                pdf = report.with_context(force_report_rendering=True)._render_qweb_pdf(
                    report.id, records.ids
                )[0]
                self.assertTrue(pdf.startswith(b"%PDF"))

    def test_labels_in_the_company_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        if self.env.ref("pm_aftersales.menu_pm_root").with_context(lang="zh_CN").name == (
            "After-Sales Service"
        ):  # a database installed without Chinese: load the addon's terms
            self.env["ir.module.module"].search(
                [("name", "=", "pm_aftersales")]
            )._load_module_terms(["pm_aftersales"], ["zh_CN"])
        self.company.partner_id.lang = "zh_CN"
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="en_US")
            ._render_qweb_html("pm_aftersales.action_report_pm_unit_qr_label", self.unit_a.ids)[0]
            .decode()
        )
        self.assertIn("扫码报修", html)
        self.assertNotIn("Scan to report a problem", html)


@tagged("post_install", "-at_install")
class TestQrLabelHttp(PortalHttpMixin, PmCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.user_owner_a, cls.user_owner_b, cls.users["technician"]):
            user.password = f"{user.login}-pass"

    def _open(self, place):
        return self.url_open(f"/pm/qr/{place.pm_qr_token}", allow_redirects=False)

    def _location(self, response):
        self.assertIn(response.status_code, (301, 302, 303), response.text[:200])
        return urlsplit(response.headers["Location"])

    def test_visitor_logs_in_first(self):
        location = self._location(self._open(self.unit_a))
        self.assertEqual(location.path, "/web/login")
        self.assertEqual(
            parse_qs(location.query)["redirect"], [f"/pm/qr/{self.unit_a.pm_qr_token}"]
        )

    def test_owner_reports_on_the_labelled_place(self):
        self._login(self.user_owner_a)
        location = self._location(self._open(self.unit_a))
        self.assertEqual(
            (location.path, parse_qs(location.query)),
            ("/my/report", {"place": [f"unit-{self.unit_a.id}"]}),
        )
        # a public area of the owner's estate works for any resident
        location = self._location(self._open(self.area))
        self.assertEqual(parse_qs(location.query), {"place": [f"area-{self.area.id}"]})
        page = self.url_open(f"/my/report?place=area-{self.area.id}")
        self.assertRegex(page.text, rf'value="area-{self.area.id}"\s+selected')
        # somebody else's unit, another estate's area: the form, nothing chosen
        for place in (self.unit_b, self.area_other):
            location = self._location(self._open(place))
            self.assertEqual((location.path, location.query), ("/my/report", ""))

    def test_staff_open_the_place(self):
        self._login(self.users["technician"])
        location = self._location(self._open(self.area))
        self.assertEqual(location.path, f"/odoo/pm.public.area/{self.area.id}")

    def test_unknown_label(self):
        self.assertEqual(self.url_open("/pm/qr/not-a-label").status_code, 404)
