from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PmBuilding(models.Model):
    """A building (楼栋) of an estate."""

    _name = "pm.building"
    _description = "Building"
    _inherit = ["mail.thread"]
    _order = "estate_id, sequence, name, id"
    _rec_name = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        "pm.estate",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    floor_count = fields.Integer(
        string="Floors above ground", tracking=True, help="Number of floors above ground."
    )
    basement_count = fields.Integer(string="Basement floors")
    unit_ids = fields.One2many("pm.unit", "building_id", string="Units")
    unit_count = fields.Integer(compute="_compute_unit_count")
    public_area_ids = fields.One2many("pm.public.area", "building_id", string="Public Areas")

    _name_estate_uniq = models.Constraint(
        "UNIQUE(name, estate_id)",
        "A building with this name already exists in this estate.",
    )
    _floor_count_check = models.Constraint(
        "CHECK(floor_count IS NULL OR floor_count >= 0)",
        "The number of floors cannot be negative.",
    )
    _basement_count_check = models.Constraint(
        "CHECK(basement_count IS NULL OR basement_count >= 0)",
        "The number of basement floors cannot be negative.",
    )

    @api.depends("name", "estate_id.name")
    def _compute_complete_name(self):
        for building in self:
            if building.estate_id:
                building.complete_name = f"{building.estate_id.name} / {building.name}"
            else:
                building.complete_name = building.name

    def _compute_unit_count(self):
        counts = dict(
            self.env["pm.unit"]._read_group(
                [("building_id", "in", self.ids)], ["building_id"], ["__count"]
            )
        )
        for building in self:
            building.unit_count = counts.get(building, 0)

    @api.constrains("floor_count", "basement_count")
    def _check_unit_floors(self):
        for building in self:
            if not building.floor_count:
                continue
            outside = building.unit_ids.filtered(
                lambda u, b=building: u.floor > b.floor_count or u.floor < -b.basement_count
            )
            if outside:
                raise ValidationError(
                    _(
                        "Building %(building)s would have fewer floors than its "
                        "units use (e.g. unit %(unit)s on floor %(floor)s).",
                        building=building.complete_name,
                        unit=outside[0].name,
                        floor=outside[0].floor,
                    )
                )

    def action_view_units(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("pm_aftersales.pm_unit_action")
        action["domain"] = [("building_id", "in", self.ids)]
        action["context"] = {"default_building_id": self[:1].id}
        return action
