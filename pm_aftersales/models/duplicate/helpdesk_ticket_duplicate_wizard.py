from odoo import api, models
from odoo.exceptions import UserError


class HelpdeskTicketDuplicateWizard(models.TransientModel):
    _inherit = "helpdesk.ticket.duplicate.wizard"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "target_stage_id" in fields_list and not values.get("target_stage_id"):
            ticket = self.env["helpdesk.ticket"].browse(values.get("ticket_id"))
            stage = self.env["helpdesk.ticket.stage"]._get_for_service_state(
                "cancelled", ticket.team_id
            )
            values["target_stage_id"] = stage.id
        return values

    def action_confirm(self):
        for wizard in self:
            wizard.ticket_id.check_access("write")
            if wizard.duplicate_of_id.company_id != wizard.ticket_id.company_id:
                raise UserError(self.env._("A job can only be merged into a job of its company."))
        result = super().action_confirm()
        for wizard in self:
            wizard.ticket_id._pm_merge_into(wizard.duplicate_of_id)
        return result
