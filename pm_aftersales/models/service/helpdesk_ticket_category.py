from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    trade_id = fields.Many2one(
        "pm.trade", help="Trade of the repairs of this category: picks the crew and the warranty."
    )
    ticket_type_id = fields.Many2one(
        "pm.ticket.type", string="Default Type", help="Type given to new jobs of this category."
    )
