from odoo import fields, models


class PmDelayReason(models.Model):
    """Why a job cannot meet its time limit (延期原因)."""

    _name = "pm.delay.reason"
    _description = "Delay Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
