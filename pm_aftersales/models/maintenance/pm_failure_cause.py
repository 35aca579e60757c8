from odoo import fields, models


class PmFailureCause(models.Model):
    """Why something broke (故障原因): recorded on every completed repair,
    counted in the failure analysis."""

    _name = "pm.failure.cause"
    _description = "Failure Cause"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    preventable = fields.Boolean(
        help="Maintenance could have avoided it: such failures call for a preventive measure."
    )

    _code_uniq = models.Constraint("UNIQUE(code)", "A failure cause with this code already exists.")
