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
    _inherit = ["pm.ticket.event.mixin"]
    _description = "Job Assignment"
    _order = "date desc, id desc"
    _rec_name = "user_id"

    date = fields.Datetime(required=True, default=fields.Datetime.now)
    mode = fields.Selection(DISPATCH_MODES, required=True, default="assign")
    team_id = fields.Many2one("helpdesk.ticket.team", string="Crew")
    # the technician given the job, not the one who records it
    user_id = fields.Many2one(string="Technician", index=True, default=None)
    technician_ids = fields.Many2many("res.users", string="Crew Members")
    vendor_id = fields.Many2one("res.partner", string="Outsourced Company")
    assigned_by_id = fields.Many2one(
        "res.users", string="Dispatched By", default=lambda s: s.env.user
    )
    note = fields.Char()
