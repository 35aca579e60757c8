from odoo import api, fields, models
from odoo.exceptions import ValidationError

SCORES = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]
# The stars of the form: "0" is "not given yet", never saved.
RATINGS = [
    ("0", "Not Given"),
    ("1", "Very Poor"),
    ("2", "Poor"),
    ("3", "Fair"),
    ("4", "Good"),
    ("5", "Excellent"),
]
# score field (stored, 1-5) -> its stars on the form
RATING_FIELDS = {
    "score_speed": "speed_rating",
    "score_attitude": "attitude_rating",
    "score_quality": "quality_rating",
}


class PmTicketFollowup(models.Model):
    """Follow-up visit (回访): the owner's satisfaction with the job."""

    _name = "pm.ticket.followup"
    _inherit = ["pm.ticket.event.mixin"]
    _description = "Follow-up Visit"
    _order = "date desc, id desc"
    _rec_name = "ticket_id"

    _pm_ticket_allowed_states = ("verified",)

    date = fields.Datetime(required=True, default=fields.Datetime.now)
    method = fields.Selection(
        selection=[
            ("phone", "Phone Call"),
            ("visit", "Home Visit"),
            ("portal", "Portal"),
            ("sms", "SMS / Message"),
        ],
        required=True,
        default="phone",
    )
    user_id = fields.Many2one(string="Visited By")
    partner_id = fields.Many2one(related="ticket_id.partner_id", store=True, string="Owner")
    technician_id = fields.Many2one(related="ticket_id.user_id", store=True)
    score_speed = fields.Integer(string="Arrival Speed", required=True)
    score_attitude = fields.Integer(string="Service Attitude", required=True)
    score_quality = fields.Integer(string="Repair Quality", required=True)
    # The form's stars: a new visit starts with none, not with 0/0/0.
    speed_rating = fields.Selection(
        RATINGS,
        string="Arrival Speed Rating",
        compute="_compute_ratings",
        inverse="_inverse_ratings",
    )
    attitude_rating = fields.Selection(
        RATINGS,
        string="Service Attitude Rating",
        compute="_compute_ratings",
        inverse="_inverse_ratings",
    )
    quality_rating = fields.Selection(
        RATINGS,
        string="Repair Quality Rating",
        compute="_compute_ratings",
        inverse="_inverse_ratings",
    )
    score_average = fields.Float(
        string="Average", compute="_compute_score_average", store=True, digits=(3, 2)
    )
    comment = fields.Text()
    complaint_id = fields.Many2one("helpdesk.ticket", string="Complaint Opened", readonly=True)

    _score_speed_range = models.Constraint(
        "CHECK(score_speed BETWEEN 1 AND 5)", "Scores go from 1 (very poor) to 5 (excellent)."
    )
    _score_attitude_range = models.Constraint(
        "CHECK(score_attitude BETWEEN 1 AND 5)", "Scores go from 1 (very poor) to 5 (excellent)."
    )
    _score_quality_range = models.Constraint(
        "CHECK(score_quality BETWEEN 1 AND 5)", "Scores go from 1 (very poor) to 5 (excellent)."
    )
    _one_per_ticket = models.Constraint(
        "UNIQUE(ticket_id)", "This job already has its follow-up visit."
    )

    @api.depends("score_speed", "score_attitude", "score_quality")
    def _compute_score_average(self):
        for followup in self:
            followup.score_average = (
                followup.score_speed + followup.score_attitude + followup.score_quality
            ) / 3.0

    @api.depends("score_speed", "score_attitude", "score_quality")
    def _compute_ratings(self):
        for followup in self:
            for score, rating in RATING_FIELDS.items():
                followup[rating] = str(followup[score] or 0)

    def _inverse_ratings(self):
        for followup in self:
            vals = {
                score: int(followup[rating] or 0)
                for score, rating in RATING_FIELDS.items()
                if int(followup[rating] or 0) != followup[score]
            }
            if vals:
                followup.write(vals)

    @api.model
    def _pm_scores_from_ratings(self, vals, new=False):
        """Turn the stars of the form into the scores, and refuse a visit
        whose scores are not all given (named, not a database error)."""
        for score, rating in RATING_FIELDS.items():
            if rating in vals:
                vals[score] = int(vals.pop(rating) or 0)
        missing = [
            score for score in RATING_FIELDS if (new or score in vals) and not vals.get(score)
        ]
        if missing:
            raise ValidationError(
                self.env._(
                    "Give the owner's score (1 to 5 stars) for: %(scores)s.",
                    scores=", ".join(
                        self._fields[score]._description_string(self.env) for score in missing
                    ),
                )
            )
        return vals

    def write(self, vals):
        return super().write(self._pm_scores_from_ratings(dict(vals)))

    def _is_low(self):
        self.ensure_one()
        threshold = self.ticket_id.company_id.pm_low_score_threshold
        return min(self.score_speed, self.score_attitude, self.score_quality) <= threshold

    def _get_lowest_score(self):
        """The score field the owner gave the fewest stars; on a tie, repair
        quality before service attitude before arrival speed."""
        self.ensure_one()
        return min(
            ("score_quality", "score_attitude", "score_speed"),
            key=lambda score: self[score],
        )

    @api.model
    def _get_ticket_state_error(self, ticket):
        return self.env._(
            "Job %s has not been accepted by the owner yet: the follow-up visit "
            "comes after acceptance.",
            ticket.number,
        )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._pm_scores_from_ratings(dict(vals), new=True) for vals in vals_list]
        followups = super().create(vals_list)
        for followup in followups:
            ticket = followup.ticket_id
            if followup._is_low():
                followup.complaint_id = ticket._open_complaint_from_followup(followup)
            ticket._on_followup_done(followup)
        return followups
