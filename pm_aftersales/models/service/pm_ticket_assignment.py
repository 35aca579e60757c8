from odoo import fields, models

DISPATCH_MODES = [
    ("assign", "Assigned"),
    ("pool", "Grabbed from Pool"),
    ("auto", "Automatic"),
    ("vendor", "Outsourced"),
]


class PmTicketAssignment(models.Model):
    """Who a job was given to, when, how and by whom: reassignments are kept."""

    _name = "pm.ticket.assignment"
    _description = "Job Assignment"
    _order = "date desc, id desc"
    _rec_name = "user_id"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, precompute=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    mode = fields.Selection(DISPATCH_MODES, required=True, default="assign")
    team_id = fields.Many2one("helpdesk.ticket.team", string="Crew")
    user_id = fields.Many2one("res.users", string="Technician", index=True)
    technician_ids = fields.Many2many("res.users", string="Crew Members")
    vendor_id = fields.Many2one("res.partner", string="Outsourced Company")
    assigned_by_id = fields.Many2one(
        "res.users", string="Dispatched By", default=lambda s: s.env.user
    )
    note = fields.Char()
