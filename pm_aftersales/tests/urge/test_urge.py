"""Urges (催单): once an hour, logged, told to the technician and the
assistant, a late job escalated at once, counted in the analysis (issue 16)."""

import re
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..common_service import T0, PmServiceCommon
from ..portal.test_portal_security_http import PortalHttpMixin

M = timedelta(minutes=1)


@tagged("post_install", "-at_install")
class TestUrge(PmServiceCommon):
    def _job(self):
        job = self._create_job(when=T0)
        # Registered by the assistant (on the hotline).
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_uid = %s WHERE id = %s",
            (self.users["assistant"].id, job.id),
        )
        job.invalidate_recordset(["create_uid"])
        self._dispatch(job, self.tech_plumber, T0 + M)
        return job

    def test_once_an_hour(self):
        job = self._job()
        with freeze_time(T0 + 5 * M):
            urge = job._pm_urge(self.owner_a)
        self.assertEqual((job.urge_count, job.last_urge_date), (1, T0 + 5 * M))
        self.assertEqual(urge.partner_id, self.owner_a)
        with freeze_time(T0 + 64 * M), self.assertRaisesRegex(UserError, "less than an hour ago"):
            job._pm_urge(self.owner_a)
        self.assertEqual(job.urge_count, 1)
        with freeze_time(T0 + 65 * M):
            self.assertFalse(job._pm_next_urge_date())
            job._pm_urge(self.owner_a)
        self.assertEqual(job.urge_count, 2)

    def test_technician_and_assistant_are_told(self):
        job = self._job()
        with freeze_time(T0 + 5 * M):
            job._pm_urge(self.owner_a)
        message = job.message_ids.filtered(lambda m: "urged" in (m.body or ""))[:1]
        self.assertIn(self.tech_plumber.partner_id, message.partner_ids)
        self.assertIn(self.users["assistant"].partner_id, message.partner_ids)
        self.assertIn(self.users["cs_supervisor"].partner_id, message.partner_ids)
        self.assertNotIn(self.owner_a, message.partner_ids)

    def test_late_job_escalates_at_once(self):
        job = self._job()
        arrival = self._milestone(job, "arrival")
        with freeze_time(T0 + 5 * M):
            early = job._pm_urge(self.owner_a)
        self.assertFalse(early.was_late or early.escalated)
        self.assertEqual(arrival.escalation_level, 0)
        # 80 minutes: the 15-minute arrival is late; no cron has run.
        with freeze_time(T0 + 80 * M):
            self.env.invalidate_all()
            self.assertTrue(job.is_late)
            late = job._pm_urge(self.owner_a)
        self.assertTrue(late.was_late and late.escalated)
        self.assertEqual(arrival.escalation_level, 1)
        self.assertIn("escalated", job.message_ids[0].body)

    def test_closed_job_cannot_be_urged(self):
        job = self._job()
        job._set_service_state("cancelled")
        self.assertFalse(job._pm_can_urge())
        with self.assertRaisesRegex(UserError, "no longer open"):
            job._pm_urge(self.owner_a)

    def test_hotline_urge_by_customer_service_only(self):
        job = self._job()
        with freeze_time(T0 + 5 * M):
            job.with_user(self.users["assistant"]).action_pm_urge()
        self.assertEqual(job.urge_ids.channel, "phone")
        self.assertEqual(job.urge_ids.user_id, self.users["assistant"])
        with freeze_time(T0 + 90 * M), self.assertRaises(AccessError):
            job.with_user(self.tech_plumber).action_pm_urge()

    def test_urges_in_the_job_analysis(self):
        job = self._job()
        other = self._create_job(when=T0)
        with freeze_time(T0 + 5 * M):
            job._pm_urge(self.owner_a)
        with freeze_time(T0 + 70 * M):
            job._pm_urge(self.owner_a)
        self.env.flush_all()
        Analysis = self.env["pm.job.analysis"]
        rows = Analysis.search([("ticket_id", "in", (job | other).ids)])
        self.assertEqual(sorted(rows.mapped("urge_count")), [0, 2])
        [(urged, urges)] = Analysis._read_group(
            [("ticket_id", "in", (job | other).ids)], aggregates=["urged:avg", "urge_count:sum"]
        )
        self.assertEqual((urged, urges), (50.0, 2))

    def test_staff_read_urges_of_the_jobs_they_see(self):
        job = self._job()
        with freeze_time(T0 + 5 * M):
            job._pm_urge(self.owner_a)
        Urge = self.env["pm.ticket.urge"]
        self.assertEqual(Urge.with_user(self.tech_plumber).search([]), job.urge_ids)
        self.assertFalse(Urge.with_user(self.tech_mason).search([("ticket_id", "=", job.id)]))
        self.assertIn(job.urge_ids, Urge.with_user(self.users["assistant"]).search([]))
        with self.assertRaises(AccessError):
            Urge.with_user(self.user_owner_a).search([])
        with self.assertRaises(AccessError):
            job.urge_ids.with_user(self.users["assistant"]).unlink()


@tagged("post_install", "-at_install")
class TestUrgePortal(PortalHttpMixin, PmServiceCommon, HttpCase):
    def test_owner_urges_by_post_once(self):
        job = self._create_job(when=T0)
        self._login(self.user_owner_a)
        page = self.url_open(f"/my/ticket/{job.id}")
        self.assertIn("o_pm_urge_button", page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(f"/my/ticket/{job.id}/urge", data={"csrf_token": token})
        self.assertIn("pm_done=urged", response.url)
        self.assertEqual(job.urge_count, 1)
        self.assertEqual(job.urge_ids.channel, "portal")
        # Again at once: refused, nothing logged, the page says when.
        response = self.url_open(f"/my/ticket/{job.id}/urge", data={"csrf_token": token})
        self.assertIn("pm_error=urge", response.url)
        self.assertEqual(job.urge_count, 1)
        self.assertNotIn("o_pm_urge_button", response.text)
        self.assertIn("You urged this job", response.text)

    def test_no_get_no_csrf_no_other_owner(self):
        job = self._create_job(when=T0)
        self._login(self.user_owner_b)
        token = self._csrf("/my")
        response = self.url_open(f"/my/ticket/{job.id}/urge", data={"csrf_token": token})
        self.assertEqual(response.status_code, 404)
        self._login(self.user_owner_a)
        # A GET changes nothing (it is no urge route).
        self.url_open(f"/my/ticket/{job.id}/urge")
        self.assertEqual(
            self.url_open(f"/my/ticket/{job.id}/urge", data={"no": "token"}).status_code, 400
        )
        self.assertEqual(job.urge_count, 0)
