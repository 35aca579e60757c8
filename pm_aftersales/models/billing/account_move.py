from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    pm_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Service Job",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
