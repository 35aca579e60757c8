from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    """The equipment a job is about, the preventive maintenance that opened
    it, and the failure cause a repair records."""

    _inherit = "helpdesk.ticket"

    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Equipment",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        help="The lift, pump or other equipment of the estate this job is about.",
    )
    is_repair = fields.Boolean(related="ticket_type_id.is_repair")
    failure_cause_id = fields.Many2one(
        "pm.failure.cause",
        string="Failure Cause",
        tracking=True,
        index="btree_not_null",
        help="Why it broke: recorded by the technician when the repair is completed.",
    )
    maintenance_request_id = fields.Many2one(
        "maintenance.request",
        string="Maintenance Request",
        index="btree_not_null",
        copy=False,
        readonly=True,
        groups="base.group_user",
        help="The preventive maintenance whose failed check opened this job.",
    )

    @api.depends("equipment_id.pm_building_id", "equipment_id.pm_estate_id")
    def _compute_place(self):
        # A job about equipment only (a lift of the estate) is where the
        # equipment is.
        res = super()._compute_place()
        for ticket in self.filtered(lambda t: not (t.unit_id or t.public_area_id)):
            ticket.building_id = ticket.equipment_id.pm_building_id
            ticket.estate_id = ticket.equipment_id.pm_estate_id
        return res

    @api.onchange("equipment_id")
    def _onchange_equipment_id(self):
        equipment = self.equipment_id
        if equipment and not (self.unit_id or self.public_area_id):
            self.unit_id = equipment.pm_unit_id
            self.public_area_id = equipment.pm_public_area_id

    def _check_completion(self):
        res = super()._check_completion()
        for ticket in self:
            if ticket.is_repair and not ticket.failure_cause_id:
                raise UserError(
                    self.env._(
                        "Give the failure cause of job %s before completing it: it feeds the "
                        "failure analysis.",
                        ticket.number,
                    )
                )
        return res
