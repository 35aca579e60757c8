import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...models.registry.pm_unit_warranty import WARRANTY_STATES
from ...models.service.helpdesk_ticket_category import PM_CATEGORY_DOMAIN

# How many of the caller's past jobs the panel shows.
RECENT_JOBS = 5

PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]


class PmHotlineWizard(models.TransientModel):
    """Hotline registration (热线登记): type the caller's number, the owner and
    units are found, pick the category, describe, save.

    The caller panel beside the form shows what the assistant asks about:
    the caller's units (and his role in each), his open and recent jobs and
    the warranty of the chosen unit."""

    _name = "pm.hotline.wizard"
    _description = "Hotline Registration"

    phone = fields.Char(string="Caller's Number")
    partner_ids = fields.Many2many(
        "res.partner", compute="_compute_partner_ids", string="Matching Callers"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Caller",
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    caller_name = fields.Char(help="Name of a caller who is not registered yet.")
    unit_ids = fields.Many2many("pm.unit", compute="_compute_unit_ids", string="Caller's Units")
    unit_id = fields.Many2one(
        "pm.unit", compute="_compute_unit_id", store=True, readonly=False, precompute=True
    )
    public_area_id = fields.Many2one("pm.public.area", string="Public Area")
    category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Category", required=True, domain=PM_CATEGORY_DOMAIN
    )
    ticket_type_id = fields.Many2one(
        "pm.ticket.type",
        string="Type",
        compute="_compute_ticket_type_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    priority = fields.Selection(
        PRIORITIES, compute="_compute_priority", store=True, readonly=False, precompute=True
    )
    name = fields.Char(
        string="Title", compute="_compute_name", store=True, readonly=False, precompute=True
    )
    description = fields.Html(required=True)
    appointment_date = fields.Datetime(string="Appointment")
    notify_owner = fields.Boolean(string="Tell the Owner", default=True)
    needs_place = fields.Boolean(
        related="ticket_type_id.needs_visit",
        help="Jobs of this type are done somewhere: a unit or a public area is required.",
    )
    # The caller panel
    occupancy_ids = fields.Many2many(
        "pm.unit.occupant", compute="_compute_occupancy_ids", string="Caller's Units and Roles"
    )
    open_ticket_ids = fields.Many2many(
        "helpdesk.ticket", compute="_compute_caller_tickets", string="Open Jobs"
    )
    recent_ticket_ids = fields.Many2many(
        "helpdesk.ticket", compute="_compute_caller_tickets", string="Recent Jobs"
    )
    warranty_ids = fields.One2many(related="unit_id.warranty_ids", string="Unit Warranty")
    warranty_state = fields.Selection(
        WARRANTY_STATES,
        compute="_compute_warranty_state",
        string="Warranty of the Repair",
        help="Warranty of the chosen unit for the trade of the chosen category.",
    )
    warranty_end = fields.Date(compute="_compute_warranty_state", string="Warranty Until")

    @api.depends("phone")
    def _compute_partner_ids(self):
        for wizard in self:
            digits = re.sub(r"\D", "", wizard.phone or "")
            wizard.partner_ids = (
                self.env["res.partner"].search([("phone_mobile_search", "ilike", digits)], limit=10)
                if len(digits) >= 3
                else False
            )

    @api.depends("partner_ids")
    def _compute_partner_id(self):
        for wizard in self:
            if wizard.partner_id not in wizard.partner_ids:
                wizard.partner_id = wizard.partner_ids[:1]._origin

    @api.depends("partner_id")
    def _compute_unit_ids(self):
        for wizard in self:
            wizard.unit_ids = wizard.partner_id.commercial_partner_id.pm_unit_ids | (
                wizard.partner_id.pm_unit_ids
            )

    @api.depends("partner_id")
    def _compute_occupancy_ids(self):
        for wizard in self:
            partners = wizard.partner_id | wizard.partner_id.commercial_partner_id
            wizard.occupancy_ids = partners.pm_occupant_ids.filtered("active")

    def _get_caller_ticket_domain(self):
        """The jobs of the caller, or of his units (reported by a co-owner)."""
        self.ensure_one()
        commercial = self.partner_id.commercial_partner_id
        return [
            "|",
            ("partner_id", "child_of", commercial.id),
            ("unit_id", "in", self.unit_ids.ids),
            ("ticket_type_id", "!=", False),
        ]

    @api.depends("partner_id", "unit_ids")
    def _compute_caller_tickets(self):
        Ticket = self.env["helpdesk.ticket"]
        for wizard in self:
            if not wizard.partner_id:
                wizard.open_ticket_ids = wizard.recent_ticket_ids = False
                continue
            domain = wizard._get_caller_ticket_domain()
            wizard.open_ticket_ids = Ticket.search(
                [*domain, ("service_state", "not in", ("closed", "cancelled"))],
                order="report_date desc, id desc",
            )
            wizard.recent_ticket_ids = Ticket.search(
                [*domain, ("service_state", "in", ("closed", "cancelled"))],
                order="report_date desc, id desc",
                limit=RECENT_JOBS,
            )

    @api.depends("unit_id", "category_id")
    def _compute_warranty_state(self):
        for wizard in self:
            trade = wizard.category_id.trade_id
            line = wizard.unit_id.get_warranty(trade) if wizard.unit_id and trade else False
            wizard.warranty_state = line.state if line else False
            wizard.warranty_end = line.warranty_end if line else False

    @api.depends("unit_ids")
    def _compute_unit_id(self):
        for wizard in self:
            if wizard.unit_id not in wizard.unit_ids:
                wizard.unit_id = wizard.unit_ids._origin if len(wizard.unit_ids) == 1 else False

    @api.depends("category_id")
    def _compute_ticket_type_id(self):
        for wizard in self:
            if wizard.category_id.ticket_type_id:
                wizard.ticket_type_id = wizard.category_id.ticket_type_id

    @api.depends("ticket_type_id")
    def _compute_priority(self):
        for wizard in self:
            wizard.priority = wizard.ticket_type_id.default_priority or "1"

    @api.depends("category_id", "unit_id", "public_area_id")
    def _compute_name(self):
        for wizard in self:
            place = wizard.unit_id.display_name or wizard.public_area_id.display_name
            parts = [wizard.category_id.name, place]
            wizard.name = " - ".join(p for p in parts if p)

    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if self.unit_id:
            self.public_area_id = False

    def _get_caller(self):
        """The caller's partner, created from the name and number if unknown."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id
        if not (self.caller_name or "").strip():
            raise UserError(
                self.env._("No owner has this number: enter the caller's name to register them.")
            )
        return self.env["res.partner"].create({"name": self.caller_name, "phone": self.phone})

    def _check_place(self):
        """A job done somewhere needs its place: refuse it with what to fill."""
        self.ensure_one()
        if self.needs_place and not (self.unit_id or self.public_area_id):
            raise ValidationError(
                self.env._(
                    "A job of type %(type)s is done on site: choose the unit (the caller's "
                    "home) or the public area where the problem is.",
                    type=self.ticket_type_id.display_name,
                )
            )

    def _prepare_ticket_vals(self, partner):
        self.ensure_one()
        return {
            "name": self.name or self.category_id.name,
            "description": self.description,
            "partner_id": partner.id,
            "partner_name": partner.name,
            "partner_email": partner.email,
            "unit_id": self.unit_id.id,
            "public_area_id": self.public_area_id.id,
            "category_id": self.category_id.id,
            "ticket_type_id": self.ticket_type_id.id,
            "priority": self.priority,
            "appointment_date": self.appointment_date,
            "channel_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
        }

    def _register_call(self):
        self.ensure_one()
        self._check_place()
        ticket = self.env["helpdesk.ticket"].create(self._prepare_ticket_vals(self._get_caller()))
        if self.notify_owner:
            ticket._send_acknowledgement()
        return ticket

    def action_register_dispatch(self):
        """Register the call and go straight to its dispatch."""
        return self._register_call().action_open_dispatch()

    def action_register(self):
        ticket = self._register_call()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
