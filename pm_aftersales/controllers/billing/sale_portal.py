from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.sale.controllers.portal import CustomerPortal


class PmSalePortal(CustomerPortal):
    """Odoo's portal quotation: declining a job's quote (with the owner's
    reason) applies the company's rule to the job."""

    @http.route()
    def portal_quote_decline(self, order_id, access_token=None, decline_message=None, **kwargs):
        try:
            order = self._document_check_access("sale.order", order_id, access_token=access_token)
        except (AccessError, MissingError):
            order = request.env["sale.order"]
        was_open = order.state in ("draft", "sent")
        response = super().portal_quote_decline(
            order_id, access_token=access_token, decline_message=decline_message, **kwargs
        )
        if order and was_open and order.pm_ticket_id and order.state == "cancel":
            order._pm_decline(decline_message)
        return response
