from odoo import api, fields, models

from ...models.billing.helpdesk_ticket import CHARGE_MODES, CHARGE_REASONS


class PmHotlineWizard(models.TransientModel):
    """The hotline tells the assistant, while the caller is on the line,
    whether the repair will be charged and why (the job's own rule)."""

    _inherit = "pm.hotline.wizard"

    charge_mode = fields.Selection(CHARGE_MODES, string="Charging", compute="_compute_charge")
    charge_reason = fields.Selection(
        CHARGE_REASONS, string="Charging Reason", compute="_compute_charge"
    )

    def _pm_prepare_charge_ticket_vals(self):
        """The values of the job this call would create, for its charging."""
        self.ensure_one()
        return {
            "unit_id": self.unit_id.id,
            "public_area_id": self.public_area_id.id,
            "category_id": self.category_id.id,
            "ticket_type_id": self.ticket_type_id.id,
            "report_date": fields.Datetime.now(),
            "company_id": self.env.company.id,
        }

    @api.depends("unit_id", "public_area_id", "category_id", "ticket_type_id")
    def _compute_charge(self):
        Ticket = self.env["helpdesk.ticket"]
        for wizard in self:
            if not wizard.category_id or not (wizard.unit_id or wizard.public_area_id):
                wizard.charge_mode = wizard.charge_reason = False
                continue
            ticket = Ticket.new(wizard._pm_prepare_charge_ticket_vals())
            wizard.charge_mode, wizard.charge_reason = ticket._pm_get_charge()
