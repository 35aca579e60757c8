from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    pm_campaign_id = fields.Many2one(
        "pm.survey.campaign", string="Satisfaction Campaign", index=True, ondelete="set null"
    )
    pm_unit_id = fields.Many2one("pm.unit", string="Unit", index=True)
    pm_building_id = fields.Many2one(related="pm_unit_id.building_id", store=True)
    pm_estate_id = fields.Many2one(related="pm_unit_id.estate_id", store=True)
