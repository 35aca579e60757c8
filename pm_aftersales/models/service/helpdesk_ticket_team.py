from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    pm_trade_ids = fields.Many2many(
        "pm.trade", string="Trades", help="New jobs of these trades go to this crew."
    )
    pm_dispatch_mode = fields.Selection(
        selection=[
            ("assign", "Dispatcher Assigns"),
            ("pool", "Pool (Technicians Grab)"),
            ("auto", "Automatic (Least Loaded, Skilled, On Duty)"),
        ],
        string="Dispatch Mode",
        default="assign",
        required=True,
    )
