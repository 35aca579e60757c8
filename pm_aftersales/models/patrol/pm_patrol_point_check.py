from odoo import fields, models


class PmPatrolPointCheck(models.Model):
    """One line of a check-point's checklist (检查项): what the patroller
    looks at there. Each round copies it to be answered."""

    _name = "pm.patrol.point.check"
    _description = "Patrol Check-point Checklist Item"
    _order = "point_id, sequence, id"

    point_id = fields.Many2one(
        "pm.patrol.point", string="Check-point", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="point_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Check", required=True)
    instruction = fields.Char(help="How to check it, what is expected.")
