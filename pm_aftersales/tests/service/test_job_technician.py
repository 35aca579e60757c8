from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common_service import T0, PmServiceCommon

H = timedelta(hours=1)
M = timedelta(minutes=1)


@tagged("post_install", "-at_install")
class TestTechnicianDelay(PmServiceCommon):
    def _delay(self, user, job, explanation="The valve must be ordered"):
        with freeze_time(T0 + 2 * H):
            return (
                self.env["pm.ticket.delay"]
                .with_user(user)
                .create(
                    {
                        "ticket_id": job.id,
                        "milestone_id": self._milestone(job, "completion").id,
                        "reason_id": self.env.ref("pm_aftersales.pm_delay_reason_parts").id,
                        "explanation": explanation,
                        "promised_date": T0 + 30 * H,
                    }
                )
            )

    def test_technician_delays_his_own_job(self):
        """The technician asks for the delay himself: the original limit is
        kept on it although he may not write delays."""
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + H)
        delay = self._delay(self.tech_plumber, job)
        self.assertEqual(delay.user_id, self.tech_plumber)
        self.assertEqual(delay.sudo().original_deadline, T0 + 8 * H)
        self.assertEqual(self._milestone(job, "completion").deadline, T0 + 30 * H)
        # he still writes no delay, his own or a colleague's
        other_job = self._create_job()
        self._dispatch(other_job, self.tech_mason, T0 + H)
        colleague_delay = self._delay(self.tech_mason, other_job, "Wall must be opened")
        for user, record in ((self.tech_plumber, colleague_delay), (self.tech_plumber, delay)):
            with self.assertRaises(AccessError):
                record.with_user(user).write({"explanation": "Rewritten"})
        with self.assertRaises(AccessError):
            delay.with_user(self.tech_plumber).original_deadline = T0 + 40 * H
        self.assertEqual(colleague_delay.explanation, "Wall must be opened")
        self.assertEqual(delay.original_deadline, T0 + 8 * H)

    def test_original_deadline_is_not_his_to_choose(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + H)
        with freeze_time(T0 + 2 * H):
            delay = (
                self.env["pm.ticket.delay"]
                .with_user(self.tech_plumber)
                .create(
                    {
                        "ticket_id": job.id,
                        "milestone_id": self._milestone(job, "completion").id,
                        "reason_id": self.env.ref("pm_aftersales.pm_delay_reason_parts").id,
                        "explanation": "x",
                        "promised_date": T0 + 30 * H,
                        "original_deadline": T0 + 29 * H,
                    }
                )
            )
        self.assertEqual(delay.original_deadline, T0 + 8 * H)


@tagged("post_install", "-at_install")
class TestTechnicianGrab(PmServiceCommon):
    def test_grab_after_a_colleague_names_him(self):
        """B clicks "Take from Pool" on the job A has just taken: B may no
        longer read the job, and is told who took it."""
        job = self._create_job()
        with freeze_time(T0 + M):
            job._dispatch(pool=True)
        with freeze_time(T0 + 2 * M):
            job.with_user(self.tech_mason).action_grab()
        # B's request starts afresh: nothing of the job in its cache
        self.env.invalidate_all()
        with freeze_time(T0 + 3 * M), self.assertRaises(UserError) as caught:
            job.with_user(self.tech_plumber).action_grab()
        self.assertNotIsInstance(caught.exception, AccessError)
        self.assertEqual(str(caught.exception), "This job was already taken by Tech mason.")
        self.assertEqual(job.user_id, self.tech_mason)
