"""The owner's side of paid repairs over HTTP (issue 15): the job's page
shows chargeable or free and the quote; the owner accepts (Odoo's signature)
or declines the quote on the portal; books a value-added service; reaches
only his own quotes and invoices (pages and JSON-RPC)."""

import re

from freezegun import freeze_time
from lxml import html

from odoo import fields
from odoo.tests import HttpCase, tagged

from ..common_service import T0
from ..portal.test_portal_security_http import PortalHttpMixin
from .common_billing import PmBillingCommon, signature_png


@tagged("post_install", "-at_install")
class TestBillingPortalHttp(PortalHttpMixin, PmBillingCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.user_owner_a, cls.user_owner_b):
            user.password = f"{user.login}-pass"
            user.tz = "Asia/Shanghai"
        cls.user_owner_a.company_ids = cls.company
        cls.user_owner_a.company_id = cls.company

    def _quoted_job(self):
        job = self._leak(parts=[(self.valve, 1)])
        self._dispatch(job, self.tech_plumber, T0)
        # quoted now: the portal refuses a quote past its validity (30 days)
        job.with_user(self.assistant).action_pm_quote()
        return job, job.sudo()._pm_active_quote()

    def test_job_page_shows_the_charge_and_the_quote_to_accept(self):
        job, quote = self._quoted_job()
        self._login(self.user_owner_a)
        page = self.url_open(f"/my/ticket/{job.id}")
        self.assertEqual(page.status_code, 200)
        tree = html.fromstring(page.text)
        (card,) = tree.xpath("//div[contains(@class, 'o_pm_billing_card')]")
        text = card.text_content()
        self.assertIn("Chargeable", text)
        self.assertIn("Out of Warranty", text)
        self.assertIn(quote.name, text)
        (link,) = card.xpath(".//a[contains(@class, 'o_pm_open_quote')]")
        self.assertTrue(link.get("href").startswith(f"/my/orders/{quote.id}"))
        self.assertEqual(self.url_open(link.get("href")).status_code, 200)

    def test_owner_accepts_with_odoo_signature_and_the_clock_resumes(self):
        job, quote = self._quoted_job()
        self.assertTrue(job.is_paused)
        self._login(self.user_owner_a)
        answer = self._jsonrpc(
            f"/my/orders/{quote.id}/accept",
            {"name": "Owner A", "signature": signature_png().decode()},
        )
        self.assertNotIn("error", answer.get("result", {}), answer)
        self.assertEqual(quote.state, "sale")
        self.assertEqual(job.billing_state, "approved")
        self.assertFalse(job.is_paused)

    def test_owner_declines_on_the_portal_and_the_job_is_cancelled_with_the_reason(self):
        job, quote = self._quoted_job()
        self._login(self.user_owner_a)
        csrf = self._csrf(f"/my/orders/{quote.id}")
        response = self.url_open(
            f"/my/orders/{quote.id}/decline",
            data={"csrf_token": csrf, "decline_message": "Too expensive <b>really</b>"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(quote.state, "cancel")
        self.assertEqual(quote.pm_decline_reason, "Too expensive <b>really</b>")
        self.assertEqual(job.service_state, "cancelled")
        self.assertEqual(job.billing_state, "declined")

    def test_an_owner_reaches_only_his_quotes_and_invoices(self):
        job, quote = self._quoted_job()
        self._accept(quote, fields.Datetime.now())
        job.with_user(self.tech_plumber).action_check_in()
        job.part_ids.with_user(self.tech_plumber).quantity_used = 1
        job.with_user(self.tech_plumber).write(
            {"work_done": "Valve replaced", "failure_cause_id": self.cause_wear.id}
        )
        job.with_user(self.tech_plumber).action_complete()
        invoice = job.sudo().invoice_ids
        self.assertEqual(invoice.state, "posted")
        self._login(self.user_owner_b)
        for url in (f"/my/orders/{quote.id}", f"/my/invoices/{invoice.id}"):
            response = self.url_open(url)
            self.assertNotIn(quote.name if "orders" in url else invoice.name, response.text, url)
        found = self._call_kw("sale.order", "search_read", [[]], {"fields": ["name"]})
        self.assertNotIn(quote.id, [row["id"] for row in found.get("result", [])])
        found = self._call_kw("account.move", "search_read", [[]], {"fields": ["name"]})
        self.assertNotIn(invoice.id, [row["id"] for row in found.get("result", [])])
        read = self._call_kw("helpdesk.ticket", "read", [job.ids, ["amount_due"]])
        self.assertIn("error", read)
        # owner A reaches his invoice, with the button to pay it online
        self._login(self.user_owner_a)
        page = self.url_open(f"/my/ticket/{job.id}")
        (pay,) = html.fromstring(page.text).xpath("//a[contains(@class, 'o_pm_pay_invoice')]")
        self.assertIn(f"/my/invoices/{invoice.id}", pay.get("href"))
        self.assertEqual(self.url_open(pay.get("href")).status_code, 200)

    def _book(self, **data):
        url = f"/my/services/{self.cleaning.id}"
        payload = {
            "csrf_token": self._csrf(url),
            "unit_id": self.unit_a2.id,
            "service_date": "2026-03-05",
            "service_slot": "morning",
            "description": "Two cats <script>x</script>",
        }
        payload.update(data)
        return self.url_open(url, data=payload)

    def test_owner_books_a_value_added_cleaning_quoted_at_the_catalogue_price(self):
        self._login(self.user_owner_a)
        with freeze_time(T0):
            catalogue = self.url_open("/my/services")
            self.assertEqual(catalogue.status_code, 200)
            self.assertIn("Deep cleaning", catalogue.text)
            response = self._book()
        self.assertEqual(response.status_code, 200)
        job = self.env["helpdesk.ticket"].search([("service_product_id", "=", self.cleaning.id)])
        self.assertEqual(len(job), 1)
        self.assertRegex(response.url, rf"/my/ticket/{job.id}$")
        self.assertEqual(
            job.ticket_type_id, self.env.ref("pm_aftersales.pm_ticket_type_value_added")
        )
        self.assertEqual((job.unit_id, job.partner_id), (self.unit_a2, self.owner_a))
        self.assertEqual((str(job.service_date), job.service_slot), ("2026-03-05", "morning"))
        self.assertNotIn("<script>", job.description)
        self.assertTrue(job.milestone_ids, "its own time limits")
        quote = job.sudo()._pm_active_quote()
        self.assertEqual((quote.state, quote.amount_total), ("sent", 298.0))
        self.assertEqual(job.billing_state, "quoted")
        self.assertTrue(job.is_paused)
        self.assertIn(job.number, response.text)

    def test_booking_refuses_bad_input_and_saves_nothing(self):
        self._login(self.user_owner_a)
        with freeze_time(T0):
            for data, message in (
                ({"unit_id": self.unit_b.id}, "Choose one of your units"),
                ({"service_date": "2026-03-01"}, "wished day is past"),
                ({"service_date": "tomorrow"}, "a valid date"),
                ({"service_slot": "midnight"}, "time of day"),
            ):
                with self.subTest(data=data):
                    response = self._book(**data)
                    self.assertEqual(response.status_code, 400)
                    self.assertIn(message, response.text)
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("service_product_id", "=", self.cleaning.id)])
        )

    def test_booking_is_post_with_csrf_and_owners_only(self):
        url = f"/my/services/{self.cleaning.id}"
        self._login(self.user_owner_a)
        response = self.url_open(
            url,
            data={
                "unit_id": self.unit_a2.id,
                "service_date": "2026-03-05",
                "service_slot": "morning",
            },
        )
        self._assert_refused(response, "no CSRF token")
        self._login(self.users["technician"])
        self.assertFalse(re.search("Deep cleaning", self.url_open("/my/services").text))
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("service_product_id", "=", self.cleaning.id)])
        )

    def test_a_service_offered_in_another_estate_is_neither_shown_nor_bookable(self):
        self.cleaning.product_tmpl_id.pm_estate_ids = self.estate_other  # B's estate only
        self._login(self.user_owner_a)
        self.assertNotIn("Deep cleaning", self.url_open("/my/services").text)
        self.assertEqual(self.url_open(f"/my/services/{self.cleaning.id}").status_code, 404)
        self._login(self.user_owner_b)
        self.assertIn("Deep cleaning", self.url_open("/my/services").text)
