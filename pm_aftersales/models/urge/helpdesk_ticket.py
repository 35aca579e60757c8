from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..service.helpdesk_ticket import OPEN_SERVICE_STATES

# An owner urges a job at most once in this time.
URGE_INTERVAL = timedelta(hours=1)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    urge_ids = fields.One2many("pm.ticket.urge", "ticket_id", string="Urge History")
    urge_count = fields.Integer(
        string="Urges", compute="_compute_urge_count", store=True, help="Times the owner urged."
    )
    last_urge_date = fields.Datetime(
        string="Last Urged On", compute="_compute_urge_count", store=True
    )

    @api.depends("urge_ids.date")
    def _compute_urge_count(self):
        for ticket in self:
            ticket.urge_count = len(ticket.urge_ids)
            ticket.last_urge_date = max(ticket.urge_ids.mapped("date"), default=False)

    def _pm_next_urge_date(self):
        """When the job may be urged again (False: now)."""
        self.ensure_one()
        if self.last_urge_date and self.last_urge_date + URGE_INTERVAL > fields.Datetime.now():
            return self.last_urge_date + URGE_INTERVAL
        return False

    def _pm_can_urge(self):
        self.ensure_one()
        return self.service_state in OPEN_SERVICE_STATES and not self._pm_next_urge_date()

    def _pm_get_urge_recipients(self):
        """Who hears of an urge: the technician and crew, the assistant who
        registered the job and the estate's customer-service supervisor."""
        self.ensure_one()
        users = (
            self.user_id | self.technician_ids | self.create_uid | self.estate_id.cs_supervisor_id
        )
        return users.filtered(lambda u: not u.share and not u._is_superuser()).partner_id

    def _pm_urge(self, partner, channel="portal"):
        """Register an urge of ``partner`` (the owner); refused when the job
        is closed or was urged less than an hour ago."""
        self.ensure_one()
        self.lock_for_update()
        # What time changed since it was read: the last urge, lateness.
        self.invalidate_recordset(["last_urge_date", "urge_count", "sla_status", "is_late"])
        self.sudo().milestone_ids.invalidate_recordset(["status"])
        company = self.company_id
        if self.service_state not in OPEN_SERVICE_STATES:
            raise UserError(
                self.env._("Job %s is no longer open: it cannot be urged.", self.number)
            )
        next_date = self._pm_next_urge_date()
        if next_date:
            raise UserError(
                self.env._(
                    "Job %(job)s was urged less than an hour ago: "
                    "it can be urged again at %(date)s.",
                    job=self.number,
                    date=company._pm_format_datetime(next_date, lang=self.env.lang),
                )
            )
        was_late = self.is_late
        urge = (
            self.env["pm.ticket.urge"]
            .sudo()
            .create(
                {
                    "ticket_id": self.id,
                    "partner_id": partner.id,
                    "channel": channel,
                    "was_late": was_late,
                }
            )
        )
        escalated = self._pm_escalate_urged() if was_late else False
        urge.escalated = bool(escalated)
        self._pm_log_urge(urge)
        return urge

    def _pm_escalate_urged(self):
        """A late job that is urged climbs its escalation ladder at once."""
        now = fields.Datetime.now()
        late = self.sudo().milestone_ids.filtered(
            lambda m: m.state == "running" and m.deadline and m.deadline <= now
        )
        return late._escalate()

    def _pm_log_urge(self, urge):
        recipients = self._pm_get_urge_recipients()
        company = self.company_id
        by_lang = recipients.grouped(company._pm_lang)
        for lang, partners in by_lang.items() or [(company._pm_lang(), recipients)]:
            env = self.with_context(lang=lang).env
            body = env._(
                "The owner urged job %(job)s (%(count)s time(s)).",
                job=self.number,
                count=self.urge_count,
            )
            if urge.was_late:
                body += " " + env._("The job is late: it is escalated.")
            self.sudo().message_post(
                body=body,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                partner_ids=partners.ids,
            )

    def action_pm_urge(self):
        """The owner urges on the hotline: the assistant registers it."""
        if not self.env.user.has_group("pm_aftersales.group_pm_cs_assistant"):
            raise AccessError(
                self.env._("Only customer service registers an owner's urge from the hotline.")
            )
        for ticket in self:
            ticket.check_access("write")
            ticket._pm_urge(ticket.partner_id, channel="phone")
        return True
