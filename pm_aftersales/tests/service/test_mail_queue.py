import re
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.tests.common import MockSmtplibCase

from ...models.service.mail_mail import RETRY_DELAYS
from ..common_service import T0, PmServiceCommon


class PmMailCommon(PmServiceCommon, MockSmtplibCase):
    """Mail really handed to an SMTP session (a fake one), so that a mail sent
    inside the request shows in ``self.emails``."""

    def _mails_to(self, partner, record):
        return self.env["mail.mail"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("recipient_ids", "in", partner.ids),
            ]
        )

    def _queue_triggers(self):
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action")
        return self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])

    @contextmanager
    def _smtp_down(self):
        """A mail server that cannot be reached (it took the connection and
        never answered: the socket timed out)."""
        with (
            self.mock_smtplib_connection(),
            patch("smtplib.SMTP", side_effect=TimeoutError("timed out")),
            mute_logger("odoo.addons.mail.models.mail_mail"),
        ):
            yield

    def _process_queue(self, mails, smtp_down=False):
        """What Odoo's mail queue cron does, for these mails only (it commits
        after each mail: flushed here, at the frozen time)."""
        with self._smtp_down() if smtp_down else self.mock_smtplib_connection():
            self.env["mail.mail"].process_email_queue(email_ids=mails.ids)
            self.env.flush_all()

    def _retry_cron(self):
        return self.env["mail.mail"]._cron_pm_retry_failed()


