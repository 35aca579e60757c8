from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_ticket import SERVICE_STATES


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    service_state = fields.Selection(
        SERVICE_STATES,
        help="Step of the service workflow this stage stands for: moving a job to the "
        "stage meets the time limits of that step.",
    )

    @api.model
    def _get_for_service_state(self, state, team):
        """The stage standing for ``state`` in the workflow of ``team``."""
        stage = self.search(
            [
                ("service_state", "=", state),
                "|",
                ("team_ids", "=", False),
                ("team_ids", "in", team.ids),
            ],
            limit=1,
        )
        if not stage:
            label = dict(SERVICE_STATES)[state]
            raise UserError(
                self.env._(
                    "No stage is configured for the service state “%s”: add one in the "
                    "helpdesk stages.",
                    label,
                )
            )
        return stage

    @api.model
    def _map_helpdesk_stages(self):
        """Give helpdesk_mgmt's stages their place in the service workflow."""
        mapping = {
            "helpdesk_ticket_stage_new": {"service_state": "new", "sequence": 10},
            "helpdesk_ticket_stage_in_progress": {"service_state": "on_site", "sequence": 40},
            "helpdesk_ticket_stage_done": {"service_state": "closed", "sequence": 70},
            "helpdesk_ticket_stage_cancelled": {"service_state": "cancelled", "sequence": 80},
            "helpdesk_ticket_stage_awaiting": {"active": False},
            "helpdesk_ticket_stage_rejected": {"active": False},
        }
        for xmlid, vals in mapping.items():
            stage = self.env.ref(f"helpdesk_mgmt.{xmlid}", raise_if_not_found=False)
            if stage:
                stage.write(vals)
