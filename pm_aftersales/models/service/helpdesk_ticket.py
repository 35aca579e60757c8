from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, mute_logger

from .helpdesk_ticket_category import PM_CATEGORY_DOMAIN

# Workflow of a service job, in order. Each stage carries one of these.
SERVICE_STATES = [
    ("new", "Registered"),
    ("dispatched", "Dispatched"),
    ("accepted", "Accepted by Technician"),
    ("on_site", "On Site"),
    ("done", "Awaiting Acceptance"),
    ("verified", "Awaiting Follow-up"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
STATE_ORDER = {code: index for index, (code, _label) in enumerate(SERVICE_STATES)}
OPEN_SERVICE_STATES = ("new", "dispatched", "accepted", "on_site")


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "pm.state.guard.mixin", "pm.owner.notification.mixin"]
    _pm_state_field = "service_state"

    # ------------------------------------------------------------------
    # What the job is, and when
    # ------------------------------------------------------------------
    ticket_type_id = fields.Many2one("pm.ticket.type", string="Type", tracking=True, index=True)
    category_id = fields.Many2one(domain=PM_CATEGORY_DOMAIN)
    is_complaint = fields.Boolean(related="ticket_type_id.is_complaint", store=True)
    needs_visit = fields.Boolean(related="ticket_type_id.needs_visit")
    report_date = fields.Datetime(
        string="Reported On",
        required=True,
        default=fields.Datetime.now,
        index=True,
        help="When the owner reported the problem: the time limits count from here.",
    )
    appointment_date = fields.Datetime(
        string="Appointment", tracking=True, help="When the owner expects the technician."
    )
    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    service_state = fields.Selection(
        related="stage_id.service_state", store=True, index=True, string="Service State"
    )
    # ------------------------------------------------------------------
    # Dispatch
    # ------------------------------------------------------------------
    technician_ids = fields.Many2many(
        "res.users",
        "helpdesk_ticket_pm_technician_rel",
        "ticket_id",
        "user_id",
        string="Crew Members",
        domain="[('share', '=', False)]",
        tracking=True,
        help="Other technicians working on the job with the assigned technician.",
    )
    in_pool = fields.Boolean(
        string="In Pool",
        tracking=True,
        index=True,
        help="Waiting in the pool for a technician to take it.",
    )
    vendor_id = fields.Many2one(
        "res.partner",
        string="Outsourced Company",
        domain="[('pm_is_vendor', '=', True)]",
        tracking=True,
        index=True,
    )
    assignment_ids = fields.One2many(
        "pm.ticket.assignment", "ticket_id", string="Assignment History"
    )
    # ------------------------------------------------------------------
    # Work on site
    # ------------------------------------------------------------------
    diagnosis = fields.Text(help="What the technician found on site.")
    work_done = fields.Text(string="Work Done")
    materials = fields.Text(string="Materials Used")
    photo_before_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_ticket_photo_before_rel",
        "ticket_id",
        "attachment_id",
        string="Photos Before",
    )
    photo_after_ids = fields.Many2many(
        "ir.attachment",
        "helpdesk_ticket_photo_after_rel",
        "ticket_id",
        "attachment_id",
        string="Photos After",
    )
    checkin_date = fields.Datetime(string="Checked In On", readonly=True, copy=False)
    done_date = fields.Datetime(string="Completed On", readonly=True, copy=False)
    # ------------------------------------------------------------------
    # Acceptance and follow-up
    # ------------------------------------------------------------------
    acceptance_ids = fields.One2many("pm.ticket.acceptance", "ticket_id", string="Acceptances")
    rework_count = fields.Integer(
        compute="_compute_rework_count", store=True, help="Times the work was rejected."
    )
    followup_ids = fields.One2many("pm.ticket.followup", "ticket_id", string="Follow-up")
    satisfaction = fields.Float(
        compute="_compute_satisfaction", store=True, digits=(3, 2), string="Satisfaction"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("acceptance_ids.result")
    def _compute_rework_count(self):
        for ticket in self:
            ticket.rework_count = len(
                ticket.acceptance_ids.filtered(lambda a: a.result == "rejected")
            )

    @api.depends("followup_ids.score_average")
    def _compute_satisfaction(self):
        for ticket in self:
            ticket.satisfaction = ticket.followup_ids[:1].score_average

    # ------------------------------------------------------------------
    # CRUD and the workflow's hooks
    # ------------------------------------------------------------------
    @api.onchange("ticket_type_id")
    def _onchange_ticket_type_id(self):
        if self.ticket_type_id.default_priority:
            self.priority = self.ticket_type_id.default_priority

    @api.onchange("category_id")
    def _onchange_category_id_type(self):
        if self.category_id.ticket_type_id and not self.ticket_type_id:
            self.ticket_type_id = self.category_id.ticket_type_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prepare_service_vals(vals)
        tickets = super().create(vals_list)
        tickets._on_created()
        return tickets

    def _on_created(self):
        """Effects of creating jobs, once they are saved. The other rooms
        extend it; their effects come before the dispatch (the job has its
        time limits before it is given to a technician)."""
        self.filtered(lambda t: t.user_id or t.vendor_id)._log_assignment()
        self._auto_assign()

    @api.model
    def _prepare_service_vals(self, vals):
        """Complete the values of a new job: type from the category, priority
        from the type, crew from the trade."""
        category = self.env["helpdesk.ticket.category"].browse(vals.get("category_id"))
        if not vals.get("ticket_type_id") and category.ticket_type_id:
            vals["ticket_type_id"] = category.ticket_type_id.id
        ticket_type = self.env["pm.ticket.type"].browse(vals.get("ticket_type_id"))
        if "priority" not in vals and ticket_type.default_priority:
            vals["priority"] = ticket_type.default_priority
        if ticket_type and "user_id" not in vals:
            # helpdesk_mgmt may give a new ticket to whoever creates it; a
            # service job is dispatched instead.
            vals["user_id"] = False
        if not vals.get("team_id") and category.trade_id:
            team = self.env["helpdesk.ticket.team"].search(
                [("trade_ids", "in", category.trade_id.ids)], limit=1
            )
            if team:
                vals["team_id"] = team.id
        return vals

    def write(self, vals):
        state_changed = "stage_id" in vals
        old_states = {ticket.id: ticket.service_state for ticket in self} if state_changed else {}
        old_assignees = (
            {t.id: (t.user_id, t.technician_ids, t.vendor_id) for t in self}
            if {"user_id", "technician_ids", "vendor_id"} & vals.keys()
            else {}
        )
        result = super().write(vals)
        self._on_written(vals)
        if old_assignees:
            changed = self.filtered(
                lambda t: old_assignees[t.id] != (t.user_id, t.technician_ids, t.vendor_id)
            )
            changed._log_assignment()
            changed._unsubscribe_previous_assignees(old_assignees)
        if state_changed:
            self.filtered(lambda t: t.service_state != old_states[t.id])._on_service_state_change(
                old_states
            )
        return result

    def _on_written(self, vals):
        """Effects of writing ``vals`` on jobs, before the new assignees are
        logged and the new service states take effect. The other rooms extend it."""

    def _on_service_state_change(self, old_states):
        """The service state of these jobs changed (``old_states``: {job id:
        previous state}). The workflow only moves the states: the other rooms
        extend this hook with what a state means for them."""

    def _check_completion(self):
        """What a technician must record before a job counts as done. The
        other rooms extend it with their own requirements."""
        for ticket in self:
            if not (ticket.work_done or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the work done on job %s before completing it.", ticket.number
                    )
                )

    def _set_service_state(self, state):
        Stage = self.env["helpdesk.ticket.stage"]
        for ticket in self:
            if ticket.service_state != state:
                ticket.stage_id = Stage._get_for_service_state(state, ticket.team_id)

    def _get_state_error_message(self, state_label, action):
        return self.env._(
            "Job %(job)s is “%(state)s”: it cannot be %(action)s now.",
            job=self.number,
            state=state_label,
            action=action,
        )

    # ------------------------------------------------------------------
    # Dispatch
    # ------------------------------------------------------------------
    def _log_assignment(self):
        mode = self.env.context.get("pm_dispatch_mode", "assign")
        self.env["pm.ticket.assignment"].sudo().create(
            [
                {
                    "ticket_id": ticket.id,
                    "mode": mode,
                    "team_id": ticket.team_id.id,
                    "user_id": ticket.user_id.id,
                    "technician_ids": [Command.set(ticket.technician_ids.ids)],
                    "vendor_id": ticket.vendor_id.id,
                }
                for ticket in self
            ]
        )

    def _unsubscribe_previous_assignees(self, old_assignees):
        """Whoever is taken off a job stops following (and seeing) it."""
        for ticket in self:
            old_user, old_crew, _old_vendor = old_assignees[ticket.id]
            gone = (old_user | old_crew) - (ticket.user_id | ticket.technician_ids)
            if gone:
                ticket.message_unsubscribe(partner_ids=gone.partner_id.ids)

    def _get_dispatch_candidates(self, team=None):
        """Technicians of ``team`` (default: the job's crew) who could take
        the job, best first (helpdesk.ticket.team._get_dispatch_candidates)."""
        self.ensure_one()
        team = self.team_id if team is None else team
        return team._get_dispatch_candidates(self)

    def _auto_assign(self):
        """New jobs of crews that dispatch by themselves (automatic or pool)
        are dispatched at once (helpdesk.ticket.team._dispatch_new_job)."""
        for ticket in self.filtered(
            lambda t: (
                t.team_id.dispatch_mode in ("auto", "pool")
                and not t.user_id
                and not t.vendor_id
                and t.service_state == "new"
            )
        ):
            ticket.team_id._dispatch_new_job(ticket)

    def _dispatch(self, user=None, crew=None, vendor=None, pool=False):
        """Give the job to a technician (with a crew), an outsourced company,
        or the pool of its team, and tell the owner and the technician."""
        self.ensure_one()
        self._check_state(("new", "dispatched", "accepted"), self.env._("dispatched"))
        user = user or self.env["res.users"]
        crew = crew or self.env["res.users"]
        vals = {
            "user_id": user.id,
            "technician_ids": [Command.set(crew.ids)],
            "vendor_id": vendor.id if vendor else False,
            "in_pool": pool,
        }
        self.write(vals)
        if self.service_state != "dispatched":
            self._set_service_state("dispatched")
        followers = (user | crew).partner_id
        if vendor:
            followers |= vendor
        if followers:
            self.message_subscribe(partner_ids=followers.ids)
        if user or vendor:
            self.message_post(
                body=self.with_context(lang=self.company_id._pm_lang()).env._(
                    "Job dispatched to %s.", (user or vendor).name
                ),
                partner_ids=followers.ids,
                subtype_xmlid="mail.mt_note",
            )
            self._notify_owner("pm_aftersales.mail_template_ticket_dispatched")

    def action_open_dispatch(self):
        self.ensure_one()
        # The wizard is saved before it shows: the web client runs the
        # "Assign" button of a candidate row only once the row is saved.
        wizard = self.env["pm.dispatch.wizard"].create({"ticket_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dispatch %s", self.number),
            "res_model": "pm.dispatch.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_grab(self):
        """Take a job from the pool (抢单): the first technician wins, whatever
        the number of concurrent clicks."""
        self.ensure_one()
        # Read under the lock, not through the ORM: once a colleague has taken
        # the job, the others may no longer read it (not even its number).
        self.flush_recordset(["user_id", "in_pool"])
        number = self.sudo().number
        try:
            # a lost race is expected: not an error worth logging
            with self.env.cr.savepoint(flush=False), mute_logger("odoo.sql_db"):
                self.env.cr.execute(
                    SQL(
                        "SELECT user_id, in_pool FROM helpdesk_ticket WHERE id = %s "
                        "FOR NO KEY UPDATE NOWAIT",
                        self.id,
                    )
                )
                taken_by, in_pool = self.env.cr.fetchone()
        except (LockNotAvailable, SerializationFailure):
            raise UserError(
                self.env._("Another technician is taking job %s right now.", number)
            ) from None
        if taken_by:
            taker = self.env["res.users"].browse(taken_by).sudo().name
            raise UserError(self.env._("This job was already taken by %s.", taker))
        if not in_pool:
            raise UserError(self.env._("Job %s is not in the pool.", number))
        self.with_context(pm_dispatch_mode="pool").write(
            {"user_id": self.env.user.id, "in_pool": False}
        )
        self.message_subscribe(partner_ids=self.env.user.partner_id.ids)
        self._set_service_state("accepted")
        self._notify_owner("pm_aftersales.mail_template_ticket_dispatched")
        return True

    # ------------------------------------------------------------------
    # The technician's work
    # ------------------------------------------------------------------
    def _check_assigned_to_me(self, action):
        user = self.env.user
        for ticket in self:
            assigned = user in (ticket.user_id | ticket.technician_ids) or (
                ticket.vendor_id and user.commercial_partner_id == ticket.vendor_id
            )
            if not assigned:
                raise UserError(
                    self.env._(
                        "Job %(job)s is not assigned to you: only its technicians can %(action)s.",
                        job=ticket.number,
                        action=action,
                    )
                )

    def action_take_job(self):
        """The technician accepts the job (接单)."""
        self._check_assigned_to_me(self.env._("accept it"))
        self._check_state(("dispatched",), self.env._("accepted"))
        self._set_service_state("accepted")
        return True

    def action_check_in(self):
        """The technician arrives on site (到场)."""
        self._check_assigned_to_me(self.env._("check in"))
        self._check_state(("dispatched", "accepted"), self.env._("checked in"))
        self.checkin_date = fields.Datetime.now()
        self._set_service_state("on_site")
        return True

    def action_complete(self):
        """The technician has finished (完工): the owner is asked to accept."""
        self._check_assigned_to_me(self.env._("complete it"))
        self._check_state(("on_site",), self.env._("completed"))
        self._check_completion()
        self.done_date = fields.Datetime.now()
        self._set_service_state("done")
        for ticket in self:
            ticket._notify_owner("pm_aftersales.mail_template_ticket_done")
        return True

    def action_accept_work(self):
        self.ensure_one()
        self._check_state(("done",), self.env._("accepted"))
        return self._open_record_form(
            "pm.ticket.acceptance",
            self.env._("Accept the work"),
            default_result="accepted",
            default_partner_id=self.partner_id.id,
            default_signed_by=self.partner_id.name,
        )

    def action_reject_work(self):
        self.ensure_one()
        self._check_state(("done",), self.env._("rejected"))
        return self._open_record_form(
            "pm.ticket.acceptance",
            self.env._("Reject the work"),
            default_result="rejected",
            default_partner_id=self.partner_id.id,
        )

    def action_followup(self):
        self.ensure_one()
        self._check_state(("verified",), self.env._("followed up"))
        return self._open_record_form("pm.ticket.followup", self.env._("Follow-up visit"))

    def action_cancel_job(self):
        self._check_state(OPEN_SERVICE_STATES, self.env._("cancelled"))
        self._set_service_state("cancelled")
        return True

    def action_close_enquiry(self):
        """Close a job that needs no visit (an enquiry answered on the phone)."""
        for ticket in self:
            if ticket.ticket_type_id.needs_visit or ticket.is_complaint:
                raise UserError(
                    self.env._(
                        "Job %s needs a visit: it is closed by its follow-up.", ticket.number
                    )
                )
        self._check_state(OPEN_SERVICE_STATES, self.env._("closed"))
        self._set_service_state("closed")
        return True

    def _open_record_form(self, model, title, **defaults):
        context = dict(defaults, default_ticket_id=self.id)
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": context,
        }

    # ------------------------------------------------------------------
    # Acceptance, follow-up, complaints
    # ------------------------------------------------------------------
    def _on_work_accepted(self, acceptance):
        self.ensure_one()
        if self.ticket_type_id.needs_followup:
            self._set_service_state("verified")
        else:
            self._set_service_state("closed")

    def _on_work_rejected(self, acceptance):
        """Back to the technician for rework, with the owner's reason."""
        self.ensure_one()
        self._set_service_state("on_site")
        self.done_date = False
        # read by the crew, whoever rejected (the owner writes in their own
        # language): in the company's, as the other system notes
        self.message_post(
            body=self.with_context(lang=self.company_id._pm_lang()).env._(
                "Work rejected, back for rework: %s", acceptance.reason
            ),
            partner_ids=(self.user_id | self.technician_ids).partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    def _on_followup_done(self, followup):
        self.ensure_one()
        self._notify_owner("pm_aftersales.mail_template_ticket_followup")
        self._set_service_state("closed")

    # ------------------------------------------------------------------
    # E-mail channel
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg, custom_values=None):
        """A mail to the crew's alias: helpdesk_mgmt matches the sender to a
        contact by address; here the unit is guessed when the owner has only
        one, and an unknown sender's mail waits, untyped, in the assistants'
        "To sort" queue (nothing is lost)."""
        ticket = super().message_new(msg, custom_values=custom_values)
        ticket._complete_mail_intake()
        return ticket

    def _complete_mail_intake(self):
        email_channel = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        for ticket in self:
            vals = {}
            if not ticket.channel_id:
                vals["channel_id"] = email_channel.id
            units = (
                ticket.partner_id.pm_unit_ids | ticket.partner_id.commercial_partner_id.pm_unit_ids
            )
            if not ticket.unit_id and not ticket.public_area_id and len(units) == 1:
                vals["unit_id"] = units.id
            if vals:
                ticket.write(vals)
            if units:
                ticket._send_acknowledgement()

    # ------------------------------------------------------------------
    # Owner notifications (pm.owner.notification.mixin) and the mail queue
    # ------------------------------------------------------------------
    # The mail.thread overrides stay here: in the mixin, added after
    # helpdesk_mgmt's class, they would run before helpdesk_mgmt's own.
    def _send_acknowledgement(self):
        """Tell the owner the report is registered (受理)."""
        self._notify_owner("pm_aftersales.mail_template_ticket_accepted")

    def _notify_thread_by_email(self, message, recipients_data, **kwargs):
        # A job's mail never goes out inside the user's request, where a slow
        # mail server would hold the worker: the queue sends it right after.
        kwargs["force_send"] = False
        res = super()._notify_thread_by_email(message, recipients_data, **kwargs)
        if any(recipient["notif"] == "email" for recipient in recipients_data):
            self.env["mail.mail"]._pm_process_queue_soon()
        return res

    def _track_template(self, changes):
        # Stage mails (helpdesk_mgmt's "closed" one) go through the queue too.
        res = super()._track_template(changes)
        for template, post_kwargs in res.values():
            if template:
                post_kwargs["force_send"] = False
                self.env["mail.mail"]._pm_process_queue_soon()
        return res
