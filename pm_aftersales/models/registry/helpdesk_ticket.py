from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    """Where a job is: the unit or public area, its building and estate, the
    trade of its category and the unit's warranty."""

    _inherit = "helpdesk.ticket"

    trade_id = fields.Many2one(
        "pm.trade", compute="_compute_trade_id", store=True, readonly=False, index=True
    )
    unit_id = fields.Many2one("pm.unit", tracking=True, index=True, check_company=True)
    public_area_id = fields.Many2one(
        "pm.public.area", string="Public Area", tracking=True, index=True, check_company=True
    )
    building_id = fields.Many2one("pm.building", compute="_compute_place", store=True, index=True)
    estate_id = fields.Many2one("pm.estate", compute="_compute_place", store=True, index=True)
    in_warranty = fields.Boolean(
        compute="_compute_in_warranty",
        store=True,
        help="The unit was still under warranty for this trade when the job was reported.",
    )
    place_name = fields.Char(
        string="Place",
        compute="_compute_place_name",
        compute_sudo=True,
        help="The unit or public area, with its building and estate.",
    )
    place_address = fields.Char(
        string="Address",
        compute="_compute_place_address",
        help="The street address of the job's estate, to find the way there.",
    )
    partner_phone = fields.Char(
        related="partner_id.phone", string="Owner's Phone", help="The phone of the caller."
    )

    _unit_or_area = models.Constraint(
        "CHECK(unit_id IS NULL OR public_area_id IS NULL)",
        "A job is about a unit or a public area, not both: clear one of them.",
    )

    @api.depends("category_id.trade_id")
    def _compute_trade_id(self):
        for ticket in self:
            if ticket.category_id.trade_id:
                ticket.trade_id = ticket.category_id.trade_id

    @api.depends("unit_id.building_id", "public_area_id.building_id", "public_area_id.estate_id")
    def _compute_place(self):
        for ticket in self:
            place = ticket.unit_id or ticket.public_area_id
            ticket.building_id = place.building_id
            ticket.estate_id = place.estate_id

    @api.depends("unit_id.complete_name", "public_area_id.display_name")
    def _compute_place_name(self):
        for ticket in self:
            ticket.place_name = (ticket.unit_id or ticket.public_area_id).display_name or False

    @api.depends("estate_id.street", "estate_id.street2", "estate_id.city")
    def _compute_place_address(self):
        for ticket in self:
            estate = ticket.estate_id
            parts = (estate.city, estate.street, estate.street2)
            ticket.place_address = " ".join(part for part in parts if part) or False

    @api.depends("unit_id.handover_date", "trade_id", "report_date")
    def _compute_in_warranty(self):
        for ticket in self:
            ticket.in_warranty = bool(
                ticket.unit_id
                and ticket.trade_id
                and ticket.unit_id.is_in_warranty(
                    ticket.trade_id, date=fields.Date.to_date(ticket.report_date)
                )
            )

    @api.constrains("public_area_id", "unit_id", "partner_id")
    def _check_place(self):
        for ticket in self:
            area = ticket.public_area_id
            if area and ticket.estate_id and area.estate_id != ticket.estate_id:
                raise ValidationError(
                    self.env._("The public area must belong to the job's estate.")
                )

    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if self.unit_id and not self.partner_id and self.unit_id.owner_ids:
            self.partner_id = self.unit_id.owner_ids[0]
        if self.unit_id:
            self.public_area_id = False
