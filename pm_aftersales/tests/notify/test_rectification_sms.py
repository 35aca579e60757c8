"""The seed's daily rectification notice (每日向业主通报) reaches the owners
without e-mail by SMS (issue 16)."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from ..common_rectification import PmRectificationCommon
from .common_notify import link_tracker_of

DAY_1 = datetime(2026, 3, 6, 2, 0)  # 10:00 in Shanghai


@tagged("post_install", "-at_install")
class TestRectificationNoticeSms(PmRectificationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_zh_CN").active = True
        cls.env.user.tz = "Asia/Shanghai"
        cls.env["pm.rectification.order"].search([]).write({"state": "closed"})
        cls.env["sms.sms"].search([]).unlink()

    def test_owner_without_email_gets_the_daily_notice_by_sms(self):
        self.owner_a.write({"email": False, "lang": "zh_CN"})
        self.owner_b.pm_notify_channel = "email"
        self._advance(self._create_order(), "in_progress")
        self._advance(self._create_order(unit=self.unit_b), "planned")
        with freeze_time(DAY_1):
            notices = self.env["pm.rectification.order"]._cron_daily_notices()
        notice_a = notices.filtered(lambda n: n.partner_id == self.owner_a)
        notice_b = notices.filtered(lambda n: n.partner_id == self.owner_b)
        self.assertFalse(notice_a.mail_id)  # no address: no mail
        sms = self.env["sms.sms"].search([("partner_id", "=", self.owner_a.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn("整改", sms.body)
        self.assertIn(notice_a.pm_sms_link, sms.body)
        # The link leads the owner to their rectifications (sign-up if new).
        tracker = link_tracker_of(self.env, notice_a.pm_sms_link)
        self.assertIn("rectifications", tracker.url)
        # Logged, with its delivery status, on the owner's contact.
        message = sms.mail_message_id
        self.assertEqual((message.model, message.res_id), ("res.partner", self.owner_a.id))
        # Owner B asked for e-mail only: a mail, no SMS.
        self.assertTrue(notice_b.mail_id)
        self.assertFalse(self.env["sms.sms"].search([("partner_id", "=", self.owner_b.id)]))
