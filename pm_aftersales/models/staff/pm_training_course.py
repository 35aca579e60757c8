from odoo import fields, models


class PmTrainingCourse(models.Model):
    """A training course (培训课程): service etiquette, business knowledge,
    service process, a trade skill, safety. A mandatory course must be
    passed again before its certificate expires."""

    _name = "pm.training.course"
    _description = "Training Course"
    _order = "category, name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    category = fields.Selection(
        [
            ("etiquette", "Service Etiquette"),
            ("knowledge", "Business Knowledge"),
            ("process", "Service Process"),
            ("skill", "Trade Skill"),
            ("safety", "Safety"),
        ],
        required=True,
        default="skill",
    )
    trade_id = fields.Many2one(
        "pm.trade", help="The trade a skill course teaches: passing it adds the trade."
    )
    content = fields.Html(translate=True)
    duration = fields.Float(string="Duration (hours)", default=2.0)
    recurrence_months = fields.Integer(
        string="Repeat Every (months)", default=12, help="0: taken once."
    )
    mandatory = fields.Boolean(help="Every employee of the roles concerned must hold it.")
    validity_months = fields.Integer(
        string="Certificate Validity (months)",
        default=12,
        help="How long a passed assessment counts; 0: for good.",
    )
    pass_score = fields.Float(string="Pass Mark", default=60.0)
    session_ids = fields.One2many("pm.training.session", "course_id", string="Sessions")

    _duration_positive = models.Constraint(
        "CHECK(duration > 0)", "A course lasts more than zero hours."
    )
    _months_not_negative = models.Constraint(
        "CHECK(recurrence_months >= 0 AND validity_months >= 0)",
        "Recurrence and validity are zero or more months.",
    )
    _pass_score_range = models.Constraint(
        "CHECK(pass_score BETWEEN 0 AND 100)", "The pass mark is between 0 and 100."
    )
