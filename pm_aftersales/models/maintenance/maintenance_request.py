from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError


class MaintenanceRequest(models.Model):
    """A preventive maintenance request carries the checklist of its plan; it
    is done only with every point ticked, and each failed point opens a repair
    job on the equipment."""

    _inherit = "maintenance.request"

    pm_check_ids = fields.One2many("pm.maintenance.check", "request_id", string="Checklist")
    pm_check_progress = fields.Char(string="Checked", compute="_compute_pm_check_progress")
    pm_failed_count = fields.Integer(string="Failed Checks", compute="_compute_pm_check_progress")
    pm_ticket_ids = fields.One2many(
        "helpdesk.ticket", "maintenance_request_id", string="Repair Jobs"
    )
    pm_estate_id = fields.Many2one(
        related="equipment_id.pm_estate_id", store=True, index="btree_not_null", string="Estate"
    )
    pm_building_id = fields.Many2one(
        related="equipment_id.pm_building_id",
        store=True,
        index="btree_not_null",
        string="Building",
    )

    @api.depends("pm_check_ids.result")
    def _compute_pm_check_progress(self):
        for request in self:
            checks = request.pm_check_ids
            done = checks.filtered("result")
            request.pm_check_progress = f"{len(done)} / {len(checks)}" if checks else False
            request.pm_failed_count = len(checks.filtered(lambda c: c.result == "failed"))

    # ------------------------------------------------------------------
    # Generation in batches
    # ------------------------------------------------------------------
    @api.model
    def _get_default_team_id(self):
        team = self.env.context.get("pm_default_team_id")
        return team if team is not None else super()._get_default_team_id()

    def _add_followers(self):
        if self.env.context.get("pm_batch_generation"):
            return  # done once per batch by _pm_subscribe_assignees
        return super()._add_followers()

    def activity_update(self):
        # Generated preventive requests are planned on the team's calendar and
        # kanban; one to-do activity per request and day would bury the
        # technicians' real to-dos.
        if self.env.context.get("pm_batch_generation"):
            return
        return super().activity_update()

    def _pm_subscribe_assignees(self):
        """Follow the requests as ``_add_followers`` does, one call per set
        of followers instead of one per request."""
        groups = defaultdict(lambda: self.browse())
        for request in self:
            partners = request.owner_user_id.partner_id | request.user_id.partner_id
            groups[partners] |= request
        for partners, requests in groups.items():
            if partners:
                requests.with_context(pm_batch_generation=False).message_subscribe(
                    partner_ids=partners.ids
                )

    # ------------------------------------------------------------------
    # Checklist
    # ------------------------------------------------------------------
    def write(self, vals):
        closing = self.browse()
        if vals.get("stage_id") and self.env["maintenance.stage"].browse(vals["stage_id"]).done:
            closing = self.filtered(lambda r: not r.stage_id.done)
            closing._pm_check_checklist()
        result = super().write(vals)
        if closing:
            closing._pm_open_repairs()
        return result

    def _pm_check_checklist(self):
        for request in self:
            missing = request.pm_check_ids.filtered(lambda c: not c.result)
            if missing:
                raise UserError(
                    self.env._(
                        "Tick every point of the checklist of %(request)s before closing it: "
                        "%(missing)s.",
                        request=request.name,
                        missing=", ".join(missing.mapped("name")),
                    )
                )

    def _pm_prepare_repair_ticket_vals(self, check):
        self.ensure_one()
        equipment = self.equipment_id
        category = equipment.category_id.pm_ticket_category_id or self.env.ref(
            "pm_aftersales.helpdesk_category_equipment", raise_if_not_found=False
        )
        # Stored, read by many: in the company's language.
        env = self.with_context(lang=self.company_id._pm_lang()).env
        description = Markup("<p>%s</p><p>%s</p>") % (
            env._("Found during %s.", self.name),
            escape(check.note or ""),
        )
        return {
            "name": env._(
                "%(check)s failed: %(equipment)s", check=check.name, equipment=equipment.name
            ),
            "description": description,
            "company_id": self.company_id.id,
            "equipment_id": equipment.id,
            "unit_id": equipment.pm_unit_id.id,
            "public_area_id": equipment.pm_public_area_id.id,
            "category_id": category.id if category else False,
            "maintenance_request_id": self.id,
        }

    def _pm_open_repairs(self):
        """A repair job for every failed check that has none yet."""
        Ticket = self.env["helpdesk.ticket"].sudo()
        for request in self:
            for check in request.pm_check_ids.filtered(
                lambda c: c.result == "failed" and not c.ticket_id
            ):
                vals = request._pm_prepare_repair_ticket_vals(check)
                ticket = Ticket.with_company(request.company_id).create(vals)
                check.sudo().ticket_id = ticket
                request.message_post(
                    body=request.with_context(lang=request.company_id._pm_lang()).env._(
                        "Repair job %s opened for a failed check.", ticket.number
                    )
                )

    def action_pm_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("maintenance_request_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
