from odoo import models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _pm_is_urgent_notice(self):
        """An urgent repair's owner is told at once, even at night."""
        return super()._pm_is_urgent_notice() or self.ticket_type_id.code == "urgent_repair"

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        return self._pm_filter_owner_notice_recipients(recipients)
