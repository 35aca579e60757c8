from odoo import api, fields, models


class PmScorecardLine(models.Model):
    """One indicator of a scorecard: the measured value, the target and the
    weight of the scheme at the time, the points and their weighted share."""

    _name = "pm.scorecard.line"
    _description = "Scorecard Indicator"
    _order = "scorecard_id, sequence, id"

    scorecard_id = fields.Many2one("pm.scorecard", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True)
    employee_id = fields.Many2one(related="scorecard_id.employee_id", store=True)
    period_id = fields.Many2one(related="scorecard_id.period_id", store=True)
    team_id = fields.Many2one(related="scorecard_id.team_id", store=True)
    indicator_id = fields.Many2one(
        "pm.scorecard.indicator", string="Scheme Line", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="indicator_id.sequence", store=True)
    code = fields.Selection(related="indicator_id.code", store=True)
    category = fields.Selection(related="indicator_id.category", store=True)
    value = fields.Float(digits=(12, 2), aggregator="avg")
    has_data = fields.Boolean()
    target = fields.Float(string="Target Value", aggregator="avg")
    weight = fields.Float(string="Weight (%)", aggregator="avg")
    points = fields.Float(digits=(5, 2), aggregator="avg")
    weighted = fields.Float(
        string="Weighted Points", compute="_compute_weighted", store=True, digits=(5, 2)
    )

    @api.depends("points", "weight", "has_data")
    def _compute_weighted(self):
        for line in self:
            line.weighted = round(line.points * line.weight / 100.0, 2) if line.has_data else 0.0

    def write(self, vals):
        self.scorecard_id._check_period_open()
        return super().write(vals)

    def unlink(self):
        self.scorecard_id._check_period_open()
        return super().unlink()
