"""The owner on a phone (390 px, touch) accepts a quote and pays the
invoice online through Odoo's demo payment provider (issue 15)."""

from odoo.tests import HttpCase, tagged

from .common_billing import PmBillingCommon


@tagged("post_install", "-at_install")
class TestOwnerPaysOnPhone(PmBillingCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_owner_a.write(
            {"password": "owner_a", "company_ids": cls.company.ids, "company_id": cls.company.id}
        )
        cls._demo_provider()

    def test_owner_accepts_the_quote_and_pays_the_invoice(self):
        job = self._leak(parts=[(self.valve, 1)])
        job._dispatch(self.tech_plumber)
        job.with_user(self.assistant).action_pm_quote()
        quote = job.sudo()._pm_active_quote()
        self.start_tour(
            f"/my/ticket/{job.id}", "pm_aftersales_owner_accepts_quote", login="owner_a"
        )
        self.assertEqual(quote.state, "sale")
        self.assertEqual(job.billing_state, "approved")
        self.assertFalse(job.is_paused)

        tech = job.with_user(self.tech_plumber)
        tech.action_check_in()
        job.part_ids.with_user(self.tech_plumber).quantity_used = 1
        tech.write({"work_done": "Valve replaced", "failure_cause_id": self.cause_wear.id})
        tech.action_complete()
        self.assertEqual(job.billing_state, "to_pay")
        self.start_tour(f"/my/ticket/{job.id}", "pm_aftersales_owner_pays_invoice", login="owner_a")
        self.env.invalidate_all()
        self.assertEqual(job.billing_state, "paid")
        self.assertEqual(job.sudo().invoice_ids.transaction_ids.state, "done")
