"""The owner chooses on the portal how the centre tells them (issue 16)."""

from odoo.tests import HttpCase, tagged

from ..portal.test_portal_security_http import PortalHttpMixin
from .common_notify import PmNotifyCommon


@tagged("post_install", "-at_install")
class TestNotifyPortal(PortalHttpMixin, PmNotifyCommon, HttpCase):
    def test_owner_sets_their_own_channel_by_post(self):
        self._login(self.user_owner_a)
        page = self.url_open("/my/notify")
        self.assertEqual(page.status_code, 200)
        self.assertIn("pm_channel_sms", page.text)
        self.assertIn(self.owner_a.phone, page.text)
        token = self._csrf("/my/notify")
        response = self.url_open("/my/notify", data={"channel": "sms", "csrf_token": token})
        self.assertTrue(response.url.endswith("/my/notify?pm_done=saved"))
        self.assertEqual(self.owner_a.pm_notify_channel, "sms")
        self.assertEqual(self.owner_b.pm_notify_channel, "auto")  # nobody else's

    def test_refused_without_csrf_or_with_a_bad_value(self):
        self._login(self.user_owner_a)
        response = self.url_open("/my/notify", data={"channel": "sms"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.owner_a.pm_notify_channel, "auto")
        token = self._csrf("/my/notify")
        response = self.url_open("/my/notify", data={"channel": "fax", "csrf_token": token})
        self.assertIn("Choose one of the ways below", response.text)
        self.assertEqual(self.owner_a.pm_notify_channel, "auto")

    def test_not_for_staff_nor_anonymous(self):
        self._login(self.users["assistant"])
        self.assertEqual(self.url_open("/my/notify").status_code, 404)
        self.authenticate(None, None)
        self.assertIn("/web/login", self.url_open("/my/notify").url)

    def test_warning_when_the_choice_cannot_reach(self):
        self.owner_a.write({"phone": False, "pm_notify_channel": "sms"})
        self._login(self.user_owner_a)
        page = self.url_open("/my/notify")
        self.assertIn("o_pm_notify_warning", page.text)
        self.assertIn("we tell you by e-mail", page.text)
