import binascii

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..portal.uploads import check_signature

PAGE_SIZE = 20


class PmRectificationPortal(CustomerPortal):
    """Rectification orders on the portal: owners follow the orders of their
    units, read their daily notices, ask for an on-site inspection and sign
    the acceptance; developer and contractor representatives follow and sign
    the orders of their company. The record rules decide what each sees."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _pm_rect_allowed(self):
        user = request.env.user
        return user.has_group("pm_aftersales.group_pm_owner") or user.has_group(
            "pm_aftersales.group_pm_rect_party"
        )

    def _pm_rect_party(self, order):
        """The party the current user signs for on ``order`` (sudo), or None."""
        user = request.env.user
        commercial = user.commercial_partner_id
        if user.has_group("pm_aftersales.group_pm_rect_party"):
            if order.developer_id and order.developer_id.commercial_partner_id == commercial:
                return "developer"
            if order.contractor_id and order.contractor_id.commercial_partner_id == commercial:
                return "contractor"
        if user.has_group("pm_aftersales.group_pm_owner") and (
            commercial in order.unit_id.owner_ids.commercial_partner_id
        ):
            return "owner"
        return None

    def _pm_rect_can_sign(self, order):
        party = self._pm_rect_party(order)
        return bool(
            party
            and order.state == "done"
            and party not in order.current_signature_ids.mapped("party")
        )

    def _pm_rect_or_404(self, order_id):
        """The order (sudo) if the record rules let the user read it."""
        if not self._pm_rect_allowed():
            raise NotFound()
        try:
            return self._document_check_access("pm.rectification.order", order_id)
        except (AccessError, MissingError):
            raise NotFound() from None

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pm_rectification_count" in counters:
            values["pm_rectification_count"] = (
                request.env["pm.rectification.order"].search_count([])
                if self._pm_rect_allowed()
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------
    @http.route(
        ["/my/rectifications", "/my/rectifications/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_pm_rectifications(self, page=1, **kw):
        if not self._pm_rect_allowed():
            return request.redirect("/my")
        Order = request.env["pm.rectification.order"]
        count = Order.search_count([])
        pager = portal_pager(url="/my/rectifications", total=count, page=page, step=PAGE_SIZE)
        # Searched as the user (the record rules decide), shown with the
        # names of their unit and trade.
        orders = Order.search([], limit=PAGE_SIZE, offset=pager["offset"]).sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "orders": orders,
                "pager": pager,
                "notices": (
                    request.env["pm.rectification.notice"].search([], limit=10)
                    if request.env.user.has_group("pm_aftersales.group_pm_owner")
                    else request.env["pm.rectification.notice"]
                ),
                "page_name": "pm_rectifications",
            }
        )
        return request.render("pm_aftersales.portal_pm_rectifications", values)

    @http.route(["/my/rectifications/<int:order_id>"], type="http", auth="user", website=True)
    def portal_pm_rectification(self, order_id, **kw):
        order = self._pm_rect_or_404(order_id)
        values = self._prepare_portal_layout_values()
        values.update(self._pm_rect_page_values(order))
        return request.render("pm_aftersales.portal_pm_rectification", values)

    def _pm_rect_page_values(self, order):
        party = self._pm_rect_party(order)
        return {
            "order": order,
            "party": party,
            "can_sign": self._pm_rect_can_sign(order),
            "can_request_inspection": party == "owner" and order.state not in ("closed",),
            "signatures": order._get_report_signatures(),
            "progress_entries": order.progress_ids.sorted(lambda p: (p.date, p.id), reverse=True),
            "pm_done": request.params.get("pm_done"),
            "pm_error": request.params.get("pm_error"),
            "page_name": "pm_rectification",
        }

    @http.route(
        ["/my/rectification-notices/<int:notice_id>"], type="http", auth="user", website=True
    )
    def portal_pm_rectification_notice(self, notice_id, **kw):
        if not request.env.user.has_group("pm_aftersales.group_pm_owner"):
            raise NotFound()
        notice = request.env["pm.rectification.notice"].search([("id", "=", notice_id)], limit=1)
        if not notice:
            raise NotFound()
        values = self._prepare_portal_layout_values()
        values.update({"notice": notice, "page_name": "pm_rectification_notice"})
        return request.render("pm_aftersales.portal_pm_rectification_notice", values)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @http.route(
        ["/my/rectifications/<int:order_id>/sign"], type="jsonrpc", auth="user", website=True
    )
    def portal_pm_rectification_sign(self, order_id, name=None, signature=None, **kw):
        try:
            order = self._pm_rect_or_404(order_id)
        except NotFound:
            return {"error": request.env._("This rectification order is not yours.")}
        party = self._pm_rect_party(order)
        if not party:
            return {"error": request.env._("You do not sign for any party of this order.")}
        if order.state != "done":
            return {"error": request.env._("This order is not waiting for acceptance.")}
        if party in order.current_signature_ids.mapped("party"):
            return {"error": request.env._("Your party has already signed this acceptance.")}
        if not signature or not (name or "").strip():
            return {"error": request.env._("Sign and write your name to accept the work.")}
        try:
            check_signature(signature)
            self._pm_rect_create_signature(
                order, party, result="accepted", signed_by=name.strip(), signature=signature
            )
        except (binascii.Error, ValueError, TypeError):
            return {"error": request.env._("The signature could not be read: sign again.")}
        except (UserError, ValidationError, AccessError) as error:
            return {"error": str(error)}
        return {
            "force_refresh": True,
            "redirect_url": f"/my/rectifications/{order.id}?pm_done=signed",
        }

    @http.route(
        ["/my/rectifications/<int:order_id>/reject"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_pm_rectification_reject(self, order_id, reason=None, **kw):
        order = self._pm_rect_or_404(order_id)
        party = self._pm_rect_party(order)
        reason = (reason or "").strip()
        if not party:
            raise NotFound()
        if not reason:
            return request.redirect(f"/my/rectifications/{order.id}?pm_error=reason")
        if not self._pm_rect_can_sign(order):
            return request.redirect(f"/my/rectifications/{order.id}?pm_error=state")
        try:
            self._pm_rect_create_signature(
                order,
                party,
                result="rejected",
                signed_by=request.env.user.partner_id.name,
                comment=reason[:2000],
            )
        except (UserError, ValidationError, AccessError):
            return request.redirect(f"/my/rectifications/{order.id}?pm_error=state")
        return request.redirect(f"/my/rectifications/{order.id}?pm_done=rejected")

    def _pm_rect_create_signature(self, order, party, **vals):
        """Create the signature as the portal user: the record rules and the
        signatory checks apply to them."""
        return request.env["pm.rectification.signature"].create(
            dict(
                vals,
                order_id=order.id,
                party=party,
                partner_id=request.env.user.partner_id.id,
            )
        )

    @http.route(
        ["/my/rectifications/<int:order_id>/inspection"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_pm_rectification_inspection(self, order_id, note=None, **kw):
        order = self._pm_rect_or_404(order_id)
        if self._pm_rect_party(order) != "owner" or order.state == "closed":
            raise NotFound()
        # As the owner (author of the message), with the rights to post it.
        order.with_user(request.env.user).sudo().action_request_inspection(
            note=(note or "").strip()[:2000]
        )
        return request.redirect(f"/my/rectifications/{order.id}?pm_done=inspection")
