from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount


class PmRectificationBudgetMixin(models.AbstractModel):
    """The cost budget of a rectification order and its approval (费用报批),
    built on OCA base_tier_validation: submitted, the company's tier
    definitions that match the budget ask their reviewers' approval; all
    approved, the work is planned. The order inherits this mixin."""

    _name = "pm.rectification.budget.mixin"
    _description = "Rectification Budget Approval"
    _inherit = ["tier.validation"]

    # The plan and cost budget go through tier validation (OCA
    # base_tier_validation): submitted, the company's tier definitions that
    # match the budget ask for their reviewers' approval (费用报批).
    _state_field = "budget_state"
    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "none"
    _tier_validation_manual_config = True

    # The order gives it (its company's currency).
    currency_id = fields.Many2one("res.currency")
    budget_amount = fields.Monetary(string="Cost Budget", tracking=True, groups="base.group_user")
    budget_state = fields.Selection(
        [
            ("none", "Not Submitted"),
            ("submitted", "To Approve"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="none",
        required=True,
        tracking=True,
        copy=False,
        groups="base.group_user",
    )
    budget_approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, groups="base.group_user"
    )
    budget_approved_date = fields.Datetime(readonly=True, copy=False, groups="base.group_user")
    budget_reject_reason = fields.Text(copy=False, groups="base.group_user")
    # Who approves the budget, and what they said, is the staff's business.
    review_ids = fields.One2many(groups="base.group_user")
    reviewer_ids = fields.Many2many(groups="base.group_user")
    validation_status = fields.Selection(groups="base.group_user")
    can_review = fields.Boolean(groups="base.group_user")
    need_validation = fields.Boolean(groups="base.group_user")
    has_comment = fields.Boolean(groups="base.group_user")
    next_review = fields.Char(groups="base.group_user")
    hide_reviews = fields.Boolean(groups="base.group_user")
    to_validate_message = fields.Html(groups="base.group_user")
    validated_message = fields.Html(groups="base.group_user")
    rejected_message = fields.Html(groups="base.group_user")

    @api.constrains("budget_state", "budget_amount")
    def _check_budget_amount(self):
        for order in self:
            if (
                order.budget_state in ("submitted", "approved")
                and order.currency_id.compare_amounts(order.budget_amount, 0) <= 0
            ):
                raise ValidationError(
                    self.env._("The cost budget of %s must be more than zero.", order.name)
                )

    def action_submit_budget(self):
        """Plan and cost budget submitted for approval (方案及费用预算报批):
        the tiers matching the budget ask their reviewers."""
        self._check_state(("assigned",), self.env._("submitted for approval"))
        for order in self:
            if not order.plan or not order.plan.striptags().strip():
                raise UserError(self.env._("Write the rectification plan of %s first.", order.name))
            if order.currency_id.compare_amounts(order.budget_amount, 0) <= 0:
                raise UserError(
                    self.env._(
                        "The cost budget of %s must be more than zero: enter the estimated cost.",
                        order.name,
                    )
                )
        # Back from a rejection, the reviews of the last round go (tier.validation).
        self.write({"budget_state": "submitted", "budget_reject_reason": False})
        # need_validation depends on nothing the ORM follows: read it afresh.
        self.invalidate_recordset(["need_validation"])
        self.request_validation()
        self.invalidate_recordset(["need_validation"])
        for order in self:
            if not order.review_ids:
                raise UserError(
                    self.env._(
                        "No approval tier of %(company)s covers a budget of %(amount)s: "
                        "ask a manager to set up the budget approval tiers.",
                        company=order.company_id.name,
                        amount=order._get_budget_amount_text(),
                    )
                )
        return True

    def _get_budget_amount_text(self):
        self.ensure_one()
        return format_amount(self.env, self.budget_amount, self.currency_id)

    def _get_budget_frozen_fields(self):
        """What the reviewers approve: fixed while the budget awaits them."""
        return ["plan", "budget_amount"]

    def _check_budget_reviewer(self):
        """Only a reviewer whose turn it is approves or rejects a budget."""
        for order in self:
            if order.budget_state != "submitted":
                raise UserError(self.env._("The budget of %s is not submitted.", order.name))
            if not order.can_review:
                pending = order.review_ids.filtered(lambda r: r.status == "pending")
                raise UserError(
                    self.env._(
                        "A budget of %(amount)s is above your approval limit: "
                        "the budget of %(order)s awaits the approval of %(reviewers)s.",
                        amount=order._get_budget_amount_text(),
                        order=order.name,
                        reviewers=", ".join(filter(None, pending.mapped("todo_by"))) or "-",
                    )
                )

    def validate_tier(self):
        self._check_budget_reviewer()
        return super().validate_tier()

    def reject_tier(self):
        self._check_budget_reviewer()
        return super().reject_tier()

    def action_approve_budget(self):
        self._check_state(("assigned",), self.env._("approved"))
        self._check_budget_reviewer()
        for order in self:
            # A tier asking for a comment opens tier validation's dialog.
            action = order.validate_tier()
            if isinstance(action, dict):
                return action
        return True

    def action_reject_budget(self):
        self._check_state(("assigned",), self.env._("rejected"))
        self._check_budget_reviewer()
        for order in self:
            if not (order.budget_reject_reason or "").strip():
                raise UserError(self.env._("Say why the budget of %s is rejected.", order.name))
        for order in self:
            # A tier asking for a comment opens tier validation's dialog, the
            # reason written in.
            action = order.reject_tier()
            if isinstance(action, dict):
                action["context"]["default_comment"] = order.budget_reject_reason
                return action
        return True

    def _validate_tier(self, tiers=False):
        """All its tiers approved, the budget is approved and the work planned."""
        res = super()._validate_tier(tiers)
        if (
            not self.env.context.get("pm_budget_state_write")
            and self.budget_state == "submitted"
            and self.validation_status == "validated"
        ):
            self.write(
                {
                    "state": "planned",
                    "budget_state": "approved",
                    "budget_approved_by_id": self.env.user.id,
                    "budget_approved_date": fields.Datetime.now(),
                }
            )
        return res

    def _rejected_tier(self, tiers=False):
        """One tier rejected, the budget is: the reason (the order's, else the
        review's comment) stays on both and in the chatter."""
        reviews = (tiers or self.review_ids).filtered(
            lambda r: r.status in ("waiting", "pending") and self.env.user in r.reviewer_ids
        )
        res = super()._rejected_tier(tiers)
        if self.budget_state == "submitted" and self.validation_status == "rejected":
            reason = (self.budget_reject_reason or "").strip() or (
                reviews.filtered("comment")[:1].comment or ""
            )
            reviews.filtered(lambda r: not r.comment).comment = reason
            self.write({"budget_state": "rejected", "budget_reject_reason": reason})
            self.message_post(body=self.env._("Budget rejected: %s", reason))
        return res

    def _tier_validation_check_state_on_write(self, vals):
        # Writing the approved state itself validates no tier twice.
        return super(
            PmRectificationBudgetMixin, self.with_context(pm_budget_state_write=True)
        )._tier_validation_check_state_on_write(vals)

    def _get_budget_open_fields(self):
        """While the budget awaits approval, and after, the work on the order
        goes on: only the plan and the budget are frozen."""
        frozen = set(self._get_budget_frozen_fields())
        return [name for name in self._fields if name not in frozen]

    def _get_under_validation_exceptions(self):
        return self._get_budget_open_fields()

    def _get_after_validation_exceptions(self):
        return self._get_budget_open_fields()

    def write(self, vals):
        frozen = set(vals) & set(self._get_budget_frozen_fields())
        if frozen and not self.env.context.get("skip_validation_check"):
            for order in self:
                if order.budget_state == "submitted":
                    raise UserError(
                        self.env._(
                            "The plan and budget of %s await approval: they cannot change "
                            "until they are approved or rejected.",
                            order.name,
                        )
                    )
        return super().write(vals)
