from odoo import api, fields, models

SCORES = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]


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

    def _is_low(self):
        self.ensure_one()
        threshold = self.ticket_id.company_id.pm_low_score_threshold
        return min(self.score_speed, self.score_attitude, self.score_quality) <= threshold

    @api.model
    def _get_ticket_state_error(self, ticket):
        return self.env._(
            "Job %s has not been accepted by the owner yet: the follow-up visit "
            "comes after acceptance.",
            ticket.number,
        )

    @api.model_create_multi
    def create(self, vals_list):
        followups = super().create(vals_list)
        for followup in followups:
            ticket = followup.ticket_id
            if followup._is_low():
                followup.complaint_id = ticket._open_complaint_from_followup(followup)
            ticket._on_followup_done(followup)
        return followups
