from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class MaintenanceEquipment(models.Model):
    """Equipment file (设备档案): where the equipment is in the estate, what it
    is, and its history of preventive requests, repairs, parts and cost.
    Model, supplier (``partner_id``), installation (``effective_date``) and
    warranty end (``warranty_date``) are the maintenance app's own fields."""

    _inherit = "maintenance.equipment"

    pm_estate_id = fields.Many2one(
        "pm.estate",
        string="Estate",
        index="btree_not_null",
        check_company=True,
        compute="_compute_pm_place",
        store=True,
        readonly=False,
        precompute=True,
    )
    pm_building_id = fields.Many2one(
        "pm.building",
        string="Building",
        index="btree_not_null",
        check_company=True,
        domain="[('estate_id', '=?', pm_estate_id)]",
        compute="_compute_pm_place",
        store=True,
        readonly=False,
        precompute=True,
    )
    pm_public_area_id = fields.Many2one(
        "pm.public.area",
        string="Public Area",
        index="btree_not_null",
        check_company=True,
        domain="[('estate_id', '=?', pm_estate_id)]",
    )
    pm_unit_id = fields.Many2one(
        "pm.unit",
        string="Unit",
        index="btree_not_null",
        check_company=True,
        domain="[('estate_id', '=?', pm_estate_id)]",
        help="For equipment inside an owner's unit (e.g. a water heater under warranty).",
    )
    pm_specs = fields.Text(
        string="Specifications", help="Capacity, power, floors served, rated flow..."
    )
    pm_ticket_ids = fields.One2many("helpdesk.ticket", "equipment_id", string="Service Jobs")
    pm_ticket_count = fields.Integer(string="Jobs", compute="_compute_pm_history")
    pm_failure_count = fields.Integer(
        string="Failures", compute="_compute_pm_history", help="Completed repairs."
    )
    pm_last_failure_date = fields.Date(string="Last Failure", compute="_compute_pm_history")
    pm_mtbf_days = fields.Float(
        string="MTBF (days)",
        digits=(16, 1),
        compute="_compute_pm_history",
        help="Mean time between failures: days in service up to the last repair, "
        "divided by the number of repairs.",
    )
    pm_parts_cost = fields.Float(
        string="Parts Cost",
        digits="Product Price",
        compute="_compute_pm_history",
        help="Cost of the parts consumed by the jobs on this equipment.",
    )
    pm_part_count = fields.Integer(string="Parts Used", compute="_compute_pm_history")

    _pm_unit_or_area = models.Constraint(
        "CHECK(pm_unit_id IS NULL OR pm_public_area_id IS NULL)",
        "Equipment is in a unit or in a public area, not both: clear one of them.",
    )

    @api.depends("pm_public_area_id", "pm_unit_id")
    def _compute_pm_place(self):
        for equipment in self:
            place = equipment.pm_unit_id or equipment.pm_public_area_id
            if place:
                equipment.pm_estate_id = place.estate_id
                equipment.pm_building_id = place.building_id

    @api.constrains("pm_estate_id", "pm_building_id", "pm_public_area_id", "pm_unit_id")
    def _check_pm_place(self):
        for equipment in self:
            for place in (
                equipment.pm_building_id,
                equipment.pm_public_area_id,
                equipment.pm_unit_id,
            ):
                if place and place.estate_id != equipment.pm_estate_id:
                    raise ValidationError(
                        self.env._(
                            "Equipment %(equipment)s: %(place)s is not in estate %(estate)s.",
                            equipment=equipment.name,
                            place=place.display_name,
                            estate=equipment.pm_estate_id.name or "-",
                        )
                    )

    def _pm_get_failure_domain(self):
        return [
            ("equipment_id", "in", self.ids),
            ("is_repair", "=", True),
            ("done_date", "!=", False),
        ]

    def _compute_pm_history(self):
        """A handful of grouped queries for the whole recordset."""
        Ticket = self.env["helpdesk.ticket"].sudo()
        jobs = dict(
            Ticket._read_group([("equipment_id", "in", self.ids)], ["equipment_id"], ["__count"])
        )
        failures = {
            equipment: (count, last)
            for equipment, count, last in Ticket._read_group(
                self._pm_get_failure_domain(), ["equipment_id"], ["__count", "done_date:max"]
            )
        }
        parts = defaultdict(lambda: (0, 0.0))
        for equipment, count, cost in (
            self.env["pm.ticket.part"]
            .sudo()
            ._read_group(
                [("equipment_id", "in", self.ids), ("state", "=", "consumed")],
                ["equipment_id"],
                ["__count", "cost:sum"],
            )
        ):
            parts[equipment.id] = (count, cost)
        for equipment in self:
            origin = equipment._origin
            count, last = failures.get(origin, (0, False))
            equipment.pm_ticket_count = jobs.get(origin, 0)
            equipment.pm_failure_count = count
            equipment.pm_last_failure_date = last and last.date()
            start = equipment.effective_date
            if count and start and last:
                equipment.pm_mtbf_days = max((last.date() - start).days, 0) / count
            else:
                equipment.pm_mtbf_days = 0.0
            equipment.pm_part_count, equipment.pm_parts_cost = parts[origin.id]

    def _prepare_request_from_plan(self, maintenance_plan, next_maintenance_date):
        """The plan's technician and checklist on every request it generates,
        whichever generator (the addon's, or OCA's for plans on no equipment)."""
        vals = super()._prepare_request_from_plan(maintenance_plan, next_maintenance_date)
        if maintenance_plan.pm_user_id:
            vals["user_id"] = maintenance_plan.pm_user_id.id
        vals["pm_check_ids"] = [
            Command.create(item._prepare_check_vals())
            for item in maintenance_plan.pm_checklist_item_ids
        ]
        return vals

    @api.model
    def _cron_generate_requests(self):
        """OCA maintenance_plan's daily job, set-based: every active plan in
        one pass instead of one search and one create per plan and date."""
        self.env["maintenance.plan"].sudo().search([("interval", ">", 0)])._pm_generate_requests()

    def _pm_action(self, xmlid, domain, **context):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = context
        return action

    def action_pm_view_tickets(self):
        self.ensure_one()
        return self._pm_action(
            "helpdesk_mgmt.helpdesk_ticket_action",
            [("equipment_id", "=", self.id)],
            default_equipment_id=self.id,
        )

    def action_pm_view_parts(self):
        self.ensure_one()
        return self._pm_action(
            "pm_aftersales.pm_ticket_part_action",
            [("equipment_id", "=", self.id), ("state", "=", "consumed")],
        )
