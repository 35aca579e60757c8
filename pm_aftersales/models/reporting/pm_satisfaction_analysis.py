from odoo import api, fields, models
from odoo.tools import SQL


class PmSatisfactionAnalysis(models.Model):
    """Follow-up answers (回访满意度): the three scores and their average per
    technician, team, estate, building, category and period; the share of
    low scores."""

    _name = "pm.satisfaction.analysis"
    _inherit = ["pm.analysis.mixin"]
    _description = "Satisfaction Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "ticket_id"
    _depends = {
        "pm.ticket.followup": [
            "date",
            "ticket_id",
            "score_speed",
            "score_attitude",
            "score_quality",
            "method",
        ],
        "helpdesk.ticket": ["user_id", "team_id", "estate_id", "building_id", "category_id"],
        "res.company": ["pm_low_score_threshold"],
    }

    ticket_id = fields.Many2one("helpdesk.ticket", string="Job", readonly=True)
    date = fields.Datetime(string="Visited On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    estate_id = fields.Many2one("pm.estate", string="Estate", readonly=True)
    building_id = fields.Many2one("pm.building", string="Building", readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", string="Category", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Technician", readonly=True)
    method = fields.Char(readonly=True)
    answer_count = fields.Integer(string="Answers", readonly=True)
    score_speed = fields.Float(string="Arrival Speed", readonly=True, aggregator="avg")
    score_attitude = fields.Float(string="Service Attitude", readonly=True, aggregator="avg")
    score_quality = fields.Float(string="Repair Quality", readonly=True, aggregator="avg")
    score_average = fields.Float(string="Average Score", readonly=True, aggregator="avg")
    low_score = fields.Float(string="Low Scores (%)", readonly=True, aggregator="avg")

    @api.model
    def _select(self):
        return SQL(
            """
            f.id AS id, f.ticket_id, f.date, t.company_id, t.estate_id, t.building_id,
            t.category_id, t.team_id, t.user_id, f.method, 1 AS answer_count,
            f.score_speed, f.score_attitude, f.score_quality,
            (f.score_speed + f.score_attitude + f.score_quality) / 3.0 AS score_average,
            CASE WHEN LEAST(f.score_speed, f.score_attitude, f.score_quality)
                      <= COALESCE(c.pm_low_score_threshold, 2)
                 THEN 100 ELSE 0 END AS low_score
            """
        )

    @api.model
    def _from(self):
        return SQL(
            """
            pm_ticket_followup f
            JOIN helpdesk_ticket t ON t.id = f.ticket_id
            JOIN res_company c ON c.id = t.company_id
            """
        )
