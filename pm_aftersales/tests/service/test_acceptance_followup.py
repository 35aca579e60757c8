import base64
import io
from datetime import timedelta

from freezegun import freeze_time
from PIL import Image, ImageDraw
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..common_service import T0, PmServiceCommon

H = timedelta(hours=1)


def _signature_png():
    """A small drawn signature, as the signature widget sends it."""
    image = Image.new("RGB", (120, 40), "white")
    ImageDraw.Draw(image).line([(5, 30), (40, 8), (70, 32), (115, 10)], fill="black", width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


SIGNATURE = _signature_png()


@tagged("post_install", "-at_install")
class TestAcceptanceFollowup(PmServiceCommon):
    def _finished_job(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + timedelta(minutes=1))
        tech_job = job.with_user(self.tech_plumber)
        with freeze_time(T0 + timedelta(minutes=10)):
            tech_job.action_check_in()
        tech_job.write({"work_done": "Pipe replaced", "failure_cause_id": self.cause_wear.id})
        with freeze_time(T0 + 2 * H):
            tech_job.action_complete()
        return job

    def _accept(self, job, when=T0 + 3 * H, **vals):
        with freeze_time(when):
            return self.env["pm.ticket.acceptance"].create(
                dict(
                    {
                        "ticket_id": job.id,
                        "result": "accepted",
                        "signature": SIGNATURE,
                        "signed_by": "Owner A",
                        "partner_id": self.owner_a.id,
                    },
                    **vals,
                )
            )

    def _followup(self, job, speed=5, attitude=5, quality=5, when=T0 + 5 * H):
        with freeze_time(when):
            return (
                self.env["pm.ticket.followup"]
                .with_user(self.users["assistant"])
                .create(
                    {
                        "ticket_id": job.id,
                        "score_speed": speed,
                        "score_attitude": attitude,
                        "score_quality": quality,
                        "comment": "Fine",
                    }
                )
            )

    def test_accept_with_signature_starts_the_followup_clock(self):
        job = self._finished_job()
        acceptance = self._accept(job)
        self.assertEqual(job.service_state, "verified")
        self.assertTrue(acceptance.signature)
        followup = self._milestone(job, "followup")
        self.assertEqual(followup.state, "running")
        self.assertEqual(followup.deadline, T0 + 3 * H + timedelta(days=1))
        self.assertEqual(job.rework_count, 0)

    def test_accept_without_signature_is_refused(self):
        job = self._finished_job()
        with self.assertRaisesRegex(ValidationError, "needs a signature"), self.env.cr.savepoint():
            self._accept(job, signature=False)
        self.assertEqual(job.service_state, "done")

    def test_reject_sends_back_for_rework(self):
        job = self._finished_job()
        with (
            self.assertRaisesRegex(ValidationError, "the reason is required"),
            self.env.cr.savepoint(),
        ):
            self._accept(job, result="rejected", signature=False, reason="  ")
        self._accept(job, result="rejected", signature=False, reason="Still dripping")
        self.assertEqual(job.service_state, "on_site")
        self.assertEqual(job.rework_count, 1)
        self.assertIn("Still dripping", job.message_ids[0].body)
        # the technician finishes again, then the owner accepts
        with freeze_time(T0 + 4 * H):
            job.with_user(self.tech_plumber).action_complete()
        self._accept(job, when=T0 + 5 * H)
        self.assertEqual(job.service_state, "verified")
        self.assertEqual(job.rework_count, 1)
        self.assertEqual(len(job.acceptance_ids), 2)

    def test_cannot_accept_unfinished_work(self):
        job = self._create_job()
        with self.assertRaisesRegex(UserError, "is not finished"):
            self._accept(job)
        self.assertFalse(job.acceptance_ids)

    def test_followup_closes_the_job(self):
        job = self._finished_job()
        self._accept(job)
        followup = self._followup(job, 5, 4, 5)
        self.assertEqual(job.service_state, "closed")
        self.assertEqual(self._milestone(job, "followup").state, "met")
        self.assertAlmostEqual(followup.score_average, 14 / 3, places=2)
        self.assertAlmostEqual(job.satisfaction, 14 / 3, places=2)
        self.assertFalse(followup.complaint_id)

    def test_followup_before_acceptance_is_refused(self):
        job = self._finished_job()
        with self.assertRaisesRegex(UserError, "not been accepted"):
            self._followup(job)

    def test_scores_out_of_range(self):
        job = self._finished_job()
        self._accept(job)
        with (
            self.assertRaisesRegex(ValidationError, "Give the owner's score.*Arrival Speed"),
            self.env.cr.savepoint(),
        ):
            self._followup(job, 0, 5, 5)  # not given
        for scores in ((5, 6, 5), (5, 5, -1)):
            with (
                self.subTest(scores=scores),
                self.assertRaises(IntegrityError) as cm,
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self._followup(job, *scores)
            self.assertIn(
                "from 1 (very poor) to 5",
                self.env["pm.ticket.followup"]._sql_error_to_message(cm.exception),
            )
        self.assertEqual(job.service_state, "verified")

    def test_low_score_opens_a_complaint(self):
        job = self._finished_job()
        self._accept(job)
        followup = self._followup(job, speed=4, attitude=4, quality=2)
        complaint = followup.complaint_id
        self.assertTrue(complaint)
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(complaint.origin_ticket_id, job)
        self.assertEqual(job.complaint_ids, complaint)
        self.assertEqual(complaint.partner_id, self.owner_a)
        self.assertEqual(complaint.unit_id, self.unit_a)
        self.assertEqual(complaint.concerned_employee_id.user_id, self.tech_plumber)
        self.assertEqual(
            complaint.category_id, self.env.ref("pm_aftersales.helpdesk_category_complaint_quality")
        )
        self.assertEqual(
            complaint.sla_rule_id, self.env.ref("pm_aftersales.pm_sla_rule_complaint_quality")
        )
        self.assertIn("quality 2/5", complaint.description)
        self.assertEqual(job.service_state, "closed")

    def test_complaint_category_follows_the_low_score(self):
        cases = {
            (2, 5, 5): "helpdesk_category_complaint_response",
            (5, 1, 2): "helpdesk_category_complaint_attitude",
            (5, 5, 2): "helpdesk_category_complaint_quality",
            (2, 2, 5): "helpdesk_category_complaint_attitude",  # tie: attitude before speed
            (1, 1, 1): "helpdesk_category_complaint_quality",  # tie: quality first
        }
        for scores, xmlid in cases.items():
            with self.subTest(scores=scores):
                job = self._finished_job()
                self._accept(job)
                complaint = self._followup(job, *scores).complaint_id
                self.assertEqual(complaint.category_id, self.env.ref(f"pm_aftersales.{xmlid}"))

    def test_followup_form_starts_without_scores(self):
        job = self._finished_job()
        self._accept(job)
        Followup = self.env["pm.ticket.followup"].with_user(self.users["assistant"])
        with freeze_time(T0 + 5 * H):
            form = Form(Followup.with_context(default_ticket_id=job.id))
            self.assertEqual(
                (form.speed_rating, form.attitude_rating, form.quality_rating), ("0", "0", "0")
            )
            form.speed_rating = "4"
            form.attitude_rating = "5"
            with self.assertRaisesRegex(ValidationError, "Repair Quality"):
                form.save()
            form.quality_rating = "3"
            followup = form.save()
        self.assertEqual(
            (followup.score_speed, followup.score_attitude, followup.score_quality), (4, 5, 3)
        )
        self.assertEqual(followup.quality_rating, "3")
        followup.quality_rating = "2"
        self.assertEqual(followup.score_quality, 2)
        with self.assertRaisesRegex(ValidationError, "Service Attitude"):
            followup.write({"attitude_rating": "0"})

    def test_threshold_is_configurable(self):
        self.company.pm_low_score_threshold = 0
        job = self._finished_job()
        self._accept(job)
        self.assertFalse(self._followup(job, 1, 1, 1).complaint_id)


@tagged("post_install", "-at_install")
class TestComplaint(PmServiceCommon):
    def _complaint(self, category=None, when=T0):
        return self._create_job(
            category=category or self.cat_complaint_attitude,
            when=when,
            name="Rude technician",
            concerned_employee_id=self.env["hr.employee"]
            .search([("user_id", "=", self.tech_mason.id)])
            .id,
        )

    def test_limits_per_complaint_type(self):
        self.env.ref("pm_aftersales.pm_sla_line_complaint_attitude_response").calendar_id = False
        complaint = self._complaint()
        self.assertEqual(complaint.ticket_type_id, self.type_complaint)
        self.assertEqual(
            complaint.sla_rule_id, self.env.ref("pm_aftersales.pm_sla_rule_complaint_attitude")
        )
        self.assertEqual(self._milestone(complaint, "response").deadline, T0 + 4 * H)
        self.assertFalse(self._milestone(complaint, "arrival"))

    def test_answer_and_resolve(self):
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "Write the answer"):
            complaint.action_answer_complaint()
        complaint.answer = "We apologise; the technician will be retrained."
        with freeze_time(T0 + 2 * H):
            complaint.action_answer_complaint()
        self.assertEqual(complaint.answered_date, T0 + 2 * H)
        self.assertEqual(self._milestone(complaint, "response").state, "met")
        with self.assertRaisesRegex(UserError, "upheld"):
            complaint.action_resolve_complaint()
        complaint.write(
            {
                "complaint_upheld": "upheld",
                "complaint_cause_id": self.env.ref("pm_aftersales.pm_complaint_cause_attitude").id,
            }
        )
        with freeze_time(T0 + 5 * H):
            complaint.action_resolve_complaint()
        self.assertEqual(complaint.service_state, "verified")
        self.assertEqual(self._milestone(complaint, "completion").state, "met")

    def test_complaints_escalate_like_jobs(self):
        self.env.ref("pm_aftersales.pm_sla_line_complaint_attitude_response").calendar_id = False
        complaint = self._complaint()
        with freeze_time(T0 + 5 * H):
            done = self.env["pm.ticket.milestone"]._cron_escalate()
        self.assertIn(self._milestone(complaint, "response"), done)
        self.assertTrue(
            complaint.activity_ids.filtered(lambda a: a.user_id == self.users["cs_supervisor"])
        )

    def test_enquiry_is_closed_without_visit(self):
        job = self._create_job(category=self.env.ref("pm_aftersales.helpdesk_category_enquiry"))
        self.assertEqual(job.ticket_type_id, self.type_enquiry)
        with freeze_time(T0 + timedelta(minutes=20)):
            job.action_close_enquiry()
        self.assertEqual(job.service_state, "closed")
        self.assertEqual(set(job.milestone_ids.mapped("state")), {"met"})
        repair = self._create_job()
        with self.assertRaisesRegex(UserError, "needs a visit"):
            repair.action_close_enquiry()
