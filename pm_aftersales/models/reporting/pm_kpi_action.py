from odoo import api, fields, models
from odoo.exceptions import UserError


class PmKpiAction(models.Model):
    """An improvement action decided for a KPI below target (改进措施)."""

    _name = "pm.kpi.action"
    _description = "KPI Improvement Action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "deadline, id"

    evaluation_id = fields.Many2one(
        "pm.kpi.evaluation", required=True, ondelete="cascade", index=True
    )
    kpi_id = fields.Many2one(related="evaluation_id.kpi_id", store=True)
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True, index=True)
    estate_id = fields.Many2one(related="evaluation_id.estate_id", store=True)
    team_id = fields.Many2one(related="evaluation_id.team_id", store=True)
    date_from = fields.Date(related="evaluation_id.date_from", store=True, string="Month")
    description = fields.Text(string="Action", required=True, tracking=True)
    cause = fields.Text(string="Root Cause", tracking=True)
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True, index=True)
    deadline = fields.Date(tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")],
        string="Status",
        default="open",
        required=True,
        tracking=True,
    )
    result = fields.Text(tracking=True)

    @api.model_create_multi
    def create(self, vals_list):
        actions = super().create(vals_list)
        for action in actions.filtered("user_id"):
            # The to-do of the responsible, in their language.
            localized = action.with_context(lang=action.company_id._pm_lang(action.user_id))
            action.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=action.user_id.id,
                date_deadline=action.deadline,
                summary=localized.env._("Improve: %s", localized.kpi_id.name),
            )
        return actions

    def action_done(self):
        for action in self:
            if not (action.cause or "").strip() or not (action.result or "").strip():
                raise UserError(
                    self.env._("Record the root cause and the result of the action first.")
                )
        self.state = "done"
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_cancel(self):
        self.state = "cancelled"
        self.activity_unlink(["mail.mail_activity_data_todo"])
