from odoo import fields, models


class PmTicketAssignment(models.Model):
    _inherit = "pm.ticket.assignment"

    mode = fields.Selection(
        selection_add=[("roster", "On Duty (Roster)")], ondelete={"roster": "set default"}
    )
