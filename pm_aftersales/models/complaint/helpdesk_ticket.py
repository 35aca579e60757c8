from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class HelpdeskTicket(models.Model):
    """Complaints (投诉): jobs of a complaint type, about another job, investigated
    internally and answered to the owner."""

    _inherit = "helpdesk.ticket"

    origin_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Related Job",
        index=True,
        help="For a complaint: the job it is about.",
    )
    complaint_ids = fields.One2many(
        "helpdesk.ticket", "origin_ticket_id", string="Complaints About This Job"
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    # The investigation of a complaint is internal: the owner gets the answer.
    concerned_employee_id = fields.Many2one(
        "hr.employee",
        string="Staff Concerned",
        tracking=True,
        index=True,
        groups="base.group_user",
    )
    complaint_cause_id = fields.Many2one(
        "pm.complaint.cause", string="Cause", tracking=True, groups="base.group_user"
    )
    complaint_upheld = fields.Selection(
        selection=[
            ("upheld", "Upheld"),
            ("partly", "Partly Upheld"),
            ("not_upheld", "Not Upheld"),
        ],
        string="Finding",
        tracking=True,
        groups="base.group_user",
    )
    investigation = fields.Text(groups="base.group_user")
    answer = fields.Text(string="Answer to the Owner")
    answered_date = fields.Datetime(readonly=True, copy=False)

    def _compute_complaint_count(self):
        counts = dict(
            self._read_group(
                [("origin_ticket_id", "in", self.ids)], ["origin_ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.complaint_count = counts.get(ticket, 0)

    def _open_complaint_from_followup(self, followup):
        """A low score at the follow-up visit opens a complaint on the job."""
        self.ensure_one()
        # Stored and read by many: written in the company's language.
        ticket = self.with_context(lang=self.company_id._pm_lang())
        vals = ticket._prepare_followup_complaint_vals(followup)
        complaint = self.create(vals)
        self.message_post(
            body=ticket.env._("Low satisfaction: complaint %s opened.", complaint.number),
            subtype_xmlid="mail.mt_note",
        )
        return complaint

    @api.model
    def _get_followup_complaint_categories(self):
        """The complaint category of each follow-up score, when it is the low one."""
        return {
            "score_speed": "pm_aftersales.helpdesk_category_complaint_response",
            "score_attitude": "pm_aftersales.helpdesk_category_complaint_attitude",
            "score_quality": "pm_aftersales.helpdesk_category_complaint_quality",
        }

    def _prepare_followup_complaint_vals(self, followup):
        self.ensure_one()
        complaint_type = self.env.ref("pm_aftersales.pm_ticket_type_complaint")
        category = self.env.ref(
            self._get_followup_complaint_categories()[followup._get_lowest_score()],
            raise_if_not_found=False,
        )
        employee = self.env["hr.employee"].search([("user_id", "=", self.user_id.id)], limit=1)
        scores = self.env._(
            "Arrival speed %(speed)s/5, service attitude %(attitude)s/5, repair quality "
            "%(quality)s/5.",
            speed=followup.score_speed,
            attitude=followup.score_attitude,
            quality=followup.score_quality,
        )
        return {
            "name": self.env._("Low satisfaction with job %s", self.number),
            # The owner's comment is text: shown as typed, never as markup.
            "description": Markup("<p>%s</p>%s") % (scores, plaintext2html(followup.comment or "")),
            "ticket_type_id": complaint_type.id,
            "category_id": category.id if category else False,
            "partner_id": self.partner_id.id,
            "unit_id": self.unit_id.id,
            "public_area_id": self.public_area_id.id,
            "origin_ticket_id": self.id,
            "concerned_employee_id": employee.id,
            "company_id": self.company_id.id,
            "channel_id": self.channel_id.id,
        }

    def action_answer_complaint(self):
        """The complaint has been investigated and answered (答复)."""
        for ticket in self:
            if not ticket.is_complaint:
                raise UserError(self.env._("Job %s is not a complaint.", ticket.number))
            if not (ticket.answer or "").strip():
                raise UserError(
                    self.env._(
                        "Write the answer to the owner before answering complaint %s.",
                        ticket.number,
                    )
                )
        self._check_state(("new", "dispatched"), self.env._("answered"))
        self.answered_date = fields.Datetime.now()
        self._set_service_state("accepted")
        return True

    def action_resolve_complaint(self):
        """The complaint is resolved (处理完毕): the finding is recorded."""
        for ticket in self:
            if not ticket.is_complaint:
                raise UserError(self.env._("Job %s is not a complaint.", ticket.number))
            if not ticket.complaint_upheld:
                raise UserError(
                    self.env._(
                        "Record whether complaint %s is upheld before resolving it.", ticket.number
                    )
                )
        self._check_state(("accepted",), self.env._("resolved"))
        for ticket in self:
            ticket._set_service_state(
                "verified" if ticket.ticket_type_id.needs_followup else "closed"
            )
        return True

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("pm_aftersales.pm_complaint_action")
        action["domain"] = [("origin_ticket_id", "=", self.id)]
        action["context"] = {"default_origin_ticket_id": self.id}
        return action
