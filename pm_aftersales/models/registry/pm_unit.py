import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .pm_unit_occupant import OWNER_ROLES, RESIDENT_ROLES

IMPORT_ROLES = [
    ("owner", "import_owner", "import_owner_phone"),
    ("co_owner", "import_co_owners", "import_co_owner_phones"),
    ("tenant", "import_tenant", "import_tenant_phone"),
]
IMPORT_FIELDS = ("import_estate", "import_building") + tuple(
    name for _role, *names in IMPORT_ROLES for name in names
)


class ImportBatchError(Exception):
    """A row of an imported batch is wrong (base_import retries row by row)."""


def _split(value):
    """Several names or phones in one cell: 张三、李四 / 张三,李四 / 张三；李四."""
    return [part.strip() for part in re.split(r"[、,，;；/\n]", value or "") if part.strip()]


def _normalize_phone(phone):
    return re.sub(r"[\s\-()（）]", "", phone or "")


class PmUnit(models.Model):
    """A unit (单元/房号) of a building: the home or shop an owner holds."""

    _name = "pm.unit"
    _description = "Unit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "estate_id, building_id, floor, name, id"
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "name"]

    name = fields.Char(string="Unit Number", required=True, tracking=True, help="e.g. 1201")
    entrance = fields.Char(
        tracking=True, help="The entrance (单元) of the building the unit opens on, e.g. 2."
    )
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
    # Import only (base_import): the columns of a property sheet, by names,
    # read by create(); see _prepare_import_vals and _import_occupants.
    import_estate = fields.Char(
        string="Estate Name", compute="_compute_import_fields", inverse="_inverse_import_fields"
    )
    import_building = fields.Char(
        string="Building Name", compute="_compute_import_fields", inverse="_inverse_import_fields"
    )
    import_owner = fields.Char(
        string="Owner Name", compute="_compute_import_fields", inverse="_inverse_import_fields"
    )
    import_owner_phone = fields.Char(
        string="Owner Phone", compute="_compute_import_fields", inverse="_inverse_import_fields"
    )
    import_co_owners = fields.Char(
        string="Co-owner Names",
        compute="_compute_import_fields",
        inverse="_inverse_import_fields",
        help="Several names separated by 、 or a comma.",
    )
    import_co_owner_phones = fields.Char(
        string="Co-owner Phones",
        compute="_compute_import_fields",
        inverse="_inverse_import_fields",
        help="In the order of the names, separated the same way.",
    )
    import_tenant = fields.Char(
        string="Tenant Name", compute="_compute_import_fields", inverse="_inverse_import_fields"
    )
    import_tenant_phone = fields.Char(
        string="Tenant Phone", compute="_compute_import_fields", inverse="_inverse_import_fields"
    )

    # A number repeats on each entrance of a building (1单元 1201, 2单元 1201).
    _name_building_uniq = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (name, building_id, entrance)",
        "This unit number already exists in this building and entrance: "
        "each unit number must be unique within its building entrance.",
    )
    _floor_area_positive = models.Constraint(
        "CHECK(floor_area > 0)",
        "The floor area must be greater than zero.",
    )

    @api.depends("name", "entrance", "building_id.complete_name")
    def _compute_complete_name(self):
        for unit in self:
            name = f"{unit.entrance}-{unit.name}" if unit.entrance else unit.name
            if unit.building_id:
                unit.complete_name = f"{unit.building_id.complete_name} / {name}"
            else:
                unit.complete_name = name

    # ------------------------------------------------------------------
    # Import of a property sheet (楼栋 / 单元 / 房号 / 面积 / 业主 / 电话 ...)
    # ------------------------------------------------------------------
    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Units and Owners (Chinese Property Sheet)"),
                "template": "/pm_aftersales/static/xls/pm_unit_import_zh_CN.xlsx",
            },
            {
                "label": self.env._("Units and Owners"),
                "template": "/pm_aftersales/static/xls/pm_unit_import.xlsx",
            },
        ]

    def _compute_import_fields(self):
        for field in IMPORT_FIELDS:
            self[field] = False

    def _inverse_import_fields(self):
        # Only create() reads them: they are consumed before the record exists.
        return

    @api.model_create_multi
    def create(self, vals_list):
        if any(key in vals for vals in vals_list for key in IMPORT_FIELDS):
            try:
                vals_list = self._prepare_import_vals(vals_list)
            except ValidationError as error:
                if len(vals_list) > 1 and self.env.context.get("import_file"):
                    # base_import loads in batches, then row by row when a
                    # batch fails: let it find the bad rows, without showing
                    # this row's error on the batch's first row.
                    raise ImportBatchError(str(error)) from error
                raise
        for vals in vals_list:
            if "entrance" in vals:
                vals["entrance"] = (vals["entrance"] or "").strip() or False
        occupants = [vals.pop("_import_occupants", ()) for vals in vals_list]
        units = super().create(vals_list)
        if any(occupants):
            self.env["pm.unit.occupant"].create(
                [
                    dict(line, unit_id=unit.id)
                    for unit, lines in zip(units, occupants, strict=True)
                    for line in lines
                ]
            )
        return units

    def write(self, vals):
        if "entrance" in vals:
            vals["entrance"] = (vals["entrance"] or "").strip() or False
        lines = ()
        if any(key in vals for key in IMPORT_FIELDS):
            # an import that updates units (External ID column): the people
            # of the row are added to the units that do not have them yet
            [vals] = self._prepare_import_vals([dict(vals)])
            lines = vals.pop("_import_occupants")
        result = super().write(vals)
        if lines:
            self.env["pm.unit.occupant"].create(
                [
                    dict(line, unit_id=unit.id)
                    for unit in self
                    for line in lines
                    if not unit.occupant_ids.filtered(
                        lambda o, line=line: (
                            o.partner_id.id == line["partner_id"] and o.role == line["role"]
                        )
                    )
                ]
            )
        return result

    @api.model
    def _prepare_import_vals(self, vals_list):
        """Turn the names of an imported sheet into the unit's values: the
        building from the estate and building names (created in the estate
        when missing), the floor from the unit number when not given, and the
        occupant lines to create (``_import_occupants``) from the names and
        phones of the owner, the co-owners and the tenant."""
        buildings = self._import_buildings(vals_list)
        people = []
        for vals in vals_list:
            estate_name = (vals.pop("import_estate", None) or "").strip()
            building_name = (vals.pop("import_building", None) or "").strip()
            if building_name:
                vals["building_id"] = buildings[estate_name, building_name].id
            elif estate_name:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s: the building name is missing.", unit=vals.get("name")
                    )
                )
            if not vals.get("floor") and vals.get("name"):
                vals["floor"] = self._guess_floor(vals["name"])
            lines = []
            for role, names_key, phones_key in IMPORT_ROLES:
                names = _split(vals.pop(names_key, None))
                phones = _split(vals.pop(phones_key, None))
                if len(phones) > len(names):
                    raise ValidationError(
                        self.env._(
                            "Unit %(unit)s: %(phones)s phone numbers for %(names)s names.",
                            unit=vals.get("name"),
                            phones=len(phones),
                            names=len(names),
                        )
                    )
                phones += [""] * (len(names) - len(phones))
                lines += [(role, name, phone) for name, phone in zip(names, phones, strict=True)]
            people.append(lines)
        partners = self.env["res.partner"]._pm_find_or_create_occupants(
            {(name, phone) for lines in people for _role, name, phone in lines}
        )
        for vals, lines in zip(vals_list, people, strict=True):
            vals["_import_occupants"] = [
                {"role": role, "partner_id": partners[name, _normalize_phone(phone)].id}
                for role, name, phone in lines
            ]
        return vals_list

    @api.model
    def _import_buildings(self, vals_list):
        """{(estate name, building name): building}, the buildings created
        in their estate when the sheet names a building the estate lacks."""
        keys = {
            ((vals.get("import_estate") or "").strip(), (vals.get("import_building") or "").strip())
            for vals in vals_list
            if (vals.get("import_building") or "").strip()
        }
        if not keys:
            return {}
        estate_names = {estate for estate, _building in keys}
        estates = self.env["pm.estate"].search(
            [
                ("name", "in", list(estate_names - {""})),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        by_name = {}
        # the same name in two companies: the current company's estate
        for estate in estates.sorted(lambda e: e.company_id != self.env.company):
            by_name.setdefault(estate.name, estate)
        if "" in estate_names:
            # No estate column: the company's only estate.
            only = self.env["pm.estate"].search([("company_id", "in", self.env.companies.ids)])
            if len(only) == 1:
                by_name[""] = only
        missing = sorted(estate_names - set(by_name))
        if missing:
            raise ValidationError(
                self.env._(
                    "Estate not found: %(estates)s. Create the estate first, or give the "
                    "estate name of each unit.",
                    estates=", ".join(name or "-" for name in missing),
                )
            )
        found = self.env["pm.building"].search(
            [
                ("estate_id", "in", [estate.id for estate in by_name.values()]),
                ("name", "in", [building for _estate, building in keys]),
            ]
        )
        buildings = {}
        for estate_name, building_name in keys:
            estate = by_name[estate_name]
            building = found.filtered(
                lambda b, e=estate, n=building_name: b.estate_id == e and b.name == n
            )[:1]
            buildings[estate_name, building_name] = building
        todo = [key for key, building in buildings.items() if not building]
        if todo:
            created = self.env["pm.building"].create(
                [{"name": building, "estate_id": by_name[estate].id} for estate, building in todo]
            )
            buildings.update(zip(todo, created, strict=True))
        return buildings

    @api.model
    def _guess_floor(self, number):
        """The floor read from a unit number such as 1201 or 2-1201 (12), 0
        when the number does not tell."""
        digits = re.findall(r"\d+", number or "")
        last = digits[-1] if digits else ""
        return int(last[:-2]) if len(last) >= 3 else 0

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
