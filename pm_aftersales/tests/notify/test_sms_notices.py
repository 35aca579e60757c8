"""Every owner notice by SMS too, through Odoo's sms queue: the owner's
channel, the templates in zh_CN with their short link, quiet hours, the
daily rectification notice and the estate notices (issue 16)."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common_notify import DAYTIME, MORNING, NIGHT, PmNotifyCommon

TICKET_STEPS = (
    "ticket_accepted",
    "ticket_dispatched",
    "ticket_delayed",
    "ticket_done",
    "ticket_followup",
    "ticket_quote",
    "ticket_invoice",
)


@tagged("post_install", "-at_install")
class TestOwnerChannels(PmNotifyCommon):
    def test_default_reaches_every_channel_the_owner_has(self):
        self.assertEqual(self.owner_a.pm_notify_channel, "auto")
        self.assertEqual(self.owner_a._pm_notice_channels(), {"email", "sms"})
        no_email = self.env["res.partner"].create({"name": "No mail", "phone": "13800000001"})
        self.assertEqual(no_email._pm_notice_channels(), {"sms"})
        no_phone = self.env["res.partner"].create({"name": "No phone", "email": "x@example.com"})
        self.assertEqual(no_phone._pm_notice_channels(), {"email"})
        # A choice the contact cannot honour falls back on what reaches them.
        no_phone.pm_notify_channel = "sms"
        self.assertEqual(no_phone._pm_notice_channels(), {"email"})

    def test_sms_only_owner_gets_no_mail(self):
        self.owner_a.pm_notify_channel = "sms"
        job = self._create_job()
        with freeze_time(DAYTIME):
            job._send_acknowledgement()
        sms = self._sms_of(self.owner_a)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertIn(job.number, sms.body)
        self.assertFalse(self._mails_to(self.owner_a))
        # The portal still shows the notice: the message is in the chatter.
        comment = job.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertIn(job.number, comment.subject)
        # Its delivery is tracked on the job (Odoo's SMS notification).
        notif = job.message_ids.notification_ids.filtered(lambda n: n.notification_type == "sms")
        self.assertEqual(notif.res_partner_id, self.owner_a)
        self.assertEqual(notif.notification_status, "ready")

    def test_email_only_owner_gets_no_sms(self):
        self.owner_a.pm_notify_channel = "email"
        job = self._create_job()
        with freeze_time(DAYTIME):
            job._send_acknowledgement()
        self.assertFalse(self._sms_of(self.owner_a))
        self.assertTrue(self._mails_to(self.owner_a))

    def test_both_channels(self):
        self.owner_a.pm_notify_channel = "both"
        job = self._create_job()
        with freeze_time(DAYTIME):
            job._send_acknowledgement()
        self.assertEqual(len(self._sms_of(self.owner_a)), 1)
        self.assertTrue(self._mails_to(self.owner_a))

    def test_dispatch_is_texted_with_the_technician(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, DAYTIME)
        sms = self._sms_of(self.owner_a)
        self.assertEqual(len(sms), 1)
        self.assertIn(self.tech_plumber.name, sms.body)
        self.assertIn(job.pm_sms_link, sms.body)


@tagged("post_install", "-at_install")
class TestSmsTemplates(PmNotifyCommon):
    def test_every_ticket_template_in_chinese_with_its_link(self):
        self.owner_a.lang = "zh_CN"
        job = self._create_job()
        job._pm_ensure_sms_link()
        link = job.pm_sms_link
        self.assertRegex(link, r"^https?://.+/r/\w+$")
        tracker = self._tracker(link)
        # The short link leads to the owner's page with its access token.
        self.assertIn(f"res_id={job.id}", tracker.url)
        self.assertIn(f"access_token={job.access_token}", tracker.url)
        for step in TICKET_STEPS:
            template = self.env.ref(f"pm_aftersales.sms_template_{step}")
            body = template.with_context(lang="zh_CN")._render_field("body", job.ids)[job.id]
            english = template.with_context(lang="en_US")._render_field("body", job.ids)[job.id]
            self.assertIn(link, body, step)
            self.assertIn(job.number, body, step)
            self.assertRegex(body, r"[\u4e00-\u9fff]", step)
            self.assertNotEqual(body, english, f"{step}: no zh_CN translation")
            self.assertLess(len(body), 140, f"{step}: an SMS is short")

    def test_owner_language_decides(self):
        self.owner_a.lang = "zh_CN"
        job = self._create_job()
        with freeze_time(DAYTIME):
            job._send_acknowledgement()
        self.assertIn("已受理", self._sms_of(self.owner_a).body)
        self.owner_b.lang = "en_US"
        job_b = self._create_job(unit_id=self.unit_b.id, partner_id=self.owner_b.id)
        with freeze_time(DAYTIME):
            job_b._send_acknowledgement()
        self.assertIn("is registered", self._sms_of(self.owner_b).body)

    def test_provider_parameters_are_rendered_as_json(self):
        job = self._create_job()
        with freeze_time(DAYTIME):
            job._send_acknowledgement()
        sms = self._sms_of(self.owner_a)
        self.assertEqual(
            sms._pm_get_provider_payload()[1],
            {"company": job.company_id.name, "number": job.number, "link": job.pm_sms_link},
        )


@tagged("post_install", "-at_install")
class TestQuietHours(PmNotifyCommon):
    def test_minor_repair_waits_for_the_morning(self):
        job = self._create_job(ticket_type_id=self.type_minor.id, category=self.cat_wall_crack)
        with freeze_time(NIGHT):
            job._send_acknowledgement()
        sms = self._sms_of(self.owner_a)
        self.assertEqual(sms.state, "pm_scheduled")
        self.assertEqual(sms.pm_not_before, MORNING)
        # Before 08:00 nothing is released; at 08:00 it goes to the queue.
        with freeze_time(MORNING - timedelta(minutes=1)):
            self.assertFalse(self.env["sms.sms"]._pm_release_scheduled())
        with freeze_time(MORNING):
            self.assertEqual(self.env["sms.sms"]._pm_release_scheduled(), sms)
        self.assertEqual(sms.state, "outgoing")

    def test_urgent_repair_goes_at_once(self):
        job = self._create_job(ticket_type_id=self.type_urgent.id)
        self.assertTrue(job._pm_is_urgent_notice())
        with freeze_time(NIGHT):
            job._send_acknowledgement()
        self.assertEqual(self._sms_of(self.owner_a).state, "outgoing")

    def test_quiet_hours_of_the_company_clock(self):
        company = self.company
        self.assertFalse(company._pm_sms_quiet_until(DAYTIME))
        self.assertEqual(company._pm_sms_quiet_until(NIGHT), MORNING)
        # 07:59 in Shanghai: still quiet, until 08:00 the same day.
        self.assertEqual(company._pm_sms_quiet_until(MORNING - timedelta(minutes=1)), MORNING)
        company.write({"pm_sms_quiet_start": 12.5, "pm_sms_quiet_end": 14.0})
        # 13:00 in Shanghai (05:00 UTC): quiet until 14:00 (06:00 UTC).
        self.assertEqual(
            company._pm_sms_quiet_until(MORNING.replace(hour=5)), MORNING.replace(hour=6)
        )
        company.write({"pm_sms_quiet_start": 0.0, "pm_sms_quiet_end": 0.0})
        self.assertFalse(company._pm_sms_quiet_until(NIGHT))


@tagged("post_install", "-at_install")
class TestEstateNotices(PmNotifyCommon):
    def test_owner_without_email_gets_the_estate_notice_by_sms(self):
        self.owner_a.email = False
        notice = self.env["pm.notice"].create(
            {
                "name": "Water cut",
                "body": "<p>No water on Saturday 9-12</p>",
                "category": "water",
                "estate_id": self.estate.id,
            }
        )
        with freeze_time(DAYTIME):
            notice.action_send()
        sms = self._sms_of(self.owner_a)
        self.assertEqual(len(sms), 1)
        self.assertIn("Water cut", sms.body)
        self.assertIn("/r/", sms.body)
        tracker = self._tracker(notice.pm_sms_link)
        self.assertTrue(tracker.url.endswith(f"/my/notices/{notice.id}"))
        self.assertFalse(self._mails_to(self.owner_a))

    def test_safety_notice_goes_at_night(self):
        self.owner_a.pm_notify_channel = "sms"
        notice = self.env["pm.notice"].create(
            {
                "name": "Gas leak: keep windows open",
                "body": "<p>Gas smell in building 1</p>",
                "category": "safety",
                "estate_id": self.estate.id,
                "building_ids": [Command.set(self.building.ids)],
            }
        )
        with freeze_time(NIGHT):
            notice.action_send()
        self.assertEqual(self._sms_of(self.owner_a).state, "outgoing")
