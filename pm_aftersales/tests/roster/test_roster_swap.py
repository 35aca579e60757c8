from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_roster import NIGHT_END, NIGHT_START, PmRosterCommon

BEFORE = NIGHT_START - timedelta(days=1)


@tagged("post_install", "-at_install")
class TestRosterSwap(PmRosterCommon):
    """The plumber hands his night shift over to the mason."""

    def _request(self, user=None, shift=None, to_user=None, reason="Family matter"):
        with freeze_time(BEFORE):
            return (
                self.env["pm.duty.swap"]
                .with_user(user or self.tech_plumber)
                .create(
                    {
                        "shift_id": (shift or self.night_shift).id,
                        "to_user_id": (to_user or self.tech_mason).id,
                        "reason": reason,
                    }
                )
            )

    def test_swap_asked_approved_and_recorded(self):
        self.night_shift.estate_id = self.estate
        with freeze_time(BEFORE):
            action = self.night_shift.with_user(self.tech_plumber).action_request_swap()
            form = Form(
                self.env["pm.duty.swap"]
                .with_user(self.tech_plumber)
                .with_context(action["context"]),
                view=action["views"][0][0],
            )
            self.assertEqual(form.from_user_id, self.tech_plumber)
            form.to_user_id = self.tech_mason
            form.reason = "Family matter"
            swap = form.save()
        self.assertEqual(swap.state, "requested")
        self.assertEqual(swap.from_user_id, self.tech_plumber)
        # the estate's engineering supervisor has it to approve
        todo = swap.sudo().activity_ids
        self.assertEqual(todo.user_id, self.users["eng_supervisor"])
        self.assertIn("Tech mason", todo.note)
        self.assertEqual(self.night_shift.user_id, self.tech_plumber, "nothing changes yet")
        with freeze_time(BEFORE + timedelta(hours=1)):
            swap.with_user(self.users["eng_supervisor"]).action_approve()
        self.assertEqual(self.night_shift.user_id, self.tech_mason)
        self.assertEqual(swap.state, "approved")
        self.assertEqual(swap.from_user_id, self.tech_plumber, "who handed it over stays")
        self.assertEqual(swap.decided_by_id, self.users["eng_supervisor"])
        self.assertEqual(swap.decision_date, BEFORE + timedelta(hours=1))
        self.assertFalse(swap.sudo().activity_ids)
        note = self.night_shift.message_ids.filtered(lambda m: "Swap approved" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("Tech plumber hands the shift over to Tech mason", note.body)
        self.assertEqual(self.night_shift.swap_ids, swap)
        # the mason has it in his shifts, the plumber sees the swap he made
        mine = (
            self.env["pm.duty.shift"]
            .with_user(self.tech_mason)
            .search([("user_id", "=", self.tech_mason.id)])
        )
        self.assertEqual(mine, self.night_shift)
        self.assertEqual(self.env["pm.duty.swap"].with_user(self.tech_plumber).search([]), swap)

    def test_the_urgent_job_then_goes_to_the_new_technician(self):
        swap = self._request()
        with freeze_time(BEFORE):
            swap.with_user(self.users["eng_supervisor"]).action_approve()
        job = self._urgent_job()
        self.assertEqual(job.user_id, self.tech_mason)

    def test_only_his_own_shift(self):
        with self.assertRaises(UserError):  # an AccessError is one
            self._request(shift=self.day_shift, to_user=self.tech_mason)
        # a supervisor records a swap for anyone
        swap = self._request(self.users["eng_supervisor"], shift=self.day_shift)
        self.assertEqual(swap.from_user_id, self.leader)

    def test_technician_cannot_decide(self):
        swap = self._request()
        with self.assertRaises(AccessError), freeze_time(BEFORE):
            swap.with_user(self.tech_plumber).action_approve()
        with self.assertRaises(AccessError), freeze_time(BEFORE):
            swap.with_user(self.users["cs_supervisor"]).action_approve()  # not his duty
        self.assertEqual(swap.state, "requested")
        self.assertEqual(self.night_shift.user_id, self.tech_plumber)

    def test_refuse_and_withdraw(self):
        swap = self._request()
        with freeze_time(BEFORE):
            swap.with_user(self.users["eng_supervisor"]).action_refuse()
        self.assertEqual(swap.state, "refused")
        self.assertEqual(self.night_shift.user_id, self.tech_plumber)
        with self.assertRaises(UserError):
            swap.with_user(self.users["eng_supervisor"]).action_approve()
        other = self._request(reason="Sick")
        with self.assertRaises(UserError):
            other.with_user(self.tech_mason).action_cancel()
        other.with_user(self.tech_plumber).action_cancel()
        self.assertEqual(other.state, "cancelled")

    def test_colleague_already_on_duty(self):
        """The leader is on the day shift: he cannot take a night shift
        overlapping it."""
        self._shift(self.leader, NIGHT_START, NIGHT_START + timedelta(hours=2), duty_type="hotline")
        swap = self._request(to_user=self.leader)
        with self.assertRaises(ValidationError), freeze_time(BEFORE):
            swap.with_user(self.users["eng_supervisor"]).action_approve()

    def test_swap_checks(self):
        with self.assertRaises(ValidationError):
            self._request(to_user=self.tech_plumber)
        with self.assertRaises(UserError), freeze_time(NIGHT_END + timedelta(hours=1)):
            self.env["pm.duty.swap"].with_user(self.tech_plumber).create(
                {
                    "shift_id": self.night_shift.id,
                    "to_user_id": self.tech_mason.id,
                    "reason": "Too late",
                }
            )
