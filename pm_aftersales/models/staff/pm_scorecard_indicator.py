from odoo import api, fields, models

from .pm_scorecard_scheme import INDICATOR_SELECTION, INDICATORS


class PmScorecardIndicator(models.Model):
    """An indicator of the scheme, its weight and target. Points out of 100:
    at or better than the target, 100; a "higher is better" indicator below
    target scores value / target x 100; a "lower is better" one loses the
    penalty for each unit above target (not below 0). An indicator without
    data is left out of the scorecard's total (see pm.scorecard)."""

    _name = "pm.scorecard.indicator"
    _description = "Performance Indicator"
    _order = "scheme_id, sequence, id"

    scheme_id = fields.Many2one(
        "pm.scorecard.scheme", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="scheme_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    code = fields.Selection(INDICATOR_SELECTION, string="Indicator", required=True)
    category = fields.Selection(
        [
            ("quality", "Quality"),
            ("efficiency", "Efficiency"),
            ("tools", "Tools and Equipment"),
            ("competence", "Competence"),
        ],
        compute="_compute_category",
        store=True,
    )
    higher_is_better = fields.Boolean(compute="_compute_category", store=True)
    weight = fields.Float(string="Weight (%)", required=True)
    target = fields.Float(string="Target Value", required=True)
    penalty = fields.Float(
        string="Points Lost per Unit",
        default=10.0,
        help="For a lower-is-better indicator: points lost for each unit above target.",
    )

    _code_uniq = models.Constraint(
        "UNIQUE(scheme_id, code)", "An indicator appears once in a scheme."
    )
    _weight_range = models.Constraint(
        "CHECK(weight >= 0 AND weight <= 100)", "A weight is between 0% and 100%."
    )
    _target_positive = models.Constraint(
        "CHECK(target >= 0 AND penalty >= 0)", "Targets and penalties are not negative."
    )

    @api.depends("code")
    def _compute_category(self):
        categories = {
            "jobs_done": "quality",
            "first_time_acceptance": "quality",
            "rework": "quality",
            "satisfaction": "quality",
            "complaints_upheld": "quality",
            "arrival_in_limit": "efficiency",
            "completion_in_limit": "efficiency",
            "response_minutes": "efficiency",
            "completion_hours": "efficiency",
            "delays": "efficiency",
            "tool_score": "tools",
            "training_attendance": "competence",
            "assessment_score": "competence",
        }
        for indicator in self:
            indicator.category = categories.get(indicator.code)
            indicator.higher_is_better = INDICATORS.get(indicator.code, ("", True))[1]

    def _get_points(self, value, has_data=True):
        """Points out of 100 for ``value``."""
        self.ensure_one()
        if not has_data:
            return 0.0
        if self.higher_is_better:
            if not self.target or value >= self.target:
                return 100.0
            return max(0.0, 100.0 * value / self.target)
        if value <= self.target:
            return 100.0
        return max(0.0, 100.0 - self.penalty * (value - self.target))

    # Lines edited one by one (RPC, import) are checked after each change;
    # through the scheme's form, once all its lines are written.
    @api.model_create_multi
    def create(self, vals_list):
        indicators = super().create(vals_list)
        if not self.env.context.get("pm_scheme_write"):
            indicators.scheme_id._check_weights()
        return indicators

    def write(self, vals):
        result = super().write(vals)
        if {"weight", "scheme_id"} & set(vals) and not self.env.context.get("pm_scheme_write"):
            self.scheme_id._check_weights()
        return result
