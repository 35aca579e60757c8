from odoo import fields, models


class PmTicketPause(models.Model):
    _inherit = "pm.ticket.pause"

    reason = fields.Selection(
        selection_add=[("quote", "Owner Deciding on the Quote")],
        ondelete={"quote": "set default"},
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Quote", readonly=True, index="btree_not_null", ondelete="set null"
    )
