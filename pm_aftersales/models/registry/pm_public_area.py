from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PmPublicArea(models.Model):
    """A public area or facility (公共区域/公共设施) of an estate: lobbies, lifts,
    pump rooms, gardens, car parks. Tickets can target one instead of a unit."""

    _name = "pm.public.area"
    _description = "Public Area"
    _inherit = ["mail.thread"]
    _order = "estate_id, building_id, sequence, name, id"
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "code"]

    name = fields.Char(required=True, tracking=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    area_type = fields.Selection(
        selection=[
            ("lobby", "Lobby / Hall"),
            ("lift", "Lift"),
            ("stairwell", "Stairwell / Corridor"),
            ("plant_room", "Plant Room (pumps, power)"),
            ("garden", "Garden / Landscaping"),
            ("car_park", "Car Park"),
            ("roof", "Roof"),
            ("road", "Roads and Gates"),
            ("clubhouse", "Clubhouse / Amenities"),
            ("other", "Other"),
        ],
        string="Type",
        required=True,
        default="other",
        tracking=True,
    )
    estate_id = fields.Many2one(
        "pm.estate", required=True, index=True, ondelete="restrict", tracking=True
    )
    building_id = fields.Many2one(
        "pm.building",
        index=True,
        ondelete="restrict",
        domain="[('estate_id', '=', estate_id)]",
        help="Leave empty for areas of the whole estate.",
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    complete_name = fields.Char(compute="_compute_complete_name", store=True)
    description = fields.Text()

    _name_uniq = models.Constraint(
        "UNIQUE(name, estate_id, building_id)",
        "A public area with this name already exists at this place.",
    )

    @api.depends("name", "estate_id.name", "building_id.name")
    def _compute_complete_name(self):
        for area in self:
            parts = [area.estate_id.name, area.building_id.name, area.name]
            area.complete_name = " / ".join(p for p in parts if p)

    @api.constrains("estate_id", "building_id")
    def _check_building_estate(self):
        for area in self:
            if area.building_id and area.building_id.estate_id != area.estate_id:
                raise ValidationError(
                    _(
                        "Public area %(area)s: building %(building)s is not in estate %(estate)s.",
                        area=area.name,
                        building=area.building_id.name,
                        estate=area.estate_id.name,
                    )
                )
