from odoo import fields, models


class PmTrainingPlanLine(models.Model):
    _name = "pm.training.plan.line"
    _description = "Training Plan Course"
    _order = "planned_date, id"

    plan_id = fields.Many2one("pm.training.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    course_id = fields.Many2one("pm.training.course", required=True)
    planned_date = fields.Date()
    note = fields.Char()
