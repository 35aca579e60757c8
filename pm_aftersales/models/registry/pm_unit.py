from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .pm_unit_occupant import OWNER_ROLES, RESIDENT_ROLES


class PmUnit(models.Model):
    """A unit (单元/房号) of a building: the home or shop an owner holds."""

    _name = "pm.unit"
    _description = "Unit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "estate_id, building_id, floor, name, id"
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "name"]

    name = fields.Char(string="Unit Number", required=True, tracking=True, help="e.g. 1-1201")
    building_id = fields.Many2one(
        "pm.building",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    estate_id = fields.Many2one(
        related="building_id.estate_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="building_id.company_id", store=True, index=True, precompute=True
    )
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    floor = fields.Integer(tracking=True, help="Negative for basement floors.")
    floor_area = fields.Float(
        string="Floor Area (m²)",
        required=True,
        digits=(12, 2),
        tracking=True,
    )
    usage = fields.Selection(
        selection=[
            ("residential", "Residential"),
            ("commercial", "Commercial"),
            ("office", "Office"),
            ("parking", "Parking Space"),
            ("storage", "Storage Room"),
            ("other", "Other"),
        ],
        required=True,
        default="residential",
        tracking=True,
    )
    handover_date = fields.Date(tracking=True, help="Date the unit was handed over to its owner.")
    occupant_ids = fields.One2many("pm.unit.occupant", "unit_id", string="Occupants")
    owner_ids = fields.Many2many(
        "res.partner",
        string="Owners",
        compute="_compute_partners",
        search="_search_owner_ids",
    )
    resident_ids = fields.Many2many(
        "res.partner",
        string="Tenants and Residents",
        compute="_compute_partners",
    )
    owner_names = fields.Char(string="Owner", compute="_compute_partners")
    warranty_ids = fields.One2many("pm.unit.warranty", "unit_id", string="Warranty", readonly=True)
    rectification_ids = fields.One2many(
        "pm.rectification.order", "unit_id", string="Rectification Orders"
    )
    rectification_count = fields.Integer(compute="_compute_rectification_count")
    defect_count = fields.Integer(compute="_compute_rectification_count")
    note = fields.Html(groups="base.group_user")  # internal: not for owners

    _name_building_uniq = models.Constraint(
        "UNIQUE(name, building_id)",
        "This unit number already exists in this building: "
        "each unit number must be unique within its building.",
    )
    _floor_area_positive = models.Constraint(
        "CHECK(floor_area > 0)",
        "The floor area must be greater than zero.",
    )

    @api.depends("name", "building_id.complete_name")
    def _compute_complete_name(self):
        for unit in self:
            if unit.building_id:
                unit.complete_name = f"{unit.building_id.complete_name} / {unit.name}"
            else:
                unit.complete_name = unit.name

    def _compute_rectification_count(self):
        orders = dict(
            self.env["pm.rectification.order"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        defects = dict(
            self.env["pm.defect"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.rectification_count = orders.get(unit._origin, 0)
            unit.defect_count = defects.get(unit._origin, 0)

    def _unit_action(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action

    def action_view_rectification_orders(self):
        return self._unit_action("pm_aftersales.pm_rectification_order_action")

    def action_view_defects(self):
        return self._unit_action("pm_aftersales.pm_defect_action")

    @api.depends("occupant_ids.partner_id", "occupant_ids.role", "occupant_ids.active")
    def _compute_partners(self):
        # One query for the occupants of all the units, not one per unit.
        self.occupant_ids.fetch(["partner_id", "role", "active"])
        self.occupant_ids.partner_id.fetch(["name"])
        for unit in self:
            occupants = unit.occupant_ids.filtered("active")
            owners = occupants.filtered(lambda o: o.role in OWNER_ROLES).sorted(
                lambda o: (o.role != "owner", o.id)
            )
            unit.owner_ids = owners.partner_id
            unit.owner_names = ", ".join(owners.partner_id.mapped("name"))
            unit.resident_ids = occupants.filtered(lambda o: o.role in RESIDENT_ROLES).partner_id

    def _search_owner_ids(self, operator, value):
        if operator in Domain.NEGATIVE_OPERATORS:
            return NotImplemented
        owners = Domain("role", "in", OWNER_ROLES)
        if operator == "in" and False in value:
            # "no owner", possibly or'ed with some owners
            partner_ids = [v for v in value if v]
            domain = ~Domain("occupant_ids", "any", owners)
            if partner_ids:
                domain |= Domain(
                    "occupant_ids", "any", owners & Domain("partner_id", "in", partner_ids)
                )
            return domain
        return Domain("occupant_ids", "any", owners & Domain("partner_id", operator, value))

    @api.constrains("floor", "building_id")
    def _check_floor(self):
        for unit in self:
            building = unit.building_id
            if unit.floor == 0 and building.floor_count:
                raise ValidationError(
                    _(
                        "Unit %(unit)s: floor 0 does not exist; use 1 for the ground "
                        "floor and negative numbers for basements.",
                        unit=unit.complete_name,
                    )
                )
            if building.floor_count and unit.floor > building.floor_count:
                raise ValidationError(
                    _(
                        "Unit %(unit)s is on floor %(floor)s but building "
                        "%(building)s has only %(floors)s floors.",
                        unit=unit.complete_name,
                        floor=unit.floor,
                        building=building.complete_name,
                        floors=building.floor_count,
                    )
                )
            if unit.floor < 0 and unit.floor < -building.basement_count:
                raise ValidationError(
                    _(
                        "Unit %(unit)s is on basement floor %(floor)s but building "
                        "%(building)s has %(floors)s basement floors.",
                        unit=unit.complete_name,
                        floor=unit.floor,
                        building=building.complete_name,
                        floors=building.basement_count,
                    )
                )

    def get_warranty(self, trade):
        """Return the unit's warranty line for ``trade`` (a pm.trade record),
        an empty recordset when the trade has no warranty period."""
        self.ensure_one()
        return self.env["pm.unit.warranty"]._get_lines(self, trade)

    def is_in_warranty(self, trade, date=None):
        """Whether work of ``trade`` on this unit is still under warranty on
        ``date`` (today by default)."""
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        end = self.env["pm.warranty.period"]._get_warranty_end(
            self.handover_date, trade.id, self.company_id.id
        )
        return bool(end) and self.handover_date <= date <= end

    def action_view_occupants(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pm_aftersales.pm_unit_occupant_action"
        )
        action["domain"] = [("unit_id", "=", self.id)]
        action["context"] = {"default_unit_id": self.id}
        return action
