from odoo import api, fields, models


class PmPreventiveMeasure(models.Model):
    """What was decided after analysing failures (预防措施): e.g. "clean the
    pump strainers monthly in building 3"."""

    _name = "pm.preventive.measure"
    _description = "Preventive Measure"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Measure", required=True, tracking=True)
    date = fields.Date(string="Decided On", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    failure_cause_id = fields.Many2one("pm.failure.cause", string="Failure Cause", index=True)
    equipment_category_id = fields.Many2one(
        "maintenance.equipment.category", string="Equipment Category", index=True
    )
    equipment_id = fields.Many2one("maintenance.equipment", string="Equipment", check_company=True)
    estate_id = fields.Many2one("pm.estate", string="Estate", check_company=True)
    building_id = fields.Many2one(
        "pm.building",
        string="Building",
        check_company=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    plan_id = fields.Many2one(
        "maintenance.plan",
        string="Maintenance Plan",
        help="The maintenance plan that puts the measure into practice.",
    )
    state = fields.Selection(
        string="Status",
        selection=[("planned", "Planned"), ("in_progress", "In Progress"), ("done", "Done")],
        default="planned",
        required=True,
        tracking=True,
    )
    description = fields.Html()
    result = fields.Text(help="What the measure changed: fewer failures, lower cost...")

    @api.onchange("equipment_id")
    def _onchange_equipment_id(self):
        if self.equipment_id:
            self.equipment_category_id = self.equipment_id.category_id
            self.estate_id = self.equipment_id.pm_estate_id
            self.building_id = self.equipment_id.pm_building_id
