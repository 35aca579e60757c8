from odoo import fields, models


class PmSurveyResult(models.Model):
    """Answers of the satisfaction campaigns, one row per answered question,
    by period, estate, building and question: what managers compare from one
    period to the next. Scores are the scale value, the number, or the score
    of the chosen answer."""

    _name = "pm.survey.result"
    _description = "Satisfaction Survey Result"
    _auto = False
    _order = "date desc"
    _rec_name = "question_id"
    _depends = {
        "survey.user_input": [
            "pm_campaign_id",
            "pm_unit_id",
            "pm_building_id",
            "pm_estate_id",
            "partner_id",
            "state",
            "survey_id",
        ],
        "survey.user_input.line": [
            "user_input_id",
            "question_id",
            "value_scale",
            "value_numerical_box",
            "suggested_answer_id",
            "skipped",
        ],
        "survey.question.answer": ["answer_score"],
        "pm.survey.campaign": ["period", "date", "company_id"],
    }

    campaign_id = fields.Many2one("pm.survey.campaign", readonly=True)
    period = fields.Char(readonly=True)
    date = fields.Date(readonly=True)
    survey_id = fields.Many2one("survey.survey", readonly=True)
    question_id = fields.Many2one("survey.question", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Owner", readonly=True)
    unit_id = fields.Many2one("pm.unit", readonly=True)
    building_id = fields.Many2one("pm.building", readonly=True)
    estate_id = fields.Many2one("pm.estate", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    score = fields.Float(readonly=True, aggregator="avg")
    answer_count = fields.Integer(string="Answers", readonly=True)

    @property
    def _table_query(self):
        return f"{self._select()} {self._from()} {self._where()}"

    def _select(self):
        return """
            SELECT
                line.id AS id,
                c.id AS campaign_id,
                c.period AS period,
                c.date AS date,
                ui.survey_id AS survey_id,
                line.question_id AS question_id,
                ui.partner_id AS partner_id,
                ui.pm_unit_id AS unit_id,
                ui.pm_building_id AS building_id,
                ui.pm_estate_id AS estate_id,
                c.company_id AS company_id,
                COALESCE(
                    line.value_scale::float,
                    line.value_numerical_box,
                    answer.answer_score
                ) AS score,
                1 AS answer_count
        """

    def _from(self):
        return """
            FROM survey_user_input_line line
            JOIN survey_user_input ui ON ui.id = line.user_input_id
            JOIN pm_survey_campaign c ON c.id = ui.pm_campaign_id
            LEFT JOIN survey_question_answer answer ON answer.id = line.suggested_answer_id
        """

    def _where(self):
        return "WHERE NOT line.skipped AND ui.state = 'done'"
