from odoo import fields, models


class PmComplaintCause(models.Model):
    """Root cause of a complaint, found by the investigation (投诉原因)."""

    _name = "pm.complaint.cause"
    _description = "Complaint Cause"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
