import re

from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user

from ..common_service import PmServiceCommon


@tagged("post_install", "-at_install")
class TestVendorPortal(PmServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env["res.partner"].create(
            {"name": "Fix-It Ltd", "is_company": True, "pm_is_vendor": True}
        )
        cls.other_vendor = cls.env["res.partner"].create(
            {"name": "Other Fixers", "is_company": True, "pm_is_vendor": True}
        )
        cls.vendor_user = new_test_user(
            cls.env,
            login="fixit",
            password="fixit-pass",
            groups="pm_aftersales.group_pm_vendor",
            parent_id=cls.vendor.id,
            name="Fix-It tech",
        )
        cls.job = cls.env["helpdesk.ticket"].create(
            {
                "name": "Lift door stuck",
                "description": "<p>x</p>",
                "category_id": cls.cat_water_leak.id,
                "unit_id": cls.unit_a.id,
                "partner_id": cls.owner_a.id,
                "team_id": cls.crew.id,
            }
        )
        cls.job._dispatch(vendor=cls.vendor)
        cls.other_job = cls.env["helpdesk.ticket"].create(
            {
                "name": "Other vendor's job",
                "description": "<p>x</p>",
                "category_id": cls.cat_water_leak.id,
                "team_id": cls.crew.id,
            }
        )
        cls.other_job._dispatch(vendor=cls.other_vendor)
        cls.owner_a_user = cls.user_owner_a
        cls.owner_a_user.password = "owner-a-pass"

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_list_and_page(self):
        self.authenticate("fixit", "fixit-pass")
        page = self.url_open("/my/jobs")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.job.number, page.text)
        self.assertNotIn(self.other_job.number, page.text)
        self.assertEqual(self.url_open(f"/my/jobs/{self.job.id}").status_code, 200)

    def test_other_vendors_job_is_not_found(self):
        self.authenticate("fixit", "fixit-pass")
        self.assertEqual(self.url_open(f"/my/jobs/{self.other_job.id}").status_code, 404)
        csrf = self._csrf(f"/my/jobs/{self.job.id}")
        response = self.url_open(
            f"/my/jobs/{self.other_job.id}/check_in", data={"csrf_token": csrf}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.other_job.service_state, "dispatched")

    def test_work_the_job(self):
        self.authenticate("fixit", "fixit-pass")
        csrf = self._csrf(f"/my/jobs/{self.job.id}")
        response = self.url_open(f"/my/jobs/{self.job.id}/check_in", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("alert-danger", response.text, response.text[-3000:])
        self.assertEqual(self.job.service_state, "on_site")
        # completing without describing the work is refused with a message
        response = self.url_open(
            f"/my/jobs/{self.job.id}/complete", data={"csrf_token": csrf, "work_done": " "}
        )
        self.assertIn("Describe the work done", response.text)
        self.assertEqual(self.job.service_state, "on_site")
        # a repair needs its failure cause: the form offers the list
        self.assertIn('name="failure_cause_id"', response.text)
        response = self.url_open(
            f"/my/jobs/{self.job.id}/complete",
            data={"csrf_token": csrf, "work_done": "Door rollers replaced"},
        )
        self.assertIn("Give the failure cause", response.text)
        self.assertEqual(self.job.service_state, "on_site")
        self.url_open(
            f"/my/jobs/{self.job.id}/complete",
            data={
                "csrf_token": csrf,
                "work_done": "Door rollers replaced",
                "materials": "2 rollers",
                "failure_cause_id": str(self.cause_wear.id),
            },
        )
        self.assertEqual(self.job.service_state, "done")
        self.assertEqual(self.job.materials, "2 rollers")

    def test_post_without_csrf_is_refused(self):
        self.authenticate("fixit", "fixit-pass")
        response = self.url_open(f"/my/jobs/{self.job.id}/check_in", data={"x": "1"})
        self.assertIn(response.status_code, (400, 403))
        self.assertEqual(self.job.service_state, "dispatched")

    def test_owner_is_not_a_vendor(self):
        self.authenticate(self.owner_a_user.login, "owner-a-pass")
        response = self.url_open("/my/jobs")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertEqual(self.url_open(f"/my/jobs/{self.job.id}").status_code, 404)

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open(f"/my/jobs/{self.job.id}")
        self.assertIn("/web/login", response.url)
