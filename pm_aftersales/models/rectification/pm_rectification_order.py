from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import plaintext2html

ORDER_STATES = [
    ("draft", "Draft"),
    ("verified", "Verified"),
    ("assigned", "Assigned"),
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Awaiting Acceptance"),
    ("accepted", "Accepted"),
    ("closed", "Closed"),
]
# Orders the owner hears about every day and that can run late.
OPEN_STATES = ("verified", "assigned", "planned", "in_progress", "done", "accepted")
LATE_STATES = ("verified", "assigned", "planned", "in_progress")
PARTIES = [
    ("developer", "Developer"),
    ("contractor", "Contractor"),
    ("property", "Property Company"),
    ("owner", "Owner"),
]


class PmRectificationOrder(models.Model):
    """Rectification order (整改单) or work-contact sheet (工作联系单): the
    verified defects of one unit and trade, for one contractor crew, fixed
    under the property company's watch and accepted on site by four parties.
    """

    _name = "pm.rectification.order"
    _description = "Rectification Order"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "pm.state.guard.mixin",
        "pm.rectification.budget.mixin",
        "pm.escalation.mixin",
    ]
    _order = "order_date desc, id desc"
    _check_company_auto = True
    # Its page asks for a login and the record rules decide: its links
    # (portal.mixin's) open no chatter either (models/pm_portal_token_guard.py).
    _pm_chatter_links = "none"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    kind = fields.Selection(
        [("order", "Rectification Order"), ("contact", "Work Contact Sheet")],
        required=True,
        default="order",
    )
    state = fields.Selection(
        ORDER_STATES,
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,  # every column of the kanban, in the workflow's order
    )
    color = fields.Integer()
    # ------------------------------------------------------------------
    # What and where
    # ------------------------------------------------------------------
    unit_id = fields.Many2one(
        "pm.unit", required=True, index=True, check_company=True, tracking=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    owner_ids = fields.Many2many(related="unit_id.owner_ids", string="Owners")
    trade_id = fields.Many2one("pm.trade", required=True, index=True, tracking=True)
    defect_ids = fields.One2many("pm.defect", "order_id", string="Defects")
    defect_count = fields.Integer(compute="_compute_defect_count")
    defect_summary = fields.Char(
        string="Defect Summary",
        compute="_compute_defect_summary",
        help="The first defects of the order, for its card.",
    )
    # ------------------------------------------------------------------
    # Who
    # ------------------------------------------------------------------
    developer_id = fields.Many2one(
        "res.partner",
        string="Developer",
        domain="[('pm_party_type', '=', 'developer')]",
        compute="_compute_developer_id",
        store=True,
        readonly=False,
        tracking=True,
        index="btree_not_null",
    )
    contractor_id = fields.Many2one(
        "res.partner",
        string="Contractor",
        domain="[('pm_party_type', '=', 'contractor')]",
        tracking=True,
        index="btree_not_null",
    )
    crew_id = fields.Many2one(
        "res.partner",
        string="Crew",
        domain="[('parent_id', '=', contractor_id)]",
        help="The contractor's crew (土建, 水电, 防盗门...) doing the work.",
    )
    responsible_party = fields.Selection(
        PARTIES[:3],
        string="Responsible Party",
        default="contractor",
        tracking=True,
        help="Who pays for and does the rectification.",
    )
    department = fields.Char(string="Responsible Department", tracking=True)
    handler = fields.Char(string="Handler", tracking=True, help="承办人: who carries it out.")
    handler_phone = fields.Char()
    # The staff who follow the order, its budget and its escalations are
    # internal: the owner and the parties see the department and the handler.
    assistant_id = fields.Many2one(
        "res.users",
        string="Handled By",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        groups="base.group_user",
        help="The customer-service assistant who follows the order (直接办理人).",
    )
    supervisor_id = fields.Many2one(
        "res.users",
        string="Supervisor",
        compute="_compute_people",
        store=True,
        readonly=False,
        domain="[('share', '=', False)]",
        tracking=True,
        groups="base.group_user",
        help="The customer-service supervisor who answers for the follow-up.",
    )
    rect_owner_id = fields.Many2one(
        "res.users",
        string="Rectification Owner",
        compute="_compute_people",
        store=True,
        readonly=False,
        domain="[('share', '=', False)]",
        tracking=True,
        groups="base.group_user",
        help="整改负责人: signs the opinion, receives the escalations.",
    )
    # ------------------------------------------------------------------
    # Opinion, plan, budget
    # ------------------------------------------------------------------
    order_date = fields.Date(
        string="Order Date", required=True, default=fields.Date.context_today, tracking=True
    )
    deadline = fields.Date(tracking=True, index=True)
    opinion = fields.Text(string="Rectification Opinion")
    opinion_signature = fields.Binary(string="Opinion Signature", copy=False, attachment=True)
    opinion_signed_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, groups="base.group_user"
    )
    opinion_date = fields.Datetime(string="Opinion Signed On", readonly=True, copy=False)
    plan = fields.Html(string="Rectification Plan")
    currency_id = fields.Many2one(related="company_id.currency_id")
    # ------------------------------------------------------------------
    # Progress and acceptance
    # ------------------------------------------------------------------
    progress_ids = fields.One2many("pm.rectification.progress", "order_id", string="Progress")
    progress = fields.Integer(
        string="Progress (%)", compute="_compute_progress", store=True, aggregator="avg"
    )
    last_progress_date = fields.Date(compute="_compute_progress", store=True)
    last_progress_note = fields.Text(compute="_compute_progress", store=True)
    done_date = fields.Date(readonly=True, copy=False)
    acceptance_round = fields.Integer(default=1, readonly=True, copy=False)
    signature_ids = fields.One2many(
        "pm.rectification.signature", "order_id", string="Acceptance Signatures"
    )
    current_signature_ids = fields.One2many(
        "pm.rectification.signature",
        compute="_compute_current_signatures",
        string="Signatures of This Round",
    )
    signed_parties = fields.Char(compute="_compute_current_signatures")
    accepted_date = fields.Datetime(readonly=True, copy=False)
    # ------------------------------------------------------------------
    # Follow-up
    # ------------------------------------------------------------------
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    overdue_label = fields.Char(string="Days Overdue", compute="_compute_overdue_label")
    escalation_level = fields.Integer(
        readonly=True, copy=False, index=True, groups="base.group_user"
    )
    next_escalation_date = fields.Datetime(readonly=True, groups="base.group_user")
    escalation_reason = fields.Selection(
        [("overdue", "Past the Deadline"), ("rejected", "Rejected at Acceptance")],
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    last_escalation_date = fields.Datetime(readonly=True, copy=False, groups="base.group_user")
    inspection_requested = fields.Datetime(
        string="Inspection Requested On",
        readonly=True,
        copy=False,
        help="When the owner last asked for an on-site inspection (现场查验).",
    )
    notice_ids = fields.Many2many(
        "pm.rectification.notice",
        "pm_rectification_notice_order_rel",
        "order_id",
        "notice_id",
        string="Daily Notices",
        readonly=True,
    )

    _deadline_after_order = models.Constraint(
        "CHECK(deadline IS NULL OR deadline >= order_date)",
        "The deadline cannot be before the order date: give a later deadline.",
    )
    _budget_not_negative = models.Constraint(
        "CHECK(budget_amount IS NULL OR budget_amount >= 0)",
        "The cost budget cannot be negative.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("unit_id")
    def _compute_company_id(self):
        for order in self:
            order.company_id = order.unit_id.company_id or order.company_id or self.env.company

    @api.depends("estate_id")
    def _compute_developer_id(self):
        for order in self:
            if not order.developer_id:
                order.developer_id = order.estate_id.developer_id

    @api.depends("estate_id")
    def _compute_people(self):
        for order in self:
            order.supervisor_id = order.supervisor_id or order.estate_id.cs_supervisor_id
            order.rect_owner_id = order.rect_owner_id or order.estate_id.manager_id

    @api.depends("defect_ids")
    def _compute_defect_count(self):
        for order in self:
            order.defect_count = len(order.defect_ids)

    @api.depends("defect_ids.name", "defect_ids.location")
    @api.depends_context("lang")
    def _compute_defect_summary(self):
        self.defect_ids.fetch(["name", "location", "order_id"])
        for order in self:
            order.defect_summary = order._get_defect_summary()

    def _get_defect_summary(self, limit=2):
        """The first ``limit`` defects ("name (where)"), and how many more."""
        self.ensure_one()
        defects = self.defect_ids.sorted("id")
        names = [
            self.env._("%(defect)s (%(place)s)", defect=defect.name, place=defect.location)
            if defect.location
            else defect.name
            for defect in defects[:limit]
        ]
        summary = "; ".join(names)
        if len(defects) > limit:
            summary = self.env._(
                "%(defects)s, +%(count)s more", defects=summary, count=len(defects) - limit
            )
        return summary

    @api.depends("deadline", "state")
    @api.depends_context("lang")
    def _compute_overdue_label(self):
        for order in self:
            order.overdue_label = order._get_overdue_label()

    def _get_overdue_days(self):
        """Days past the deadline of an open order, 0 when not overdue."""
        self.ensure_one()
        if not self.is_overdue:
            return 0
        return (fields.Date.context_today(self) - self.deadline).days

    def _get_overdue_label(self):
        """ "Overdue by N days" in the reader's language, empty when not overdue."""
        days = self._get_overdue_days()
        return self.env._("Overdue by %(days)s days", days=days) if days else ""

    @api.depends("progress_ids.percent", "progress_ids.date", "progress_ids.description")
    def _compute_progress(self):
        for order in self:
            last = order.progress_ids.sorted(lambda p: (p.date, p.id))[-1:]
            order.progress = last.percent
            order.last_progress_date = last.date
            order.last_progress_note = last.description

    @api.depends("signature_ids", "acceptance_round")
    @api.depends_context("lang")
    def _compute_current_signatures(self):
        # Not stored: labelled in the reader's language.
        labels = self._get_party_labels()
        for order in self:
            current = order.signature_ids.filtered(lambda s, o=order: s.round == o.acceptance_round)
            order.current_signature_ids = current
            order.signed_parties = ", ".join(labels[s.party] for s in current)

    def _get_party_labels(self):
        """{party code: its label in the language of the context}."""
        return dict(
            self.env["pm.rectification.signature"]._fields["party"]._description_selection(self.env)
        )

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for order in self:
            order.is_overdue = bool(
                order.deadline and order.state in LATE_STATES and order.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = Domain("state", "in", LATE_STATES) & Domain(
            "deadline", "<", fields.Date.context_today(self)
        )
        return domain if (operator == "=") == value else ~domain

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("pm.rectification.order") or "/"
        orders = super().create(vals_list)
        orders.defect_ids.filtered(lambda d: d.state == "verified").state = "ordered"
        return orders

    def _compute_access_url(self):
        super()._compute_access_url()
        for order in self:
            order.access_url = f"/my/rectifications/{order.id}"

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Rectification Order %s", self.name)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _get_state_error_message(self, state_label, action):
        return self.env._(
            "Order %(order)s is “%(state)s”: it cannot be %(action)s now.",
            order=self.name,
            state=state_label,
            action=action,
        )

    def _check_group(self, xmlid, role):
        if not self.env.user.has_group(xmlid):
            raise UserError(self.env._("Only a %s can do this.", role))

    def action_verify(self):
        """The supervisor confirms on site what the order lists (现场查验确认)."""
        self._check_group(
            "pm_aftersales.group_pm_cs_supervisor", self.env._("customer-service supervisor")
        )
        self._check_state(("draft",), self.env._("verified"))
        for order in self:
            if not order.defect_ids:
                raise UserError(self.env._("Order %s lists no defect.", order.name))
        self.defect_ids.filtered(lambda d: d.state == "reported").action_verify()
        self.defect_ids.filtered(lambda d: d.state == "verified").state = "ordered"
        self.state = "verified"
        return True

    def action_sign_opinion(self):
        """The rectification owner signs the opinion (签署整改意见): department,
        handler and deadline."""
        self._check_state(("verified",), self.env._("assigned"))
        for order in self:
            if self.env.user != order.rect_owner_id and not self.env.user.has_group(
                "pm_aftersales.group_pm_manager"
            ):
                raise UserError(
                    self.env._(
                        "Only the rectification owner of %(order)s (%(owner)s) signs its opinion.",
                        order=order.name,
                        owner=order.rect_owner_id.name or "-",
                    )
                )
            missing = [
                label
                for field, label in (
                    ("department", self.env._("responsible department")),
                    ("handler", self.env._("handler")),
                    ("deadline", self.env._("deadline")),
                    ("opinion", self.env._("opinion")),
                    ("opinion_signature", self.env._("signature")),
                )
                if not order[field]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Fill in the %(missing)s of %(order)s before signing the opinion.",
                        missing=", ".join(missing),
                        order=order.name,
                    )
                )
        self.write(
            {
                "state": "assigned",
                "opinion_signed_by_id": self.env.user.id,
                "opinion_date": fields.Datetime.now(),
            }
        )
        return True

    def action_start(self):
        self._check_state(("planned",), self.env._("started"))
        self.state = "in_progress"
        return True

    def action_done(self):
        """The contractor reports the work finished: acceptance on site."""
        self._check_state(("in_progress",), self.env._("finished"))
        for order in self:
            if not order.progress_ids:
                raise UserError(
                    self.env._("Record the work done on %s in its progress first.", order.name)
                )
        self.write({"state": "done", "done_date": fields.Date.context_today(self)})
        return True

    def action_close(self):
        self._check_state(("accepted",), self.env._("closed"))
        self.state = "closed"
        self.defect_ids.state = "fixed"
        return True

    def _on_signature(self, signature):
        """A party signed: any rejection sends the order back to work; all
        four acceptances accept it."""
        self.ensure_one()
        if signature.result == "rejected":
            self.write({"state": "in_progress", "acceptance_round": self.acceptance_round + 1})
            # Read by everyone on the order: in the company's language.
            order = self.with_context(lang=self.company_id._pm_lang())
            self.message_post(
                body=order.env._(
                    "Acceptance rejected by the %(party)s (%(name)s): %(comment)s",
                    party=order._get_party_labels()[signature.party],
                    name=signature.signed_by,
                    comment=signature.comment,
                )
            )
            self._escalate(reason="rejected")
            return
        accepted = self.current_signature_ids.filtered(lambda s: s.result == "accepted")
        if set(accepted.mapped("party")) == {code for code, _label in PARTIES}:
            self.write({"state": "accepted", "accepted_date": fields.Datetime.now()})

    def action_request_inspection(self, note=None):
        """The owner asks to inspect the work on site (现场查验)."""
        for order in self:
            order.inspection_requested = fields.Datetime.now()
            user = order.assistant_id or order.supervisor_id or self.env.user
            # The to-do in its assignee's language, the note in the company's.
            company = order.company_id
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.with_context(lang=company._pm_lang(user)).env._(
                    "The owner asks for an on-site inspection"
                ),
                # The owner's note is text, never markup in the assistant's to-do.
                note=plaintext2html(note) if note else "",
            )
            order.message_post(
                body=self.with_context(lang=company._pm_lang()).env._(
                    "The owner asks for an on-site inspection: %s", note or "-"
                )
            )
        return True

    def action_record_signature(self):
        """Record a party's signature in the backend: property staff, or the
        owner, developer or contractor on a staff member's tablet."""
        self.ensure_one()
        self._check_state(("done",), self.env._("signed"))
        missing = [
            code
            for code, _label in PARTIES
            if code not in self.current_signature_ids.mapped("party")
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Acceptance signature"),
            "res_model": "pm.rectification.signature",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_order_id": self.id,
                "default_party": missing[0] if missing else "property",
                "default_signed_by": self.env.user.name if missing[:1] == ["property"] else "",
            },
        }

    def action_print(self):
        return self.env.ref("pm_aftersales.action_report_rectification_order").report_action(self)

    def action_view_notices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pm_aftersales.pm_rectification_notice_action"
        )
        action["domain"] = [("id", "in", self.notice_ids.ids)]
        return action

    # ------------------------------------------------------------------
    # Escalation (the engine's hooks: pm.escalation.mixin)
    # ------------------------------------------------------------------
    # Overdue orders go up the company's ladder from the day after the
    # deadline, one level after each level's delay while still open and late;
    # an order rejected at acceptance is escalated at once and follows the
    # same ladder.
    @api.depends(
        "state",
        "deadline",
        "escalation_level",
        "escalation_reason",
        "last_escalation_date",
        "company_id.pm_rectification_escalation_ids.level",
        "company_id.pm_rectification_escalation_ids.delay_days",
    )
    def _compute_next_escalation_date(self):
        return super()._compute_next_escalation_date()

    def _get_escalation_levels(self):
        return self.company_id.pm_rectification_escalation_ids

    def _is_escalation_open(self):
        self.ensure_one()
        return self.state in LATE_STATES

    def _escalation_requires_recipient(self):
        return True

    def _get_escalation_message_type(self):
        return "notification"

    @api.model
    def _get_escalation_due_domain(self, now):
        return Domain("state", "in", LATE_STATES) & super()._get_escalation_due_domain(now)

    def _get_overdue_from(self):
        """The start of the day after the deadline on the company's clock
        (naive UTC; False without a deadline)."""
        self.ensure_one()
        if not self.deadline:
            return False
        return self.company_id._pm_utc_bounds(self.deadline, self.deadline)[1]

    def _get_escalation_target(self, level):
        """The person escalated to at ``level`` (a number) of the company's
        ladder; empty when the ladder has no such level or nobody holds it."""
        self.ensure_one()
        rung = self._get_escalation_levels().filtered(lambda lvl: lvl.level == level)[:1]
        return rung._get_recipient(self) if rung else self.env["res.users"]

    def _escalate(self, reason="overdue", **kwargs):
        """Escalate these orders one level now, once per level, in a batch
        (see pm.escalation.mixin): an activity for the person of that level
        and a note in the chatter, both in that person's language (else the
        company's). With nobody at the level, the ladder ends there."""
        return super()._escalate(reason=reason, **kwargs)

    def _prepare_escalation_message(self, level, user, reason="overdue", **kwargs):
        self.ensure_one()
        env = self.env
        summary = (
            env._("Rectification past its deadline")
            if reason == "overdue"
            else env._("Rectification rejected at acceptance")
        )
        body = env._(
            "Escalated to %(user)s (level %(level)s): %(summary)s",
            user=user.name,
            level=level.level,
            summary=summary,
        )
        return {"summary": summary, "body": body, "note": ""}

    def _prepare_escalation_vals(self, level, reason="overdue", **kwargs):
        return dict(
            super()._prepare_escalation_vals(level, **kwargs),
            escalation_reason=reason,
            last_escalation_date=fields.Datetime.now(),
        )

    # ------------------------------------------------------------------
    # Daily notices
    # ------------------------------------------------------------------
    @api.model
    def _cron_daily_notices(self):
        return self.env["pm.rectification.notice"]._send_daily_notices()

    def _get_report_signatures(self):
        """[(party label, its signature of the current round or empty)] in
        the order the paper lists them."""
        self.ensure_one()
        labels = dict(self._fields["responsible_party"]._description_selection(self.env))
        labels.update(
            dict(
                self.env["pm.rectification.signature"]
                ._fields["party"]
                ._description_selection(self.env)
            )
        )
        by_party = {s.party: s for s in self.current_signature_ids}
        empty = self.env["pm.rectification.signature"]
        return [(labels[code], by_party.get(code, empty)) for code, _label in PARTIES]
