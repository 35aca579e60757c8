from odoo import http
from odoo.http import request

from ..portal.portal_owner import PmOwnerPortal


class PmNotifyPortal(PmOwnerPortal):
    """The owner chooses how the service centre tells them: e-mail, SMS or
    both (their own contact only)."""

    def _pm_notify_page_values(self, **extra):
        partner = request.env.user.partner_id.sudo()
        field = partner._fields["pm_notify_channel"]
        return dict(
            page_name="pm_notify",
            pm_partner=partner,
            pm_channels=field._description_selection(request.env),
            pm_channel=partner.pm_notify_channel,
            pm_reaches=partner._pm_notice_channels(),
            **extra,
        )

    @http.route(["/my/notify"], type="http", auth="user", website=True, methods=["GET"])
    def portal_pm_notify(self, **kw):
        if not self._pm_is_owner():
            raise request.not_found()
        return request.render(
            "pm_aftersales.portal_pm_notify", self._pm_notify_page_values(pm_done=kw.get("pm_done"))
        )

    @http.route(["/my/notify"], type="http", auth="user", website=True, methods=["POST"])
    def portal_pm_notify_save(self, channel=None, **kw):
        if not self._pm_is_owner():
            raise request.not_found()
        partner = request.env.user.partner_id
        allowed = dict(partner._fields["pm_notify_channel"].selection)
        if channel not in allowed:
            return request.render(
                "pm_aftersales.portal_pm_notify", self._pm_notify_page_values(pm_error="channel")
            )
        # The owner's own preference, as Odoo's /my/account writes the
        # owner's own details.
        partner.sudo().pm_notify_channel = channel
        return request.redirect("/my/notify?pm_done=saved")

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pm_notify_label" in counters:
            partner = request.env.user.partner_id.sudo()
            values["pm_notify_label"] = dict(
                partner._fields["pm_notify_channel"]._description_selection(request.env)
            ).get(partner.pm_notify_channel)
        return values
