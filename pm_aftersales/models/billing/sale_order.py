from odoo import fields, models


class SaleOrder(models.Model):
    """The quote of a chargeable job (报价单): the owner accepts it on the
    portal with Odoo's own signature (or declines it with a reason); at
    completion it is invoiced on what was used."""

    _inherit = "sale.order"

    pm_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Service Job",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    pm_revision_of_id = fields.Many2one(
        "sale.order",
        string="Revision Of",
        readonly=True,
        copy=False,
        help="The quote this one replaces: parts or labour beyond it needed the owner's "
        "approval again.",
    )
    pm_declined = fields.Boolean(string="Declined by the Owner", readonly=True, copy=False)
    pm_decline_reason = fields.Text(string="Reason for Declining", readonly=True, copy=False)

    def action_confirm(self):
        res = super().action_confirm()
        for order in self.filtered("pm_ticket_id"):
            order.pm_ticket_id.sudo()._pm_on_quote_accepted(order)
        return res

    def _pm_decline(self, reason):
        """The owner declines the quote (on the portal, or on the phone to the
        assistant): it is cancelled and the job follows the company's rule."""
        for order in self:
            order.write({"pm_declined": True, "pm_decline_reason": reason})
            if order.state != "cancel":
                order._action_cancel()
            if order.pm_ticket_id:
                order.pm_ticket_id.sudo()._pm_on_quote_declined(order, reason)

    def _prepare_invoice(self):
        values = super()._prepare_invoice()
        if self.pm_ticket_id:
            values["pm_ticket_id"] = self.pm_ticket_id.id
        return values
