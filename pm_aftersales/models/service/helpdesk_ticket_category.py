from odoo import fields, models

# The categories of the after-sales service: those with a type of job. Other
# addons' categories (helpdesk_mgmt's demo 软件, Wifi, ...) have none and are
# not offered for jobs.
PM_CATEGORY_DOMAIN = [("ticket_type_id", "!=", False)]


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    trade_id = fields.Many2one(
        "pm.trade", help="Trade of the repairs of this category: picks the crew and the warranty."
    )
    ticket_type_id = fields.Many2one(
        "pm.ticket.type", string="Default Type", help="Type given to new jobs of this category."
    )
