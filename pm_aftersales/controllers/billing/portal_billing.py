from datetime import date

from odoo import fields, http
from odoo.http import request
from odoo.tools import plaintext2html

from ...models.billing.helpdesk_ticket import SERVICE_SLOTS
from ..portal.portal_owner import PmOwnerPortal


class PmBillingPortal(PmOwnerPortal):
    """The owner's side of paid repairs: on the job's page, chargeable or
    free and why, the quote to accept and the invoice to pay (Odoo's own
    portal pages); the value-added services to book."""

    def _pm_ticket_page_values(self, ticket):
        values = super()._pm_ticket_page_values(ticket)
        ticket = ticket.sudo()
        quote = ticket._pm_active_quote()
        invoices = ticket._pm_posted_invoices()
        values.update(
            {
                "pm_charge_mode": ticket._pm_label("charge_mode"),
                "pm_charge_reason": ticket._pm_label("charge_reason"),
                "pm_billing_state": ticket.billing_state,
                "pm_billing_label": ticket._pm_label("billing_state"),
                "pm_quote": quote,
                "pm_invoices": invoices,
                "pm_invoice_to_pay": ticket._pm_invoice_to_pay(),
            }
        )
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pm_service_count" in counters:
            values["pm_service_count"] = (
                len(self._pm_bookable_services()) if self._pm_is_owner() else 0
            )
        return values

    # ------------------------------------------------------------------
    # Value-added services
    # ------------------------------------------------------------------
    def _pm_bookable_services(self):
        """The value-added services offered in the estates of the owner's units."""
        estates = self._pm_units().sudo().estate_id
        products = (
            request.env["product.product"]
            .sudo()
            .search(
                [
                    ("pm_is_value_added", "=", True),
                    ("sale_ok", "=", True),
                    ("company_id", "in", [request.env.company.id, False]),
                ],
                order="name",
            )
        )
        return products.filtered(lambda p: p.product_tmpl_id._pm_is_offered_in(estates))

    @http.route(["/my/services"], type="http", auth="user", website=True, methods=["GET"])
    def portal_pm_services(self, **kw):
        if not self._pm_is_owner():
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "services": self._pm_bookable_services(),
                "unit_uom": request.env.ref("uom.product_uom_unit"),
                "page_name": "pm_services",
            }
        )
        return request.render("pm_aftersales.portal_pm_services", values)

    def _pm_service_or_404(self, product_id):
        service = self._pm_bookable_services().filtered(lambda p: p.id == product_id)
        if not service:
            raise request.not_found()
        return service

    def _pm_render_booking(self, service, post, errors=None, status=200):
        values = self._prepare_portal_layout_values()
        estates = service.product_tmpl_id.pm_estate_ids
        units = self._pm_units().filtered(lambda u: not estates or u.sudo().estate_id in estates)
        values.update(
            {
                "service": service,
                "unit_uom": request.env.ref("uom.product_uom_unit"),
                "units": units,
                "slots": SERVICE_SLOTS,
                "slot_labels": dict(
                    request.env["helpdesk.ticket"]
                    ._fields["service_slot"]
                    ._description_selection(request.env)
                ),
                "post": post,
                "errors": errors or [],
                "today": self._pm_local_today().isoformat(),
                "page_name": "pm_service_booking",
            }
        )
        return request.render("pm_aftersales.portal_pm_service_booking", values, status=status)

    def _pm_local_today(self):
        return fields.Datetime.context_timestamp(
            request.env.user.with_context(tz=self._pm_portal_tz()), fields.Datetime.now()
        ).date()

    @http.route(
        ["/my/services/<int:product_id>"], type="http", auth="user", website=True, methods=["GET"]
    )
    def portal_pm_service(self, product_id, **kw):
        if not self._pm_is_owner():
            return request.redirect("/my")
        service = self._pm_service_or_404(product_id)
        return self._pm_render_booking(service, {"unit_id": kw.get("unit_id")})

    @http.route(
        ["/my/services/<int:product_id>"], type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_pm_service_book(self, product_id, **post):
        if not self._pm_is_owner():
            raise request.not_found()
        service = self._pm_service_or_404(product_id)
        vals, errors = self._pm_validate_booking(service, post)
        if errors:
            return self._pm_render_booking(service, post, errors, status=400)
        ticket = self._pm_create_booking(service, vals)
        request.session["pm_reported_ticket_id"] = ticket.id
        return request.redirect(f"/my/ticket/{ticket.id}")

    def _pm_validate_booking(self, service, post):
        env = request.env
        errors = []
        estates = service.product_tmpl_id.pm_estate_ids
        unit = self._pm_units().filtered(lambda u: str(u.id) == (post.get("unit_id") or ""))
        if not unit:
            errors.append(env._("Choose one of your units for the service."))
        elif estates and unit.sudo().estate_id not in estates:
            errors.append(env._("This service is not offered in the estate of this unit."))
        wished = False
        try:
            wished = date.fromisoformat(post.get("service_date") or "")
        except ValueError:
            errors.append(env._("Choose the day you wish the service (a valid date)."))
        if wished and wished < self._pm_local_today():
            errors.append(env._("The wished day is past: choose today or a later day."))
        slot = post.get("service_slot")
        if slot not in dict(SERVICE_SLOTS):
            errors.append(env._("Choose a time of day for the service."))
        note = (post.get("description") or "").strip()[:2000]
        vals = {
            "unit_id": unit.id,
            "service_date": wished,
            "service_slot": slot,
            "description": plaintext2html(note) if note else False,
        }
        return vals, errors

    def _pm_create_booking(self, service, vals):
        """The booking becomes a job of the value-added type, quoted at the
        catalogue price and sent to the owner."""
        category = request.env.ref(
            "pm_aftersales.helpdesk_category_value_added", raise_if_not_found=False
        )
        unit = request.env["pm.unit"].browse(vals["unit_id"])
        ticket = self._pm_create_report(
            dict(
                vals,
                name=" - ".join(p for p in (service.name, unit.display_name) if p),
                description=vals["description"] or plaintext2html(service.name),
                category_id=category.id if category else False,
                ticket_type_id=request.env.ref("pm_aftersales.pm_ticket_type_value_added").id,
                service_product_id=service.id,
                public_area_id=False,
            ),
            [],
        )
        ticket.sudo()._pm_create_quote()
        return ticket
