from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

KINDS = [
    ("praise", "Praise"),
    ("bonus", "Bonus"),
    ("warning", "Warning"),
    ("fine", "Fine"),
    ("dismissal", "Dismissal Recommendation"),
]
# Seen by managers and HR only.
RESTRICTED_KINDS = ("fine", "dismissal")
WITH_AMOUNT = ("bonus", "fine")


class PmRewardPenalty(models.Model):
    """A reward or a penalty (奖惩) with its evidence — jobs, complaints, the
    scorecard — and the manager's decision. The system may suggest one from
    the scheme's thresholds; a person always decides."""

    _name = "pm.reward.penalty"
    _description = "Reward or Penalty"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True, tracking=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    kind = fields.Selection(KINDS, required=True, tracking=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    reason = fields.Text(required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(tracking=True)
    scorecard_id = fields.Many2one("pm.scorecard", string="Scorecard", index="btree_not_null")
    team_id = fields.Many2one(related="scorecard_id.team_id", store=True)
    ticket_ids = fields.Many2many(
        "helpdesk.ticket", string="Jobs and Complaints", help="The evidence."
    )
    suggested = fields.Boolean(
        readonly=True, help="Suggested by the system from the scheme's thresholds."
    )
    state = fields.Selection(
        [
            ("draft", "To Submit"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
    )
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    decided_date = fields.Datetime(string="Decided On", readonly=True)
    refuse_reason = fields.Text()

    _amount_not_negative = models.Constraint("CHECK(amount >= 0)", "An amount is not negative.")

    @api.depends("kind", "employee_id.name", "company_id")
    def _compute_name(self):
        # Stored and read by many: in the company's language, whoever writes.
        for company, records in self.grouped("company_id").items():
            env = self.with_context(lang=(company or self.env.company)._pm_lang()).env
            labels = dict(self._fields["kind"]._description_selection(env))
            for record in records:
                record.name = (
                    f"{labels.get(record.kind, '')} {record.employee_id.name or ''}".strip()
                )

    @api.constrains("kind", "amount")
    def _check_amount(self):
        for record in self:
            if record.kind in WITH_AMOUNT and record.state != "draft" and record.amount <= 0:
                raise ValidationError(self.env._("A bonus or a fine needs an amount."))
            if record.kind not in WITH_AMOUNT and record.amount:
                raise ValidationError(self.env._("Only a bonus or a fine carries an amount."))

    @api.model_create_multi
    def create(self, vals_list):
        if not self._may_handle_restricted():
            for vals in vals_list:
                if vals.get("kind") in RESTRICTED_KINDS:
                    raise UserError(self.env._("Only managers and HR record fines and dismissals."))
        return super().create(vals_list)

    def _may_handle_restricted(self):
        user = self.env.user
        return (
            self.env.su
            or user.has_group("pm_aftersales.group_pm_manager")
            or user.has_group("hr.group_hr_user")
        )

    def action_submit(self):
        for record in self:
            if record.state != "draft":
                raise UserError(self.env._("%s is already submitted.", record.name))
            if record.kind in WITH_AMOUNT and record.amount <= 0:
                raise UserError(self.env._("A bonus or a fine needs an amount."))
        self.state = "to_approve"
        manager = self.env.ref("pm_aftersales.group_pm_manager").user_ids[:1]
        for record in self:
            if manager:
                record.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.with_context(lang=record.company_id._pm_lang(manager)).env._(
                        "Decide on this reward or penalty"
                    ),
                )

    def _check_manager(self):
        if not self.env.user.has_group("pm_aftersales.group_pm_manager"):
            raise UserError(self.env._("Only a manager approves or refuses rewards and penalties."))

    def action_approve(self):
        self._check_manager()
        for record in self:
            if record.state != "to_approve":
                raise UserError(self.env._("%s is not waiting for a decision.", record.name))
        self.write(
            {
                "state": "approved",
                "decided_by_id": self.env.user.id,
                "decided_date": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])

    def action_refuse(self):
        self._check_manager()
        for record in self:
            if record.state not in ("draft", "to_approve"):
                raise UserError(self.env._("%s is already decided.", record.name))
            if not (record.refuse_reason or "").strip():
                raise UserError(self.env._("Say why %s is refused.", record.name))
        self.write(
            {
                "state": "refused",
                "decided_by_id": self.env.user.id,
                "decided_date": fields.Datetime.now(),
            }
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])

    # ------------------------------------------------------------------
    @api.model
    def _suggest(self, scorecards):
        """Suggestions from the scheme's thresholds: a warning under the low
        score, a fine from so many upheld complaints, praise for the best of
        a team at or above the praise mark. Never twice for the same
        scorecard and kind."""
        existing = {
            (r.scorecard_id.id, r.kind)
            for r in self.sudo().search([("scorecard_id", "in", scorecards.ids)])
        }
        vals_list = []
        for card in scorecards:
            scheme = self.env["pm.scorecard.scheme"].sudo()._get_for_company(card.company_id)
            # The reasons are read by managers and HR: in the company's language.
            localized = card.with_context(lang=card.company_id._pm_lang())
            for kind, reason in localized._get_suggestions(scheme):
                if (card.id, kind) not in existing:
                    vals_list.append(card._prepare_suggestion_vals(kind, reason))
        return self.sudo().create(vals_list)
