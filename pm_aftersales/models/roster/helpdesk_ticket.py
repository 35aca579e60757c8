from odoo import fields, models

URGENT_TYPE_CODE = "urgent_repair"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    pm_no_duty_escalated = fields.Datetime(
        string="No One on Duty Since",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the duty manager was told that no technician was on duty for this urgent job.",
    )
    pm_duty_manager_id = fields.Many2one(
        "res.users",
        string="Duty Manager Told",
        readonly=True,
        copy=False,
        help="Who was told that no technician was on duty for this urgent job.",
    )

    # ------------------------------------------------------------------
    # Dispatch by the roster
    # ------------------------------------------------------------------
    def _pm_is_urgent_repair(self):
        self.ensure_one()
        return self.ticket_type_id.code == URGENT_TYPE_CODE

    def _pm_is_roster_urgent(self):
        """An urgent job, new and given to nobody, of a crew working by the
        duty roster, not escalated for want of a technician yet."""
        self.ensure_one()
        return bool(
            self._pm_is_urgent_repair()
            and self.team_id.pm_use_roster
            and not self.user_id
            and not self.vendor_id
            and self.service_state == "new"
            and not self.pm_no_duty_escalated
        )

    def _auto_assign(self):
        """Urgent jobs of crews working by the roster are dispatched at once
        whatever the crew's dispatch mode (helpdesk.ticket.team._dispatch_new_job;
        the crews in automatic or pool mode already went through it)."""
        result = super()._auto_assign()
        for ticket in self.filtered(
            lambda t: t.team_id.dispatch_mode not in ("auto", "pool") and t._pm_is_roster_urgent()
        ):
            ticket.team_id._dispatch_new_job(ticket)
        return result

    # ------------------------------------------------------------------
    # Nobody on duty
    # ------------------------------------------------------------------
    def _pm_get_duty_manager(self, when=None):
        """The duty manager now: the user of the duty manager shift of the
        job's estate, else of the company's shift for every estate, else the
        estate's manager."""
        self.ensure_one()
        shifts = (
            self.env["pm.duty.shift"]
            .sudo()
            ._pm_on_duty("manager", when, estate=self.estate_id, company=self.company_id)
        )
        own = shifts.filtered(lambda s: self.estate_id and s.estate_id == self.estate_id)
        shift = own[:1] or shifts.filtered(lambda s: not s.estate_id)[:1]
        return shift.user_id or self.sudo().estate_id.manager_id

    def _prepare_no_duty_texts(self, manager):
        """Summary and body of the no-duty escalation, in the language of the
        context."""
        self.ensure_one()
        company = self.company_id
        values = {
            "job": self.number,
            "title": self.name,
            "place": self.place_name or "",
            "time": company._pm_format_datetime(self.report_date, self.env.lang),
            "crew": self.team_id.name,
        }
        return {
            "summary": self.env._("Urgent job %(job)s: no technician on duty", **values),
            "body": self.env._(
                "No technician of %(crew)s is on duty for urgent job %(job)s (%(title)s, "
                "%(place)s), reported at %(time)s: dispatch it now.",
                **values,
            )
            if manager
            else self.env._(
                "No technician of %(crew)s is on duty for urgent job %(job)s (%(title)s, "
                "%(place)s), reported at %(time)s, and no duty manager was found: "
                "dispatch it now.",
                **values,
            ),
        }

    def _pm_escalate_no_duty(self):
        """Tell the duty manager at once, in his language: an activity and a
        note of the job, once per job."""
        now = fields.Datetime.now()
        activity_type = "pm_aftersales.mail_activity_type_escalation"
        odoobot = self.env.ref("base.partner_root")
        for ticket in self.filtered(lambda t: not t.pm_no_duty_escalated):
            manager = ticket._pm_get_duty_manager(now)
            company = ticket.company_id
            texts = ticket.with_context(lang=company._pm_lang(manager))._prepare_no_duty_texts(
                manager
            )
            # sudo: whoever registers the job (an assistant, an owner on the
            # portal) tells the duty manager
            job = ticket.sudo()
            if manager:
                job.with_context(mail_activity_quick_update=True).activity_schedule(
                    activity_type,
                    date_deadline=company._pm_today(),
                    summary=texts["summary"],
                    note=texts["body"],
                    user_id=manager.id,
                )
            job.message_post(
                body=texts["body"],
                author_id=odoobot.id,
                partner_ids=manager.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
            job.write({"pm_no_duty_escalated": now, "pm_duty_manager_id": manager.id})
        return True
