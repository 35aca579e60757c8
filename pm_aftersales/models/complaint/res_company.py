from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pm_low_score_threshold = fields.Integer(
        string="Low Satisfaction Score",
        default=2,
        help="A follow-up score at or below this (1–5) opens a complaint on the job.",
    )

    _pm_low_score_range = models.Constraint(
        "CHECK(pm_low_score_threshold BETWEEN 0 AND 5)",
        "The low-satisfaction score is between 0 (never) and 5.",
    )