@tagged("post_install", "-at_install")
class TestMailQueue(PmMailCommon):
    def test_hotline_registration_queues_the_acknowledgement(self):
        form = Form(self.env["pm.hotline.wizard"].with_user(self.users["assistant"]))
        form.phone = "13900139000"
        form.category_id = self.cat_water_leak
        form.description = "<p>Leak under the sink</p>"
        wizard = form.save()
        triggers = self._queue_triggers()
        with self.mock_smtplib_connection(), freeze_time(T0):
            job = self.env["helpdesk.ticket"].browse(wizard.action_register()["res_id"])
            self.env.flush_all()
        self.assertFalse(self.emails, "no mail may go out inside the assistant's request")
        mail = self._mails_to(self.owner_b, job)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn(job.number, mail.subject)
        # Odoo's queue is woken up, and sends it.
        self.assertGreater(self._queue_triggers(), triggers)
        self._process_queue(mail)
        self.assertEqual(mail.state, "sent")
        self.assertEqual([e["smtp_to_list"] for e in self.emails], [[self.owner_b.email]])

    def test_closing_mail_goes_through_the_queue(self):
        """helpdesk_mgmt's "ticket closed" stage mail too."""
        tracked = self.env(context=dict(self.env.context, tracking_disable=False))
        job = tracked["helpdesk.ticket"].create(
            {
                "name": "Water everywhere",
                "description": "<p>Pipe burst in the kitchen</p>",
                "category_id": self.cat_burst_pipe.id,
                "unit_id": self.unit_a.id,
                "partner_id": self.owner_a.id,
                "team_id": self.crew.id,
            }
        )
        closed = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertTrue(closed.mail_template_id)
        with self.mock_smtplib_connection():
            job.stage_id = closed
            self.env.flush_all()
            self.env.cr.precommit.run()  # tracking is posted before the commit
        self.assertFalse(self.emails)
        mail = self._mails_to(self.owner_a, job)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")

    def test_estate_notice_goes_through_the_queue(self):
        notice = (
            self.env["pm.notice"]
            .with_user(self.users["assistant"])
            .create(
                {
                    "name": "Water cut",
                    "body": "<p>No water on Saturday 9-12</p>",
                    "category": "water",
                    "estate_id": self.estate.id,
                }
            )
        )
        with self.mock_smtplib_connection():
            notice.action_send()
            self.env.flush_all()
        self.assertFalse(self.emails)
        mail = self._mails_to(self.owner_a, notice)
        self.assertEqual(mail.state, "outgoing")

    def test_smtp_failure_is_retried_after_the_wait_then_given_up(self):
        job = self._create_job()
        with freeze_time(T0):
            job._send_acknowledgement()
        mail = self._mails_to(self.owner_a, job)
        with freeze_time(T0):
            self._process_queue(mail, smtp_down=True)
        self.assertEqual(mail.state, "exception")
        failed_at = T0
        for attempt, delay in enumerate(RETRY_DELAYS, start=1):
            due = failed_at + timedelta(minutes=delay)
            self.assertEqual(mail.pm_next_retry, due)
            with freeze_time(due - timedelta(minutes=1)):
                self._retry_cron()
            self.assertEqual(mail.state, "exception", "not before the wait is over")
            with freeze_time(due):
                self._retry_cron()
            self.assertEqual(mail.state, "outgoing")
            self.assertEqual(mail.pm_retry_count, attempt)
            with freeze_time(due):
                self._process_queue(mail, smtp_down=True)
            self.assertEqual(mail.state, "exception")
            failed_at = due
        # No attempt left: it stays failed, for the assistant to see.
        self.assertFalse(mail.pm_next_retry)
        with freeze_time(failed_at + timedelta(hours=12)):
            self._retry_cron()
        self.assertEqual(mail.state, "exception")
        self.assertEqual(mail.pm_retry_count, len(RETRY_DELAYS))

    def test_retried_mail_is_delivered(self):
        job = self._create_job()
        with freeze_time(T0):
            job._send_acknowledgement()
            mail = self._mails_to(self.owner_a, job)
            self._process_queue(mail, smtp_down=True)
        self.assertTrue(job.notice_undelivered)
        triggers = self._queue_triggers()
        with freeze_time(T0 + timedelta(minutes=RETRY_DELAYS[0])):
            self._retry_cron()
            self.assertGreater(self._queue_triggers(), triggers)
            self._process_queue(mail)
        self.assertEqual(mail.state, "sent")
        self.assertFalse(mail.pm_next_retry)
        self.assertEqual(len(self.emails), 1)
        job.invalidate_recordset(["notice_undelivered"])
        self.assertFalse(job.notice_undelivered)

    def test_invalid_address_is_not_retried(self):
        self.owner_a.email = "owner-a-at-nowhere"
        job = self._create_job()
        with freeze_time(T0):
            job._send_acknowledgement()
            mail = self._mails_to(self.owner_a, job)
            self._process_queue(mail)
        self.assertEqual(mail.state, "exception")
        self.assertEqual(mail.failure_type, "mail_email_invalid")
        self.assertFalse(mail.pm_next_retry)
        with freeze_time(T0 + timedelta(hours=1)):
            self._retry_cron()
        self.assertEqual(mail.state, "exception")
        self.assertEqual(mail.pm_retry_count, 0)
        # not delivered: the assistant must correct the address
        self.assertTrue(job.notice_undelivered)

    def test_other_mails_are_not_retried(self):
        """Only the owners' mails: Odoo's own (e.g. a password reset) are left as they are."""
        with freeze_time(T0):
            mail = self.env["mail.mail"].create(
                {
                    "subject": "Reset your password",
                    "body_html": "<p>Link</p>",
                    "email_to": "someone@example.com",
                    "model": "res.users",
                    "res_id": self.users["assistant"].id,
                }
            )
            self._process_queue(mail, smtp_down=True)
        self.assertEqual(mail.state, "exception")
        self.assertFalse(mail.pm_next_retry)

    def test_survey_invitation_is_retried(self):
        survey = self.env["survey.survey"].create(
            {
                "title": "Owner satisfaction",
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create({"title": "Repairs", "question_type": "scale"})
                ],
            }
        )
        campaign = (
            self.env["pm.survey.campaign"]
            .with_user(self.users["cs_supervisor"])
            .create(
                {
                    "name": "Satisfaction 2026 Q1",
                    "period": "2026 Q1",
                    "survey_id": survey.id,
                    "estate_id": self.estate.id,
                }
            )
        )
        with freeze_time(T0):
            campaign.action_send()
            mail = self._mails_to(self.owner_a, campaign.answer_ids)
            self._process_queue(mail, smtp_down=True)
        self.assertEqual(mail.state, "exception")
        self.assertEqual(mail.pm_next_retry, T0 + timedelta(minutes=RETRY_DELAYS[0]))

    def test_assistant_sees_jobs_with_undelivered_notices(self):
        failed = self._create_job()
        delivered = self._create_job(unit_id=self.unit_b.id, partner_id=self.owner_b.id)
        with freeze_time(T0):
            (failed | delivered)._send_acknowledgement()
            self._process_queue(self._mails_to(self.owner_a, failed), smtp_down=True)
            self._process_queue(self._mails_to(self.owner_b, delivered))
        assistant = self.users["assistant"]
        Ticket = self.env["helpdesk.ticket"].with_user(assistant)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pm_aftersales.pm_undelivered_job_action"
        )
        listed = Ticket.search(safe_eval(action["domain"]))
        self.assertIn(failed, listed)
        self.assertNotIn(delivered, listed)
        self.assertTrue(failed.with_user(assistant).notice_undelivered)
        self.assertFalse(delivered.with_user(assistant).notice_undelivered)
        both = [("id", "in", (failed | delivered).ids)]
        self.assertEqual(Ticket.search([*both, ("notice_undelivered", "=", False)]), delivered)
        # Odoo's own flag only tells the message's author, not the assistant.
        self.assertFalse(failed.with_user(assistant).message_has_error)
        # the search view offers the filter
        arch = Ticket.get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn('name="notice_undelivered"', arch)


@tagged("post_install", "-at_install")
class TestPortalAcknowledgement(PmMailCommon, HttpCase):
    def test_portal_report_queues_the_acknowledgement(self):
        self.owner_a.lang = "zh_CN"
        self.user_owner_a.password = "owner-a-pass"
        self.authenticate(self.user_owner_a.login, "owner-a-pass")
        page = self.url_open("/my/report")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        with self.mock_smtplib_connection(), freeze_time(T0):
            response = self.url_open(
                "/my/report",
                data={
                    "csrf_token": csrf,
                    "place": f"unit-{self.unit_a.id}",
                    "category_id": self.cat_water_leak.id,
                    "description": "The kitchen tap drips",
                },
            )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.emails, "no mail may go out inside the owner's request")
        job = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.owner_a.id)], order="id desc", limit=1
        )
        self.assertIn(f"/my/ticket/{job.id}", response.url)
        mail = self._mails_to(self.owner_a, job)
        self.assertEqual(len(mail), 1, "the owner gets the acknowledgement")
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("已受理", mail.subject)  # in the owner's language
        self.assertIn(job.number, mail.subject)
