from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from ..portal.portal_owner import PmOwnerPortal


class PmUrgePortal(PmOwnerPortal):
    """The owner urges (催单) an open job from its page."""

    def _pm_ticket_page_values(self, ticket):
        values = super()._pm_ticket_page_values(ticket)
        ticket = ticket.sudo()
        values.update(
            {
                "pm_can_urge": ticket._pm_can_urge(),
                "pm_next_urge_date": ticket._pm_next_urge_date(),
                "pm_urge_count": ticket.urge_count,
            }
        )
        return values

    @http.route(
        ["/my/ticket/<int:ticket_id>/urge"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_pm_urge(self, ticket_id, **kw):
        ticket = self._pm_job_or_404(ticket_id)
        try:
            ticket.with_context(lang=request.env.lang)._pm_urge(
                request.env.user.partner_id, channel="portal"
            )
        except UserError:
            return request.redirect(f"/my/ticket/{ticket.id}?pm_error=urge")
        return request.redirect(f"/my/ticket/{ticket.id}?pm_done=urged")
