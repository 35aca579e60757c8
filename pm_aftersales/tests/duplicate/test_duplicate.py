"""Duplicate reports of one fault: seen by the assistant, merged with
helpdesk_mgmt's wizard; every reporter kept and told, the first job's time
limits hold (issue 16)."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from ..common_service import T0, PmServiceCommon

H = timedelta(hours=1)


@tagged("post_install", "-at_install")
class TestDuplicate(PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.neighbour = cls.env["res.partner"].create(
            {"name": "Neighbour N", "email": "n@example.com", "phone": "13700000000"}
        )

    def _area_job(self, partner, when, category=None):
        return self._create_job(
            category=category or self.cat_water_leak,
            when=when,
            unit_id=False,
            public_area_id=self.area.id,
            partner_id=partner.id,
        )

    def test_same_place_and_category_within_the_window(self):
        first = self._area_job(self.owner_a, T0)
        second = self._area_job(self.neighbour, T0 + 2 * H)
        other_category = self._area_job(self.owner_b, T0 + 2 * H, category=self.cat_wall_crack)
        later = self._area_job(self.owner_b, T0 + 60 * H)
        assistant_view = second.with_user(self.users["assistant"])
        self.assertEqual(assistant_view.pm_duplicate_candidate_ids, first)
        self.assertFalse(other_category.pm_duplicate_candidate_ids)
        self.assertFalse(first.pm_duplicate_candidate_ids)  # the earlier one is the original
        self.assertFalse(later.pm_duplicate_candidate_ids & first)  # outside 48 hours
        self.company.pm_duplicate_window = 0
        second.invalidate_recordset(["pm_duplicate_candidate_ids"])
        self.assertFalse(second.pm_duplicate_candidate_ids)

    def test_merge_keeps_every_reporter_and_the_first_time_limits(self):
        first = self._area_job(self.owner_a, T0)
        deadline = self._milestone(first, "completion").deadline
        second = self._area_job(self.neighbour, T0 + 2 * H)
        action = second.with_user(self.users["assistant"]).action_pm_merge_duplicate()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.users["assistant"])
            .with_context(action["context"])
        )
        self.assertEqual(wizard.duplicate_of_id, first)
        with freeze_time(T0 + 3 * H):
            wizard.save().action_confirm()
        self.assertEqual(second.duplicate_id, first)
        self.assertEqual(second.service_state, "cancelled")
        self.assertTrue(
            all(m.state == "cancelled" for m in second.milestone_ids if m.state != "met")
        )
        self.assertIn(self.neighbour, first.message_partner_ids)
        self.assertEqual(self._milestone(first, "completion").deadline, deadline)
        merged = first.message_ids.filtered(lambda m: second.number in (m.body or ""))
        self.assertIn(self.neighbour, merged.partner_ids)
        # The first job's notices now reach both reporters.
        self.assertEqual(first._pm_get_owner_recipients(), self.owner_a | self.neighbour)
        with freeze_time(T0 + 4 * H):
            first._dispatch(self.tech_plumber)
        for partner in (self.owner_a, self.neighbour):
            self.assertTrue(
                self.env["sms.sms"].search(
                    [("partner_id", "=", partner.id), ("body", "ilike", first.number)]
                ),
                partner.name,
            )
        mails = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", first.id)]
        )
        self.assertIn(self.neighbour, mails.recipient_ids)

    def test_merge_needs_write_access(self):
        first = self._area_job(self.owner_a, T0)
        second = self._area_job(self.neighbour, T0 + 2 * H)
        wizard = (
            self.env["helpdesk.ticket.duplicate.wizard"]
            .with_user(self.user_owner_a)
            .sudo()
            .create({"ticket_id": second.id, "duplicate_of_id": first.id})
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_owner_a).action_confirm()
        self.assertFalse(second.duplicate_id)
        _ = Command
