import base64
import io
from datetime import timedelta

from freezegun import freeze_time
from PIL import Image

from ..common_service import T0
from ..parts.test_parts import TestPartsCommon


def signature_png():
    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), "black").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


class PmBillingCommon(TestPartsCommon):
    """A company with a chart of accounts (its invoices are posted), a unit
    out of warranty (handed over in 2015) and one in warranty (handed over a
    month ago), labour per hour and a value-added cleaning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.unit_a.handover_date = "2015-06-01"  # long out of warranty
        cls.unit_a2.handover_date = (T0 - timedelta(days=30)).date()
        cls.labour = cls.env["product.product"].create(
            {
                "name": "Plumbing labour",
                "type": "service",
                "list_price": 80.0,
                "uom_id": cls.env.ref("uom.product_uom_hour").id,
                "taxes_id": False,
            }
        )
        cls.cat_water_leak.pm_labour_product_id = cls.labour
        cls.valve.write({"list_price": 25.0, "taxes_id": False})
        cls.joint.write({"list_price": 4.0, "taxes_id": False})
        cls.callout = cls.env["product.product"].create(
            {"name": "Call-out", "type": "service", "list_price": 30.0, "taxes_id": False}
        )
        cls.company.pm_callout_product_id = cls.callout
        cls.cleaning = cls.env["product.product"].create(
            {
                "name": "Deep cleaning",
                "type": "service",
                "list_price": 298.0,
                "taxes_id": False,
                "categ_id": cls.env.ref("pm_aftersales.product_category_value_added").id,
                "pm_service_duration": 3.0,
            }
        )
        cls.assistant = cls.users["assistant"]

    @classmethod
    def _demo_provider(cls):
        """Odoo's demo payment provider, enabled for the company (its bank
        journal receives the payments)."""
        provider = cls.env.ref("payment.payment_provider_demo")
        assert provider.module_id.state == "installed", "payment_demo: in the test database"
        journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        provider.sudo().write({"state": "test", "company_id": cls.company.id, "is_published": True})
        provider.sudo().journal_id = journal
        provider.sudo().payment_method_ids.active = True
        return provider

    def _leak(self, unit=None, when=T0, parts=None):
        job = self._create_job(
            category=self.cat_water_leak, when=when, unit_id=(unit or self.unit_a).id
        )
        if parts:
            self.env["pm.ticket.part"].create(
                [
                    {"ticket_id": job.id, "product_id": product.id, "product_uom_qty": qty}
                    for product, qty in parts
                ]
            )
        return job

    def _quote(self, job, when, user=None):
        with freeze_time(when):
            job.with_user(user or self.assistant).action_pm_quote()
        return job.sudo()._pm_active_quote()

    def _accept(self, order, when):
        """What the portal does when the owner signs (sale's controller)."""
        with freeze_time(when):
            order.sudo().write({"signed_by": "Owner A", "signature": signature_png()})
            order.sudo()._validate_order()
