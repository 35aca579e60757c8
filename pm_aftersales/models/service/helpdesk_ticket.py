from markupsafe import Markup
from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, mute_logger, plaintext2html

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
# The milestone a state reaches; a state reaches the milestones of the states
# before it too (finishing a job means the technician came).
STATE_MILESTONE = {
    "accepted": "response",
    "on_site": "arrival",
    "done": "completion",
    "closed": "followup",
}
OPEN_SERVICE_STATES = ("new", "dispatched", "accepted", "on_site")


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "pm.state.guard.mixin"]
    _pm_state_field = "service_state"
    # The job's link (sent to the owner) opens its chatter only to whoever is
    # not logged in (models/pm_portal_token_guard.py).
    _pm_chatter_links = "visitors"

    # ------------------------------------------------------------------
    # What and where
    # ------------------------------------------------------------------
    ticket_type_id = fields.Many2one("pm.ticket.type", string="Type", tracking=True, index=True)
    is_complaint = fields.Boolean(related="ticket_type_id.is_complaint", store=True)
    needs_visit = fields.Boolean(related="ticket_type_id.needs_visit")
    trade_id = fields.Many2one(
        "pm.trade", compute="_compute_trade_id", store=True, readonly=False, index=True
    )
    unit_id = fields.Many2one("pm.unit", tracking=True, index=True, check_company=True)
    public_area_id = fields.Many2one(
        "pm.public.area", string="Public Area", tracking=True, index=True, check_company=True
    )
    building_id = fields.Many2one("pm.building", compute="_compute_place", store=True, index=True)
    estate_id = fields.Many2one("pm.estate", compute="_compute_place", store=True, index=True)
    in_warranty = fields.Boolean(
        compute="_compute_in_warranty",
        store=True,
        help="The unit was still under warranty for this trade when the job was reported.",
    )
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
    # Workflow and time limits
    # ------------------------------------------------------------------
    service_state = fields.Selection(
        related="stage_id.service_state", store=True, index=True, string="Service State"
    )
    sla_rule_id = fields.Many2one(
        "pm.sla.rule", string="Time-Limit Rule", readonly=True, groups="base.group_user"
    )
    milestone_ids = fields.One2many("pm.ticket.milestone", "ticket_id", string="Milestones")
    next_deadline = fields.Datetime(
        compute="_compute_next_deadline",
        store=True,
        index=True,
        help="Nearest deadline of the running time limits.",
    )
    sla_status = fields.Selection(
        selection=[
            ("none", "No Time Limit"),
            ("on_time", "On Time"),
            ("at_risk", "At Risk"),
            ("late", "Late"),
            ("paused", "Paused"),
        ],
        string="Time-Limit Status",
        compute="_compute_sla_status",
        # shown to whoever sees the job, milestones readable or not
        compute_sudo=True,
    )
    is_late = fields.Boolean(
        compute="_compute_sla_status", search="_search_is_late", compute_sudo=True
    )
    is_at_risk = fields.Boolean(
        compute="_compute_sla_status", search="_search_is_at_risk", compute_sudo=True
    )
    pause_ids = fields.One2many("pm.ticket.pause", "ticket_id", string="Pauses")
    is_paused = fields.Boolean(compute="_compute_is_paused", store=True, string="Waiting on Owner")
    delay_ids = fields.One2many("pm.ticket.delay", "ticket_id", string="Delays")
    delay_count = fields.Integer(compute="_compute_delay_count", store=True)
    escalation_level = fields.Integer(
        compute="_compute_escalation_level",
        store=True,
        string="Escalation Level",
        groups="base.group_user",  # internal follow-up: the owner sees the deadlines
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
    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Equipment",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        help="The lift, pump or other equipment of the estate this job is about.",
    )
    is_repair = fields.Boolean(related="ticket_type_id.is_repair")
    failure_cause_id = fields.Many2one(
        "pm.failure.cause",
        string="Failure Cause",
        tracking=True,
        index="btree_not_null",
        help="Why it broke: recorded by the technician when the repair is completed.",
    )
    maintenance_request_id = fields.Many2one(
        "maintenance.request",
        string="Maintenance Request",
        index="btree_not_null",
        copy=False,
        readonly=True,
        groups="base.group_user",
        help="The preventive maintenance whose failed check opened this job.",
    )
    # ------------------------------------------------------------------
    # Spare parts
    # ------------------------------------------------------------------
    part_ids = fields.One2many("pm.ticket.part", "ticket_id", string="Parts")
    pm_picking_ids = fields.One2many(
        "stock.picking",
        "pm_ticket_id",
        string="Parts Transfers",
        readonly=True,
        groups="stock.group_stock_user",
    )
    parts_state = fields.Selection(
        [
            ("none", "No Parts"),
            ("draft", "To Reserve"),
            ("waiting", "Waiting for Parts"),
            ("partial", "Parts Partly Available"),
            ("available", "Parts Available"),
            ("consumed", "Parts Consumed"),
        ],
        string="Parts Status",
        compute="_compute_parts_state",
        store=True,
        index=True,
        compute_sudo=True,
    )
    parts_expected_date = fields.Datetime(
        string="Parts Expected",
        compute="_compute_parts_info",
        compute_sudo=True,
        help="When the last missing part is expected in the store.",
    )
    parts_below_minimum = fields.Boolean(
        compute="_compute_parts_info",
        compute_sudo=True,
        groups="base.group_user",
        help="A part of this job brings its store below the reordering minimum.",
    )
    parts_cost = fields.Monetary(
        string="Parts Cost",
        compute="_compute_parts_cost",
        store=True,
        currency_field="pm_currency_id",
        compute_sudo=True,
        groups="base.group_user",  # what the company pays: internal
    )
    pm_currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
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
    # Complaints
    # ------------------------------------------------------------------
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

    _unit_or_area = models.Constraint(
        "CHECK(unit_id IS NULL OR public_area_id IS NULL)",
        "A job is about a unit or a public area, not both: clear one of them.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("category_id.trade_id")
    def _compute_trade_id(self):
        for ticket in self:
            if ticket.category_id.trade_id:
                ticket.trade_id = ticket.category_id.trade_id

    @api.depends(
        "unit_id.building_id",
        "public_area_id.building_id",
        "public_area_id.estate_id",
        "equipment_id.pm_building_id",
        "equipment_id.pm_estate_id",
    )
    def _compute_place(self):
        for ticket in self:
            place = ticket.unit_id or ticket.public_area_id
            if place:
                ticket.building_id = place.building_id
                ticket.estate_id = place.estate_id
            else:
                ticket.building_id = ticket.equipment_id.pm_building_id
                ticket.estate_id = ticket.equipment_id.pm_estate_id

    @api.depends("part_ids.state")
    def _compute_parts_state(self):
        for ticket in self:
            states = set(ticket.part_ids.mapped("state")) - {"cancelled"}
            open_states = states - {"consumed"}
            if not states:
                ticket.parts_state = "none"
            elif not open_states:
                ticket.parts_state = "consumed"
            elif "draft" in open_states:
                ticket.parts_state = "draft"
            elif open_states == {"available"}:
                ticket.parts_state = "available"
            elif open_states == {"waiting"}:
                ticket.parts_state = "waiting"
            else:
                ticket.parts_state = "partial"

    @api.depends("part_ids.expected_date", "part_ids.below_minimum")
    def _compute_parts_info(self):
        for ticket in self:
            dates = [d for d in ticket.part_ids.mapped("expected_date") if d]
            ticket.parts_expected_date = max(dates) if dates else False
            ticket.parts_below_minimum = any(ticket.part_ids.mapped("below_minimum"))

    @api.depends("part_ids.cost")
    def _compute_parts_cost(self):
        for ticket in self:
            ticket.parts_cost = sum(ticket.part_ids.mapped("cost"))

    @api.depends("unit_id.handover_date", "trade_id", "report_date")
    def _compute_in_warranty(self):
        for ticket in self:
            ticket.in_warranty = bool(
                ticket.unit_id
                and ticket.trade_id
                and ticket.unit_id.is_in_warranty(
                    ticket.trade_id, date=fields.Date.to_date(ticket.report_date)
                )
            )

    @api.depends("milestone_ids.state", "milestone_ids.deadline")
    def _compute_next_deadline(self):
        for ticket in self:
            deadlines = ticket.milestone_ids.filtered(lambda m: m.state == "running").mapped(
                "deadline"
            )
            ticket.next_deadline = min(deadlines) if deadlines else False

    @api.depends("milestone_ids.status", "is_paused")
    def _compute_sla_status(self):
        for ticket in self:
            statuses = set(ticket.milestone_ids.mapped("status"))
            if "late" in statuses:
                status = "late"
            elif "at_risk" in statuses:
                status = "at_risk"
            elif ticket.is_paused and "paused" in statuses:
                status = "paused"
            elif "running" in statuses:
                status = "on_time"
            else:
                status = "none"
            ticket.sla_status = status
            ticket.is_late = status == "late"
            ticket.is_at_risk = status == "at_risk"

    def _search_is_late(self, operator, value):
        if operator != "in":
            return NotImplemented
        # "any!": the filter works for whoever sees the job, milestones readable or not
        domain = Domain("milestone_ids", "any!", self.env["pm.ticket.milestone"]._get_late_domain())
        return domain if True in value else ~domain

    def _search_is_at_risk(self, operator, value):
        if operator != "in":
            return NotImplemented
        Milestone = self.env["pm.ticket.milestone"]
        domain = Domain("milestone_ids", "any!", Milestone._get_at_risk_domain()) & ~Domain(
            "milestone_ids", "any!", Milestone._get_late_domain()
        )
        return domain if True in value else ~domain

    @api.depends("pause_ids.date_end")
    def _compute_is_paused(self):
        for ticket in self:
            ticket.is_paused = any(not pause.date_end for pause in ticket.pause_ids)

    @api.depends("delay_ids")
    def _compute_delay_count(self):
        for ticket in self:
            ticket.delay_count = len(ticket.delay_ids)

    @api.depends("milestone_ids.escalation_level")
    def _compute_escalation_level(self):
        for ticket in self:
            ticket.escalation_level = max(ticket.milestone_ids.mapped("escalation_level") or [0])

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

    def _compute_complaint_count(self):
        counts = dict(
            self._read_group(
                [("origin_ticket_id", "in", self.ids)], ["origin_ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.complaint_count = counts.get(ticket, 0)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("public_area_id", "unit_id", "partner_id")
    def _check_place(self):
        for ticket in self:
            area = ticket.public_area_id
            if area and ticket.estate_id and area.estate_id != ticket.estate_id:
                raise ValidationError(
                    self.env._("The public area must belong to the job's estate.")
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.onchange("ticket_type_id")
    def _onchange_ticket_type_id(self):
        if self.ticket_type_id.default_priority:
            self.priority = self.ticket_type_id.default_priority

    @api.onchange("category_id")
    def _onchange_category_id_type(self):
        if self.category_id.ticket_type_id and not self.ticket_type_id:
            self.ticket_type_id = self.category_id.ticket_type_id

    @api.onchange("equipment_id")
    def _onchange_equipment_id(self):
        equipment = self.equipment_id
        if equipment and not (self.unit_id or self.public_area_id):
            self.unit_id = equipment.pm_unit_id
            self.public_area_id = equipment.pm_public_area_id

    @api.onchange("unit_id")
    def _onchange_unit_id(self):
        if self.unit_id and not self.partner_id and self.unit_id.owner_ids:
            self.partner_id = self.unit_id.owner_ids[0]
        if self.unit_id:
            self.public_area_id = False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prepare_service_vals(vals)
        tickets = super().create(vals_list)
        tickets._apply_sla_rules()
        tickets.filtered(lambda t: t.user_id or t.vendor_id)._log_assignment()
        tickets._auto_assign()
        return tickets

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
                [("pm_trade_ids", "in", category.trade_id.ids)], limit=1
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
        if {"ticket_type_id", "category_id", "priority", "team_id", "company_id"} & vals.keys():
            self._apply_sla_rules()
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

    # ------------------------------------------------------------------
    # Time limits
    # ------------------------------------------------------------------
    def _apply_sla_rules(self):
        """(Re)apply the matching rule: create the missing milestones, replace
        those the new rule defines otherwise; met or missed ones stay."""
        # Milestones are the job's bookkeeping: whoever may change the job
        # changes them, through these methods only.
        rules = self.env["pm.sla.rule"].sudo()._find_for_tickets(self)
        to_create, to_remove = [], self.env["pm.ticket.milestone"].sudo()
        for rule in set(rules.values()):
            self.filtered(lambda t, r=rule: rules[t] == r and t.sla_rule_id != r).sla_rule_id = rule
        for ticket in self:
            wanted = {line.milestone_type: line for line in rules[ticket].line_ids}
            existing = {m.milestone_type: m for m in ticket.sudo().milestone_ids}
            for mtype, milestone in existing.items():
                if milestone.state in ("met", "missed"):
                    wanted.pop(mtype, None)
                elif wanted.get(mtype) == milestone.rule_line_id:
                    wanted.pop(mtype)
                else:
                    to_remove |= milestone
            to_create += [ticket._prepare_milestone_vals(line) for line in wanted.values()]
        to_remove.unlink()
        return self.env["pm.ticket.milestone"].sudo().create(to_create)

    def _prepare_milestone_vals(self, line):
        self.ensure_one()
        vals = {
            "ticket_id": self.id,
            "rule_line_id": line.id,
            "milestone_type": line.milestone_type,
        }
        start = self._get_milestone_start(line.milestone_type)
        if start:
            deadline, at_risk = line._get_deadlines(start)
            vals.update(
                start_date=start, limit_deadline=deadline, at_risk_date=at_risk, state="running"
            )
        return vals

    def _get_milestone_start(self, milestone_type):
        """When the clock of a milestone starts: the report, or for the
        follow-up visit the owner's acceptance (None: not yet)."""
        self.ensure_one()
        if milestone_type == "followup":
            accepted = self.acceptance_ids.filtered(lambda a: a.result == "accepted")
            return accepted[:1].date if accepted else None
        return self.report_date

    def _on_service_state_change(self, old_states):
        now = self._now()
        for ticket in self:
            state = ticket.service_state
            milestones = ticket.sudo().milestone_ids
            if state == "cancelled":
                ticket._pm_cancel_parts()
                milestones._cancel()
                ticket.pause_ids.action_resume(now)
                continue
            reached = [
                mtype
                for st, mtype in STATE_MILESTONE.items()
                if state and STATE_ORDER[state] >= STATE_ORDER[st]
            ]
            milestones.filtered(lambda m, r=reached: m.milestone_type in r)._reach(now)
            if state == "done":
                ticket._pm_consume_parts()
            if state in ("verified", "closed"):
                ticket.pause_ids.action_resume(now)
            if state == "verified":
                milestones.filtered(
                    lambda m: m.milestone_type == "followup" and m.state == "pending"
                )._start(now)

    def _now(self):
        """The time events happen: now, or ``pm_now`` in the context when
        history is replayed (imports, demo data)."""
        return fields.Datetime.now()

    def _get_stage(self, state):
        self.ensure_one()
        stage = self.env["helpdesk.ticket.stage"].search(
            [
                ("service_state", "=", state),
                "|",
                ("team_ids", "=", False),
                ("team_ids", "in", self.team_id.ids),
            ],
            limit=1,
        )
        if not stage:
            label = dict(SERVICE_STATES)[state]
            raise UserError(
                self.env._(
                    "No stage is configured for the service state “%s”: add one in the "
                    "helpdesk stages.",
                    label,
                )
            )
        return stage

    def _set_service_state(self, state):
        for ticket in self:
            if ticket.service_state != state:
                ticket.stage_id = ticket._get_stage(state)

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
        """Technicians who could take the job, best first: skilled in its trade,
        on duty now, least open work. A few grouped queries for all of them."""
        self.ensure_one()
        team = self.team_id if team is None else team
        users = team.user_ids or self.env["res.users"].search(
            [
                ("all_group_ids", "in", self.env.ref("pm_aftersales.group_pm_technician").ids),
                ("company_ids", "in", self.company_id.ids),
            ]
        )
        users = users.filtered(lambda u: not u.share)
        employees = self.env["hr.employee"].search(
            [("user_id", "in", users.ids), ("company_id", "=", self.company_id.id)]
        )
        employee_of = {employee.user_id: employee for employee in employees}
        workload = dict(
            self._read_group(
                [("user_id", "in", users.ids), ("service_state", "in", OPEN_SERVICE_STATES)],
                ["user_id"],
                ["__count"],
            )
        )
        on_duty = employees._pm_get_on_duty(self._now())
        candidates = []
        for user in users:
            employee = employee_of.get(user)
            candidates.append(
                {
                    "user": user,
                    "employee": employee,
                    "skilled": bool(
                        not self.trade_id or (employee and self.trade_id in employee.pm_trade_ids)
                    ),
                    "on_duty": bool(employee and employee in on_duty),
                    "workload": workload.get(user, 0),
                }
            )
        candidates.sort(
            key=lambda c: (not c["skilled"], not c["on_duty"], c["workload"], c["user"].name)
        )
        return candidates

    def _auto_assign(self):
        """New jobs of crews in automatic dispatch go to the least loaded
        skilled technician on duty; those of crews working from a pool go
        to the pool, where the first technician to grab one takes it."""
        for ticket in self.filtered(
            lambda t: (
                t.team_id.pm_dispatch_mode in ("auto", "pool")
                and not t.user_id
                and not t.vendor_id
                and t.service_state == "new"
            )
        ):
            if ticket.team_id.pm_dispatch_mode == "pool":
                ticket.with_context(pm_dispatch_mode="pool")._dispatch(pool=True)
                continue
            best = next(
                (c for c in ticket._get_dispatch_candidates() if c["skilled"] and c["on_duty"]),
                None,
            )
            if best:
                ticket.with_context(pm_dispatch_mode="auto")._dispatch(best["user"])

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
        self.checkin_date = self._now()
        self._set_service_state("on_site")
        return True

    def action_complete(self):
        """The technician has finished (完工): the owner is asked to accept."""
        self._check_assigned_to_me(self.env._("complete it"))
        self._check_state(("on_site",), self.env._("completed"))
        self._pm_check_completion()
        self.done_date = self._now()
        self._set_service_state("done")
        for ticket in self:
            ticket._notify_owner("pm_aftersales.mail_template_ticket_done")
        return True

    def action_pause(self):
        self.ensure_one()
        return self._open_record_form("pm.ticket.pause", self.env._("Wait for the owner"))

    def action_resume(self):
        self.pause_ids.action_resume()
        return True

    def action_delay(self):
        self.ensure_one()
        open_milestones = self.milestone_ids.filtered(lambda m: m.state in ("running", "paused"))
        return self._open_record_form(
            "pm.ticket.delay",
            self.env._("Delay"),
            default_milestone_id=open_milestones.sorted("deadline")[:1].id,
        )

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
    # Spare parts
    # ------------------------------------------------------------------
    def _pm_get_parts_location(self):
        """Default store of this job's parts: its estate's spare-parts
        warehouse, else the company's first warehouse."""
        self.ensure_one()
        warehouse = self.estate_id.warehouse_id or self.env["stock.warehouse"].sudo().search(
            [("company_id", "=", self.company_id.id or self.env.company.id)], limit=1
        )
        return warehouse.lot_stock_id

    def _pm_check_parts_access(self):
        """Stock moves are made as superuser for whoever may change the job."""
        self.check_access("write")
        self.part_ids.check_access("write")

    def _prepare_parts_picking_vals(self, warehouse, location):
        self.ensure_one()
        picking_type = warehouse.pm_consumption_type_id
        if not picking_type:
            raise UserError(
                self.env._(
                    "Warehouse %s has no repair consumption operation type: ask a stock "
                    "manager to set it on the warehouse.",
                    warehouse.name,
                )
            )
        return {
            "picking_type_id": picking_type.id,
            "location_id": location.id,
            "location_dest_id": picking_type.default_location_dest_id.id
            or warehouse._pm_get_consumption_location().id,
            "partner_id": self.partner_id.id,
            "origin": self.number,
            "pm_ticket_id": self.id,
            "company_id": self.company_id.id,
            "scheduled_date": self.appointment_date or fields.Datetime.now(),
        }

    def _pm_reserve_parts(self, lines):
        """Create and reserve the stock moves of ``lines`` (lines of these
        jobs without a move): one transfer per job and store."""
        lines = lines.filtered(lambda line: not line.move_id or line.state == "cancelled")
        if not lines:
            return self.env["stock.picking"]
        Picking = self.env["stock.picking"].sudo()
        picking_vals, groups = [], []
        for (ticket, location), group in lines.grouped(
            lambda line: (line.ticket_id, line.location_id)
        ).items():
            warehouse = location.warehouse_id
            if not warehouse:
                raise UserError(
                    self.env._(
                        "%s belongs to no warehouse: parts can only be reserved from a "
                        "warehouse location.",
                        location.display_name,
                    )
                )
            picking_vals.append(ticket._prepare_parts_picking_vals(warehouse, location))
            groups.append(group)
        pickings = Picking.create(picking_vals)
        move_vals = [
            line._prepare_move_vals(picking)
            for picking, group in zip(pickings, groups, strict=True)
            for line in group
        ]
        moves = self.env["stock.move"].sudo().create(move_vals)
        for line, move in zip([line for group in groups for line in group], moves, strict=True):
            line.sudo().move_id = move
        pickings.action_confirm()
        pickings.action_assign()
        return pickings

    def action_confirm_parts(self):
        """Reserve the parts list in the store (领料预留)."""
        self._pm_check_parts_access()
        lines = self.part_ids.filtered(lambda line: line.state in ("draft", "cancelled"))
        if not lines:
            raise UserError(self.env._("There is no part to reserve on this job."))
        self._pm_reserve_parts(lines)
        return True

    def action_check_parts_availability(self):
        """Try again to reserve what was missing."""
        self._pm_check_parts_access()
        self.sudo().pm_picking_ids.filtered(
            lambda p: p.state in ("confirmed", "waiting", "assigned")
        ).action_assign()
        return True

    def _pm_consume_parts(self):
        """At completion: take out of the store what was used and release the
        rest of the reservation. Whoever may complete the job may do this:
        the stock operations are made as superuser."""
        lines = self.sudo().part_ids.filtered(lambda line: line.state != "consumed")
        # Parts used without being reserved first (taken on the spot).
        self._pm_reserve_parts(
            lines.filtered(lambda line: line.state in ("draft", "cancelled") and line.quantity_used)
        )
        unused = lines.filtered(lambda line: line.state == "draft" and not line.quantity_used)
        for ticket, group in unused.grouped("ticket_id").items():
            ticket.message_post(
                body=self.env._(
                    "Listed but not used, removed from the parts: %s",
                    ", ".join(group.product_id.mapped("display_name")),
                )
            )
        unused.unlink()
        lines = (lines - unused).filtered(
            lambda line: line.move_id and line.move_id.state not in ("done", "cancel")
        )
        if not lines:
            return
        for line in lines:
            line.move_id.quantity = line.quantity_used
            line.move_id.picked = True
        # Parts used on a job are not a delivery: no "your order is
        # delivered" SMS to the owner (stock_sms).
        lines.move_id.picking_id.with_context(cancel_backorder=True, skip_sms=True)._action_done()
        for line in lines.filtered(lambda line: line.state == "consumed"):
            line.write(line._prepare_consumed_vals())

    def _pm_cancel_parts(self):
        """The job is cancelled: give the reserved parts back to the store."""
        moves = self.sudo().part_ids.move_id.filtered(lambda m: m.state not in ("done", "cancel"))
        moves._action_cancel()

    def action_view_parts_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("pm_ticket_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def _pm_check_completion(self):
        """What a technician must record before a job counts as done."""
        for ticket in self:
            if not (ticket.work_done or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the work done on job %s before completing it.", ticket.number
                    )
                )
            if ticket.is_repair and not ticket.failure_cause_id:
                raise UserError(
                    self.env._(
                        "Give the failure cause of job %s before completing it: it feeds the "
                        "failure analysis.",
                        ticket.number,
                    )
                )

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
        self.message_post(
            body=self.env._("Work rejected, back for rework: %s", acceptance.reason),
            partner_ids=(self.user_id | self.technician_ids).partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    def _on_followup_done(self, followup):
        self.ensure_one()
        self._notify_owner("pm_aftersales.mail_template_ticket_followup")
        self._set_service_state("closed")

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

    def _prepare_followup_complaint_vals(self, followup):
        self.ensure_one()
        complaint_type = self.env.ref("pm_aftersales.pm_ticket_type_complaint")
        category = self.env.ref(
            "pm_aftersales.helpdesk_category_complaint_quality", raise_if_not_found=False
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
        self.answered_date = self._now()
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
        ticket._pm_complete_mail_intake()
        return ticket

    def _pm_complete_mail_intake(self):
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
    # Owner notifications
    # ------------------------------------------------------------------
    notice_undelivered = fields.Boolean(
        string="Notice Not Delivered",
        compute="_compute_notice_undelivered",
        search="_search_notice_undelivered",
        groups="base.group_user",
        help="A mail of this job did not reach its recipient: the address is wrong, "
        "or the mail server failed and the mail waits for its next attempt.",
    )

    def _compute_notice_undelivered(self):
        undelivered = self.with_context(active_test=False).search(
            [("id", "in", self.ids), ("notice_undelivered", "=", True)]
        )
        for ticket in self:
            ticket.notice_undelivered = ticket in undelivered

    @api.model
    def _search_notice_undelivered(self, operator, value):
        # Odoo's message_has_error only tells each message's author; the
        # assistants must see every job whose owner was not told.
        if operator != "in":
            return NotImplemented
        failed = (
            self.env["mail.message"]
            .sudo()
            ._search(
                [
                    ("model", "=", self._name),
                    ("message_type", "!=", "user_notification"),
                    ("notification_ids.notification_status", "in", ("exception", "bounce")),
                ]
            )
        )
        return [("id", "in", failed.subselect("res_id"))]

    def _notify_owner(self, template_xmlid):
        """Send the owner one of the job's messages (mail in the owner's
        language, kept in the chatter so the portal shows it)."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        for ticket in self.filtered("partner_id"):
            if template:
                ticket.message_post_with_source(
                    template,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    # The owner is told even of what they did themselves
                    # (a report on the portal): Odoo skips the author.
                    notify_author_mention=True,
                )

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
