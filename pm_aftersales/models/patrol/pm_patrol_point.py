from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class PmPatrolPoint(models.Model):
    """A check-point (巡检点) of a patrol route: a public area or a piece of
    equipment with a QR label, expected so many minutes after the round
    starts, and its checklist."""

    _name = "pm.patrol.point"
    _description = "Patrol Check-point"
    _order = "route_id, sequence, id"
    _check_company_auto = True

    route_id = fields.Many2one(
        "pm.patrol.route", string="Route", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="route_id.company_id", store=True, index=True, precompute=True
    )
    estate_id = fields.Many2one(related="route_id.estate_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True, precompute=True
    )
    public_area_id = fields.Many2one(
        "pm.public.area",
        string="Public Area",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
    )
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Equipment",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        domain="[('pm_estate_id', '=', estate_id)]",
    )
    offset_minutes = fields.Integer(
        string="Expected After (min)",
        default=0,
        help="Minutes after the start of the round when the point is expected to be scanned.",
    )
    check_ids = fields.One2many("pm.patrol.point.check", "point_id", string="Checklist", copy=True)
    check_count = fields.Integer(string="Checks", compute="_compute_check_count")
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Job Category",
        help="Category of the repair job a failure here opens (default: the route's).",
    )

    _one_place = models.Constraint(
        "CHECK((public_area_id IS NULL) != (equipment_id IS NULL))",
        "A check-point is one public area or one piece of equipment: set exactly one.",
    )
    _offset_positive = models.Constraint(
        "CHECK(offset_minutes >= 0)", "A check-point cannot be expected before the round starts."
    )

    @api.depends("public_area_id", "equipment_id")
    def _compute_name(self):
        for point in self:
            place = point.equipment_id or point.public_area_id
            if place and not point.name:
                point.name = place.name

    @api.depends("check_ids")
    def _compute_check_count(self):
        for point in self:
            point.check_count = len(point.check_ids)

    @api.constrains("public_area_id", "equipment_id", "route_id")
    def _check_place_in_estate(self):
        for point in self:
            estate = point.route_id.estate_id
            place_estate = (
                point.equipment_id.pm_estate_id
                if point.equipment_id
                else point.public_area_id.estate_id
            )
            if place_estate and place_estate != estate:
                raise ValidationError(
                    self.env._(
                        "Check-point %(point)s is in estate %(place_estate)s, but route %(route)s "
                        "patrols estate %(estate)s: choose a place of %(estate)s.",
                        point=point.name,
                        place_estate=place_estate.name,
                        route=point.route_id.name,
                        estate=estate.name,
                    )
                )

    def _pm_place(self):
        """The place of the point: its equipment or its public area."""
        self.ensure_one()
        return self.equipment_id or self.public_area_id

    def _prepare_round_point_vals(self, scheduled, tolerance):
        """The point of a round starting at ``scheduled`` (naive UTC)."""
        self.ensure_one()
        expected = scheduled + timedelta(minutes=self.offset_minutes)
        return {
            "point_id": self.id,
            "sequence": self.sequence,
            "name": self.name,
            "equipment_id": self.equipment_id.id,
            # the area of the equipment: the findings per area count it there
            "public_area_id": (self.public_area_id or self.equipment_id.pm_public_area_id).id,
            "expected_date": expected,
            "due_date": expected + tolerance,
            "check_ids": [
                Command.create(
                    {
                        "sequence": check.sequence,
                        "name": check.name,
                        "instruction": check.instruction,
                    }
                )
                for check in self.check_ids
            ],
        }
