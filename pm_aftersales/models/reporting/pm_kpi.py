from odoo import fields, models

# What a KPI measures (pm.kpi.evaluation._measure computes each).
KPI_METRICS = [
    ("urgent_arrival", "Urgent Repairs: Arrivals within Limit (%)"),
    ("urgent_completion", "Urgent Repairs: Completed within Limit (%)"),
    ("minor_completion", "Minor Repairs: Completed within Limit (%)"),
    ("first_time", "Accepted at First Try (%)"),
    ("satisfaction", "Average Satisfaction (1-5)"),
    ("low_score_share", "Low Satisfaction Scores (%)"),
    ("followup_rate", "Follow-up Visits Done (%)"),
    ("complaint_rate", "Complaints per 100 Jobs"),
    ("rectification_on_time", "Rectifications Accepted on Time (%)"),
]


class PmKpi(models.Model):
    """A key performance indicator of the service-quality evaluation index
    system (质量评估指标体系): what is measured, the target, whether higher
    or lower is better."""

    _name = "pm.kpi"
    _description = "Service Quality KPI"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    metric = fields.Selection(KPI_METRICS, required=True)
    target = fields.Float(string="Target Value", required=True)
    comparison = fields.Selection(
        [("ge", "At Least"), ("le", "At Most")], required=True, default="ge"
    )
    description = fields.Text(translate=True)

    _metric_company_uniq = models.Constraint(
        "UNIQUE(company_id, metric)", "This indicator is already defined for the company."
    )
    _target_positive = models.Constraint("CHECK(target >= 0)", "A target is not negative.")

    def _is_met(self, value):
        self.ensure_one()
        return value >= self.target if self.comparison == "ge" else value <= self.target
