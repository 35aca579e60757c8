from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from ..service.helpdesk_ticket import OPEN_SERVICE_STATES


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    pm_duplicate_candidate_ids = fields.Many2many(
        "helpdesk.ticket",
        string="Possible Duplicates",
        compute="_compute_pm_duplicate_candidate_ids",
        groups="pm_aftersales.group_pm_technician",
        help="Open jobs of the same place and category reported shortly before this one.",
    )

    def _pm_get_duplicate_domain(self):
        """Open jobs that may report the same fault as this one (empty: none)."""
        self.ensure_one()
        hours = self.company_id.pm_duplicate_window
        if not hours or not self.category_id:
            return Domain.FALSE
        places = []
        if self.unit_id:
            places.append(Domain("unit_id", "=", self.unit_id.id))
        if self.public_area_id:
            places.append(Domain("public_area_id", "=", self.public_area_id.id))
        if self.equipment_id:
            places.append(Domain("equipment_id", "=", self.equipment_id.id))
        if not places:
            return Domain.FALSE
        report_date = self.report_date or fields.Datetime.now()
        return Domain.AND(
            [
                Domain.OR(places),
                Domain("category_id", "=", self.category_id.id),
                Domain("service_state", "in", OPEN_SERVICE_STATES),
                Domain("duplicate_id", "=", False),
                Domain("company_id", "=", self.company_id.id),
                Domain("report_date", ">=", report_date - timedelta(hours=hours)),
                Domain("report_date", "<=", report_date),
                Domain("id", "not in", self.ids + self.duplicate_ids.ids),
            ]
        )

    @api.depends("unit_id", "public_area_id", "equipment_id", "category_id", "report_date")
    @api.depends_context("uid")
    def _compute_pm_duplicate_candidate_ids(self):
        for ticket in self:
            if (
                not ticket.id
                or ticket.duplicate_id
                or ticket.service_state not in OPEN_SERVICE_STATES
            ):
                ticket.pm_duplicate_candidate_ids = False
                continue
            ticket.pm_duplicate_candidate_ids = self.search(
                ticket._pm_get_duplicate_domain(), order="report_date, id", limit=5
            )

    def _pm_get_owner_recipients(self):
        """The first job's notices go to the reporters merged into it too."""
        return super()._pm_get_owner_recipients() | self.duplicate_ids.partner_id

    def action_pm_merge_duplicate(self):
        """Open helpdesk_mgmt's duplicate wizard on the first possible original."""
        self.ensure_one()
        action = self.action_open_duplicate_wizard()
        action["name"] = self.env._("Merge into an Earlier Job")
        action["context"] = dict(
            action.get("context") or {},
            default_duplicate_of_id=self.pm_duplicate_candidate_ids[:1].id,
        )
        return action

    def _pm_merge_into(self, original):
        """This job reports the fault of ``original``: its reporter follows
        the original and is told so. The wizard has moved this job to its
        target stage (by default the cancelled one: its time limits stop, the
        first job's hold)."""
        for ticket in self:
            reporters = ticket.partner_id | ticket.message_partner_ids.filtered("partner_share")
            original.message_subscribe(partner_ids=reporters.ids)
            body = self.env._(
                "Report %(dup)s describes the same fault: merged into this job; its reporter "
                "is kept informed here.",
                dup=ticket.number,
            )
            original.message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=reporters.ids,
            )
            ticket.message_post(
                body=self.env._("Merged into job %s: follow it there.", original.number),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
