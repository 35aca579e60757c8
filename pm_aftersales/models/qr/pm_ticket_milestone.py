from odoo import fields, models

CHECKIN_METHODS = [
    ("qr", "Label Scanned"),
    ("gps", "Position within the Estate"),
    ("manual", "Manual, with a Reason"),
    ("none", "Not Proven"),
]
PROVEN_METHODS = ("qr", "gps")


class PmTicketMilestone(models.Model):
    """The arrival milestone keeps how the arrival was proven."""

    _inherit = "pm.ticket.milestone"

    proof_method = fields.Selection(
        CHECKIN_METHODS,
        string="Proven By",
        readonly=True,
        help="How the technician proved he was on site when the arrival was met.",
    )
