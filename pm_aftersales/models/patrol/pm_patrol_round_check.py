from odoo import fields, models
from odoo.exceptions import UserError

CHECK_RESULTS = [("ok", "OK"), ("failed", "Failed"), ("na", "Not Applicable")]


class PmPatrolRoundCheck(models.Model):
    """One checklist item of a round's check-point, answered on site: OK,
    failed (the point then reports a problem and opens a repair job) or not
    applicable."""

    _name = "pm.patrol.round.check"
    _description = "Patrol Round Check"
    _order = "round_point_id, sequence, id"

    round_point_id = fields.Many2one(
        "pm.patrol.round.point",
        string="Check-point",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="round_point_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10, readonly=True)
    name = fields.Char(string="Check", required=True, readonly=True)
    instruction = fields.Char(readonly=True)
    result = fields.Selection(CHECK_RESULTS, help="OK, failed or not applicable.")
    note = fields.Char(help="What was found.")

    def write(self, vals):
        if not self.env.su:
            if vals.keys() & {"round_point_id", "sequence", "name", "instruction"}:
                raise UserError(
                    self.env._(
                        "The checklist of a round comes from its route: change the route's "
                        "check-point instead."
                    )
                )
            self.round_point_id._pm_check_answer_open()
        return super().write(vals)
