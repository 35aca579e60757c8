from odoo import api, fields, models


def _round_to_sum(values, digits=2):
    """``values`` rounded to ``digits`` so that they add up to their rounded
    sum: the units lost in rounding go to the largest remainders."""
    unit = 10**digits
    exact = [value * unit for value in values]
    floors = [int(value // 1) for value in exact]
    missing = round(sum(exact)) - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: floors[i] - exact[i])
    for i in by_remainder[: max(missing, 0)]:
        floors[i] += 1
    return [value / unit for value in floors]


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
    has_data = fields.Boolean(string="Measured")
    measure_state = fields.Selection(
        [("measured", "Measured"), ("excluded", "Not Measured: Left Out")],
        string="In the Total",
        compute="_compute_measure_state",
    )
    target = fields.Float(string="Target Value", aggregator="avg")
    weight = fields.Float(string="Weight (%)", aggregator="avg")
    share = fields.Float(
        string="Weight in Total (%)",
        compute="_compute_weighted",
        store=True,
        digits=(5, 2),
        aggregator="avg",
        help="The scheme's weight scaled over the indicators measured on this scorecard, so "
        "that they add up to 100%; an indicator not measured has none.",
    )
    points = fields.Float(digits=(5, 2), aggregator="avg")
    weighted = fields.Float(
        string="Weighted Points",
        compute="_compute_weighted",
        store=True,
        digits=(5, 2),
        help="Points x weight in total: the scorecard's score is the sum of these.",
    )

    @api.depends(
        "points",
        "weight",
        "has_data",
        "scorecard_id.line_ids.weight",
        "scorecard_id.line_ids.has_data",
    )
    def _compute_weighted(self):
        """An indicator without data (no follow-up answered, no training
        held) is left out: its weight goes to the measured ones, pro rata.
        Rounded to the cent so that the lines add up exactly to the total
        (largest remainders), never to 100.02."""
        for card in self.scorecard_id:
            lines = card.line_ids & self
            measured = card.line_ids.filtered("has_data")
            total = sum(measured.mapped("weight"))
            (lines - measured).share = 0.0
            (lines - measured).weighted = 0.0
            if not total:
                measured.share = 0.0
                measured.weighted = 0.0
                continue
            shares = _round_to_sum([line.weight * 100.0 / total for line in measured])
            weighted = _round_to_sum([line.points * line.weight / total for line in measured])
            for line, share, points in zip(measured, shares, weighted, strict=True):
                line.share = share
                line.weighted = points
        for line in self.filtered(lambda line: not line.scorecard_id):
            line.share = line.weighted = 0.0

    @api.depends("has_data")
    def _compute_measure_state(self):
        for line in self:
            line.measure_state = "measured" if line.has_data else "excluded"

    def write(self, vals):
        self.scorecard_id._check_period_open()
        return super().write(vals)

    def unlink(self):
        self.scorecard_id._check_period_open()
        return super().unlink()
