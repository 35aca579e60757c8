"""helpdesk_mgmt's own portal routes and the login page, made safe for the
after-sales portal roles."""

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.portal.controllers.web import Home

from .uploads import read_uploads


class PmHelpdeskTicketController(HelpdeskTicketController):
    """helpdesk_mgmt's own portal routes, made safe: each portal role has its
    own forms, changes are POSTed with a CSRF token, uploads are checked."""

    @http.route(methods=["POST"])
    def support_ticket_close(self, **kw):
        # helpdesk_mgmt closes any ticket by id, as sudo. Its customers close
        # the tickets they can read (its own behaviour, kept); the
        # after-sales portal roles only read jobs (owners accept or reject the
        # work, outsourced technicians complete it): they must be allowed to
        # change the job themselves.
        try:
            ticket_id = int(kw.get("ticket_id") or 0)
            int(kw.get("stage_id") or 0)
        except ValueError:
            raise request.not_found() from None
        ticket = request.env["helpdesk.ticket"].browse(ticket_id)
        try:
            if not ticket.exists():
                raise MissingError(ticket_id)
            ticket.check_access("write" if self._pm_is_after_sales_portal_user() else "read")
        except (AccessError, MissingError):
            raise request.not_found() from None
        return super().support_ticket_close(**kw)

    def _pm_is_after_sales_portal_user(self):
        user = request.env.user
        return any(
            user.has_group(group)
            for group in (
                "pm_aftersales.group_pm_owner",
                "pm_aftersales.group_pm_vendor",
                "pm_aftersales.group_pm_rect_party",
            )
        )

    def _pm_portal_role_response(self):
        """What helpdesk_mgmt's generic form answers the portal roles that do
        not use it (None for the others): owners report through their own form
        (units, time limits, uploads); outsourced technicians and the
        representatives of the developer and contractors open no jobs."""
        user = request.env.user
        if user.has_group("pm_aftersales.group_pm_owner"):
            return request.redirect("/my/report")
        if user.has_group("pm_aftersales.group_pm_vendor") or user.has_group(
            "pm_aftersales.group_pm_rect_party"
        ):
            raise request.not_found()
        return None

    @http.route()
    def create_new_ticket(self, **kw):
        return self._pm_portal_role_response() or super().create_new_ticket(**kw)

    @http.route(methods=["POST"])
    def submit_ticket(self, **kw):
        response = self._pm_portal_role_response()
        if response:
            return response
        # The checks of the owners' report form: type by content, size,
        # number and a sanitized name; nothing is saved if a file is refused.
        files = request.httprequest.files.getlist("attachment")
        attachments, errors = read_uploads(request.env, files)
        if errors:
            values = self._get_create_new_ticket_values(**kw)
            values["pm_errors"] = errors
            return request.render("helpdesk_mgmt.portal_create_ticket", values, status=400)
        for upload, (name, _mimetype, _data) in zip(
            (f for f in files if f and f.filename), attachments, strict=True
        ):
            # helpdesk_mgmt reads the files again, under the checked name.
            upload.filename = name
            upload.stream.seek(0)
        return super().submit_ticket(**kw)


class PmHome(Home):
    @http.route()
    def web_login(self, redirect=None, **kw):
        response = super().web_login(redirect=redirect, **kw)
        # The portal speaks the user's language after login, whatever page
        # the login form was opened from.
        if request.params.get("login_success") and request.session.uid:
            lang = request.env["res.users"].sudo().browse(request.session.uid).lang
            if lang and hasattr(response, "set_cookie"):
                response.set_cookie("frontend_lang", lang)
        return response
