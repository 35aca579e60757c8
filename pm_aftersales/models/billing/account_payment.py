from odoo import api, models


class AccountPayment(models.Model):
    """A payment received for a job's invoice (online or at the counter) is
    "in process" until the bank reconciliation: the job shows it paid at once."""

    _inherit = "account.payment"

    def _pm_refresh_jobs(self):
        tickets = self.sudo().invoice_ids.pm_ticket_id
        if tickets:
            Ticket = self.env["helpdesk.ticket"]
            for fname in ("billing_state", "amount_due"):
                self.env.add_to_compute(Ticket._fields[fname], tickets)

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        payments._pm_refresh_jobs()
        return payments

    def write(self, vals):
        res = super().write(vals)
        if {"state", "invoice_ids", "amount"} & set(vals):
            self._pm_refresh_jobs()
        return res
