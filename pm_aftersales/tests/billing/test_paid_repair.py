"""Paid repairs (issue 15): chargeable or free, the quote and the owner's
approval (the clocks wait), a revised quote for what goes beyond it, the
invoice of what was used, the payment; in warranty nothing is quoted; a
declined quote cancels the job or turns it into an inspection."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..common_service import T0
from .common_billing import PmBillingCommon


@tagged("post_install", "-at_install")
class TestPaidRepair(PmBillingCommon):
    def _work(self, job, checkin, done, used=None):
        tech = self.tech_plumber
        with freeze_time(checkin):
            job.with_user(tech).action_check_in()
        for line, qty in (used or {}).items():
            line.with_user(tech).quantity_used = qty
        job.with_user(tech).write(
            {"work_done": "Valve replaced", "failure_cause_id": self.cause_wear.id}
        )
        with freeze_time(done):
            job.with_user(tech).action_complete()

    def test_out_of_warranty_leak_quoted_accepted_revised_invoiced_paid(self):
        job = self._leak(parts=[(self.valve, 1)])
        self.assertEqual((job.charge_mode, job.charge_reason), ("chargeable", "out_of_warranty"))
        self.assertEqual(job.billing_state, "to_quote")
        self._dispatch(job, self.tech_plumber, T0 + timedelta(minutes=5))
        # no work before the owner accepts a quote
        with (
            freeze_time(T0 + timedelta(minutes=10)),
            self.assertRaisesRegex(UserError, "accepts the quote"),
        ):
            job.with_user(self.tech_plumber).action_check_in()

        completion = self._milestone(job, "completion")
        deadline_before = completion.deadline
        quote = self._quote(job, T0 + timedelta(minutes=10))
        self.assertEqual(quote.state, "sent")
        self.assertEqual(quote.partner_id, self.owner_a)
        self.assertTrue(quote.require_signature)
        self.assertEqual(
            {(line.product_id, line.product_uom_qty) for line in quote.order_line},
            {(self.labour, 1.0), (self.valve, 1.0)},
        )
        self.assertEqual(quote.amount_total, 80.0 + 25.0)
        self.assertEqual(job.billing_state, "quoted")
        # the clocks wait for the owner, with the reason
        pause = job.pause_ids.filtered(lambda p: not p.date_end)
        self.assertEqual((pause.reason, pause.sale_order_id), ("quote", quote))
        self.assertEqual(completion.state, "paused")
        # the owner is told, by mail, with the link to the quote
        mail = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", job.id)]
        )
        self.assertIn(quote.get_portal_url(), "".join(mail.mapped("body_html")))

        self._accept(quote, T0 + timedelta(hours=2, minutes=10))
        self.assertEqual(quote.state, "sale")
        self.assertEqual(job.billing_state, "approved")
        self.assertFalse(job.is_paused)
        self.assertEqual(pause.date_end, T0 + timedelta(hours=2, minutes=10))
        self.assertEqual(completion.deadline, deadline_before + timedelta(hours=2))

        # on site, one more valve than quoted: the owner approves a revised quote
        line = job.part_ids
        with freeze_time(T0 + timedelta(hours=3)):
            job.with_user(self.tech_plumber).action_check_in()
        line.with_user(self.tech_plumber).write(
            {"quantity_used": 2, "over_reason": "Second valve rusted"}
        )
        job.with_user(self.tech_plumber).write(
            {"work_done": "Valves replaced", "failure_cause_id": self.cause_wear.id}
        )
        self.assertTrue(job.quote_outdated)
        with (
            freeze_time(T0 + timedelta(hours=3, minutes=30)),
            self.assertRaisesRegex(UserError, "beyond the accepted quote"),
        ):
            job.with_user(self.tech_plumber).action_complete()
        revised = self._quote(job, T0 + timedelta(hours=3, minutes=30), user=self.tech_plumber)
        self.assertNotEqual(revised, quote)
        self.assertEqual(revised.pm_revision_of_id, quote)
        self.assertEqual(quote.state, "cancel")
        self.assertEqual(
            {(line.product_id, line.product_uom_qty) for line in revised.order_line},
            {(self.labour, 1.0), (self.valve, 2.0)},
        )
        self.assertTrue(job.is_paused)
        self._accept(revised, T0 + timedelta(hours=3, minutes=40))
        with freeze_time(T0 + timedelta(hours=3, minutes=45)):
            self.assertFalse(job.quote_outdated)

        with freeze_time(T0 + timedelta(hours=3, minutes=55)):
            job.with_user(self.tech_plumber).action_complete()
        self.assertEqual(job.service_state, "done")
        invoice = job.sudo().invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.owner_a)
        # what was used: 55 minutes on site (one hour begun), two valves
        self.assertEqual(
            {(line.product_id, line.quantity) for line in invoice.invoice_line_ids},
            {(self.labour, 1.0), (self.valve, 2.0)},
        )
        self.assertEqual(invoice.amount_total, 80.0 + 2 * 25.0)
        self.assertEqual(job.billing_state, "to_pay")
        self.assertEqual(job.sudo().amount_due, invoice.amount_total)

        # the owner pays online through the demo provider
        self._pay_with_demo(invoice)
        self.assertEqual(invoice.matched_payment_ids.state, "in_process")
        self.assertEqual(job.billing_state, "paid")
        self.assertEqual(job.sudo().amount_due, 0.0)

    def _pay_with_demo(self, invoice):
        provider = self._demo_provider()
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": provider.payment_method_ids[:1].id,
                    "amount": invoice.amount_residual,
                    "currency_id": invoice.currency_id.id,
                    "partner_id": invoice.partner_id.id,
                    "reference": f"{invoice.name}-demo",
                    "invoice_ids": [Command.set(invoice.ids)],
                }
            )
        )
        tx._set_done()
        tx._post_process()
        return tx

    def test_more_hours_than_quoted_need_a_revised_quote(self):
        job = self._leak()
        self._dispatch(job, self.tech_plumber, T0)
        self._accept(self._quote(job, T0), T0 + timedelta(minutes=20))
        with freeze_time(T0 + timedelta(minutes=30)):
            job.with_user(self.tech_plumber).action_check_in()
        job.with_user(self.tech_plumber).write(
            {"work_done": "Pipe replaced", "failure_cause_id": self.cause_wear.id}
        )
        with freeze_time(T0 + timedelta(hours=2, minutes=10)):
            # 1 h 40 on site: two hours begun, one quoted
            self.assertTrue(job.quote_outdated)
            with self.assertRaisesRegex(UserError, "beyond the accepted quote"):
                job.with_user(self.tech_plumber).action_complete()
            # the revised quote covers the hours worked so far
            job.with_user(self.tech_plumber).action_pm_quote()
            revised = job.sudo()._pm_active_quote()
            self.assertEqual(revised.order_line.product_uom_qty, 2.0)
        self._accept(revised, T0 + timedelta(hours=2, minutes=20))
        with freeze_time(T0 + timedelta(hours=2, minutes=25)):
            job.with_user(self.tech_plumber).action_complete()
        self.assertEqual(job.sudo().invoice_ids.amount_total, 2 * 80.0)

    def test_in_warranty_job_is_free_and_never_quoted(self):
        job = self._leak(unit=self.unit_a2, parts=[(self.valve, 1)])
        self.assertEqual((job.charge_mode, job.charge_reason), ("free", "warranty"))
        self.assertEqual(job.billing_state, "free")
        with self.assertRaisesRegex(UserError, "free of charge"):
            job.with_user(self.assistant).action_pm_quote()
        self._dispatch(job, self.tech_plumber, T0)
        self._work(job, T0 + timedelta(minutes=10), T0 + timedelta(hours=1), {job.part_ids: 1})
        self.assertEqual(job.service_state, "done")
        self.assertFalse(job.sudo().sale_order_ids)
        self.assertFalse(job.sudo().invoice_ids)
        self.assertEqual(job.billing_state, "free")

    def test_public_area_and_not_handed_over_are_free(self):
        area_job = self._create_job(
            category=self.cat_water_leak, unit_id=False, public_area_id=self.area.id
        )
        self.assertEqual((area_job.charge_mode, area_job.charge_reason), ("free", "public_area"))
        self.unit_a.handover_date = False
        self.assertEqual(self._leak().charge_reason, "not_handed_over")

    def test_declined_quote_cancels_the_job_with_the_reason(self):
        job = self._leak()
        quote = self._quote(job, T0)
        with freeze_time(T0 + timedelta(hours=1)):
            quote.sudo()._pm_decline("Too expensive, a friend will fix it")
        self.assertEqual(quote.state, "cancel")
        self.assertTrue(quote.pm_declined)
        self.assertEqual(job.service_state, "cancelled")
        self.assertFalse(job.is_paused)
        self.assertIn("Too expensive", "".join(job.message_ids.mapped("body")))

    def test_declined_quote_goes_on_as_an_inspection_when_configured(self):
        self.company.pm_quote_decline_policy = "inspection"
        job = self._leak()
        self._dispatch(job, self.tech_plumber, T0)
        quote = self._quote(job, T0)
        quote.sudo()._pm_decline("Only check it")
        self.assertEqual(job.service_state, "dispatched")
        self.assertEqual(job.billing_state, "approved")
        inspection = job.sudo()._pm_active_quote()
        self.assertEqual(inspection.order_line.product_id, self.callout)
        self._work(job, T0 + timedelta(minutes=30), T0 + timedelta(hours=1))
        self.assertEqual(job.sudo().invoice_ids.amount_total, 30.0)

    def test_customer_service_decides_with_a_reason(self):
        job = self._leak()
        with self.assertRaisesRegex(ValidationError, "reason is required"):
            job.with_user(self.assistant).write({"charge_override": "free"})
        job.with_user(self.assistant).with_context(tracking_disable=False).write(
            {"charge_override": "free", "charge_override_reason": "Goodwill: second visit"}
        )
        self.assertEqual((job.charge_mode, job.charge_reason), ("free", "override"))
        job_b = self._leak(unit=self.unit_a2)
        job_b.with_user(self.assistant).write(
            {"charge_override": "chargeable", "charge_override_reason": "Damage by the tenant"}
        )
        self.assertEqual(job_b.charge_mode, "chargeable")
        self.assertEqual(job_b.charge_reason, "override")

    def test_technician_sees_chargeable_not_prices(self):
        job = self._leak()
        self._quote(job, T0)
        job.invalidate_recordset()
        tech_job = job.with_user(self.tech_plumber)
        self.assertEqual(tech_job.charge_mode, "chargeable")
        self.assertEqual(tech_job.billing_state, "quoted")
        with mute_logger("odoo.models", "odoo.fields"), self.assertRaises(AccessError):
            tech_job.read(["amount_quoted"])
        with mute_logger("odoo.models"), self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.tech_plumber).search([]).read(["amount_total"])
        # the assistant sees it
        self.assertEqual(job.with_user(self.assistant).amount_quoted, 80.0)

    def test_value_added_job_is_chargeable_at_the_catalogue_price(self):
        self.assertTrue(self.cleaning.pm_is_value_added)
        job = self._create_job(
            category=self.env.ref("pm_aftersales.helpdesk_category_value_added"),
            unit_id=self.unit_a2.id,
            service_product_id=self.cleaning.id,
        )
        self.assertEqual((job.charge_mode, job.charge_reason), ("chargeable", "value_added"))
        quote = self._quote(job, T0)
        self.assertEqual(quote.order_line.product_id, self.cleaning)
        self.assertEqual(quote.amount_total, 298.0)

    def test_revenue_and_job_analysis(self):
        job = self._leak(parts=[(self.valve, 1)])
        self._dispatch(job, self.tech_plumber, T0)
        self._accept(self._quote(job, T0), T0 + timedelta(minutes=5))
        self._work(job, T0 + timedelta(minutes=10), T0 + timedelta(minutes=50), {job.part_ids: 1})
        free_job = self._leak(unit=self.unit_a2)
        self.env.flush_all()
        revenue = self.env["pm.revenue.analysis"].search([("ticket_id", "=", job.id)])
        self.assertEqual(sum(revenue.mapped("amount")), 105.0)
        self.assertEqual(sum(revenue.mapped("amount_due")), 105.0)
        self.assertEqual(set(revenue.mapped("estate_id")), {self.estate})
        self.assertEqual(
            {row.line_kind: row.amount for row in revenue}, {"labour": 80.0, "part": 25.0}
        )
        analysis = self.env["pm.job.analysis"].search([("ticket_id", "in", (job | free_job).ids)])
        by_job = {row.ticket_id: row for row in analysis}
        self.assertEqual(by_job[job].charge_mode, "chargeable")
        self.assertEqual(by_job[job].amount_billed, 105.0)
        self.assertEqual(by_job[free_job].charge_mode, "free")
        self.assertEqual(by_job[free_job].amount_billed, 0.0)

    @freeze_time(T0)
    def test_hotline_says_chargeable_or_free_while_the_caller_is_on_the_line(self):
        form = Form(self.env["pm.hotline.wizard"].with_user(self.assistant))
        form.phone = "138-0013-8000"
        form.category_id = self.cat_water_leak
        form.unit_id = self.unit_a
        self.assertEqual((form.charge_mode, form.charge_reason), ("chargeable", "out_of_warranty"))
        form.unit_id = self.unit_a2
        self.assertEqual((form.charge_mode, form.charge_reason), ("free", "warranty"))

    def test_monthly_report_counts_free_and_chargeable_and_the_revenue(self):
        job = self._leak(parts=[(self.valve, 1)])
        self._dispatch(job, self.tech_plumber, T0)
        self._accept(self._quote(job, T0), T0 + timedelta(minutes=5))
        self._work(job, T0 + timedelta(minutes=10), T0 + timedelta(minutes=50), {job.part_ids: 1})
        free_job = self._leak(unit=self.unit_a2)
        self._dispatch(free_job, self.tech_plumber, T0)
        self._work(free_job, T0 + timedelta(minutes=10), T0 + timedelta(minutes=40))
        invoice = job.sudo().invoice_ids
        report = self.env["pm.monthly.report"].create(
            {
                "company_id": self.company.id,
                "date_from": "2026-03-01",
                "date_to": "2026-03-31",
            }
        )
        self.assertEqual(str(invoice.invoice_date), "2026-03-02", "posted on the day of the work")
        billing = report._report_data()["billing"]
        self.assertEqual((billing["free"], billing["chargeable"]), (1, 1))
        self.assertEqual(billing["amount"], 105.0)
        self.assertEqual(billing["due"], 105.0)
        self.assertEqual(billing["by_category"][0][0], self.cat_water_leak)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("pm_aftersales.action_report_monthly", report.ids)[0]
            .decode()
        )
        self.assertIn("Paid Repairs and Services", html)

    def test_rework_after_rejection_charges_only_what_is_added(self):
        job = self._leak(parts=[(self.valve, 1)])
        self._dispatch(job, self.tech_plumber, T0)
        self._accept(self._quote(job, T0), T0 + timedelta(minutes=5))
        self._work(job, T0 + timedelta(minutes=10), T0 + timedelta(minutes=50), {job.part_ids: 1})
        first = job.sudo().invoice_ids
        self.assertEqual(first.amount_total, 80.0 + 25.0)
        with freeze_time(T0 + timedelta(hours=2)):
            self.env["pm.ticket.acceptance"].create(
                {
                    "ticket_id": job.id,
                    "result": "rejected",
                    "reason": "Still dripping",
                    "partner_id": self.owner_a.id,
                }
            )
        self.assertEqual(job.service_state, "on_site")
        self.env["pm.ticket.part"].create(
            {
                "ticket_id": job.id,
                "product_id": self.joint.id,
                "product_uom_qty": 1,
                "quantity_used": 1,
            }
        )
        self.assertTrue(job.quote_outdated)
        supplement = self._quote(job, T0 + timedelta(hours=2, minutes=10), user=self.tech_plumber)
        self.assertEqual(
            [(line.product_id, line.product_uom_qty) for line in supplement.order_line],
            [(self.joint, 1.0)],
            "only the new joint: the first quote is invoiced and stays",
        )
        self.assertEqual(job.billing_state, "quoted")
        self._accept(supplement, T0 + timedelta(hours=2, minutes=20))
        with freeze_time(T0 + timedelta(hours=2, minutes=30)):
            job.with_user(self.tech_plumber).action_complete()
        second = job.sudo().invoice_ids - first
        self.assertEqual(second.amount_total, 4.0, "the joint only, no second labour")
        self.assertEqual(job.sudo().amount_due, 105.0 + 4.0)

    def test_assistant_registers_a_payment_at_the_counter(self):
        job = self._leak()
        self._dispatch(job, self.tech_plumber, T0)
        self._accept(self._quote(job, T0), T0 + timedelta(minutes=5))
        self._work(job, T0 + timedelta(minutes=10), T0 + timedelta(minutes=40))
        self.assertEqual(job.billing_state, "to_pay")
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            job.with_user(self.tech_plumber).action_pm_register_payment()
        action = job.with_user(self.assistant).action_pm_register_payment()
        self.assertEqual(action["res_model"], "account.payment.register")
        wizard = (
            self.env["account.payment.register"]
            .with_user(self.assistant)
            .with_context(**action["context"])
            .create({})
        )
        with freeze_time(T0 + timedelta(hours=1)):
            wizard.action_create_payments()
        self.assertEqual(job.billing_state, "paid")
        with self.assertRaisesRegex(UserError, "nothing left to pay"):
            job.with_user(self.assistant).action_pm_register_payment()

    def test_revenue_analysis_access_both_ways(self):
        revenue = self.env["pm.revenue.analysis"]
        self.assertTrue(revenue.with_user(self.users["cs_supervisor"]).has_access("read"))
        self.assertTrue(revenue.with_user(self.users["manager"]).has_access("read"))
        self.assertFalse(revenue.with_user(self.tech_plumber).has_access("read"))
        self.assertFalse(revenue.with_user(self.users["eng_supervisor"]).has_access("read"))
        self.assertFalse(revenue.with_user(self.users["manager"]).has_access("write"))
        self.assertFalse(revenue.with_user(self.user_owner_a).has_access("read"))
        rule = self.env.ref("pm_aftersales.pm_revenue_analysis_rule_company")
        self.assertIn("company_ids", rule.domain_force)
