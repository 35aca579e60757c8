from odoo import api, fields, models
from odoo.exceptions import ValidationError

# code: (label, higher is better, unit)
INDICATORS = {
    "jobs_done": ("Jobs Completed", True, "jobs"),
    "first_time_acceptance": ("Accepted at First Try (%)", True, "%"),
    "rework": ("Rework", False, "times"),
    "satisfaction": ("Average Satisfaction (1-5)", True, "/5"),
    "complaints_upheld": ("Complaints Upheld", False, "complaints"),
    "arrival_in_limit": ("Arrivals within Limit (%)", True, "%"),
    "completion_in_limit": ("Completions within Limit (%)", True, "%"),
    "response_minutes": ("Average Time to Arrive (min)", False, "min"),
    "completion_hours": ("Average Time to Complete (h)", False, "h"),
    "delays": ("Delays", False, "delays"),
    "tool_score": ("Tools and Equipment (score)", True, "/100"),
    "training_attendance": ("Training Attendance (%)", True, "%"),
    "assessment_score": ("Assessment Score", True, "/100"),
}
INDICATOR_SELECTION = [(code, label) for code, (label, _higher, _unit) in INDICATORS.items()]


class PmScorecardScheme(models.Model):
    """The company's assessment scheme (考核方案): which indicators count, their
    weights (summing to 100%) and targets, and the thresholds that suggest a
    reward or a penalty."""

    _name = "pm.scorecard.scheme"
    _description = "Performance Assessment Scheme"

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    indicator_ids = fields.One2many(
        "pm.scorecard.indicator", "scheme_id", string="Indicators", copy=True
    )
    total_weight = fields.Float(compute="_compute_total_weight", string="Total Weight (%)")
    low_score_threshold = fields.Float(
        string="Warn Below", default=60.0, help="A total score below this suggests a warning."
    )
    praise_threshold = fields.Float(
        string="Praise From",
        default=90.0,
        help="The best of a team at or above this total is suggested for praise.",
    )
    complaint_threshold = fields.Integer(
        string="Complaints Suggesting a Fine",
        default=3,
        help="This many upheld complaints in a period suggest a fine.",
    )

    _company_uniq = models.Constraint("UNIQUE(company_id)", "A company has one assessment scheme.")

    @api.depends("indicator_ids.weight")
    def _compute_total_weight(self):
        for scheme in self:
            scheme.total_weight = sum(scheme.indicator_ids.mapped("weight"))

    @api.model_create_multi
    def create(self, vals_list):
        return super(PmScorecardScheme, self.with_context(pm_scheme_write=True)).create(vals_list)

    def write(self, vals):
        return super(PmScorecardScheme, self.with_context(pm_scheme_write=True)).write(vals)

    @api.constrains("indicator_ids")
    def _check_weights(self):
        for scheme in self:
            total = sum(scheme.indicator_ids.mapped("weight"))
            if scheme.indicator_ids and round(total, 2) != 100.0:
                raise ValidationError(
                    self.env._(
                        "The weights of “%(scheme)s” add up to %(total)s%%: they must add "
                        "up to 100%%.",
                        scheme=scheme.name,
                        total=round(total, 2),
                    )
                )

    @api.model
    def _get_for_company(self, company):
        scheme = self.search([("company_id", "=", company.id)], limit=1)
        if not scheme:
            raise ValidationError(
                self.env._("Company %s has no assessment scheme: create one first.", company.name)
            )
        return scheme
