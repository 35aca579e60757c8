from odoo import api, fields, models
from odoo.tools import format_amount


class TierDefinition(models.Model):
    """Tiers of the rectification budgets (费用报批): who approves a budget
    of which amount, per company. A tier may name several groups: any member
    of one of them (of a group implying it too) approves, as the approval
    limits of each group did."""

    _inherit = "tier.definition"

    review_type = fields.Selection(
        selection_add=[("pm_groups", "Any user in one of these groups")],
        ondelete={"pm_groups": "set default"},
    )
    pm_reviewer_group_ids = fields.Many2many(
        "res.groups",
        "pm_tier_definition_reviewer_group_rel",
        "definition_id",
        "group_id",
        string="Reviewer Groups",
        help="Any member of one of these groups, or of a group implying one of them, "
        "validates this tier.",
    )

    @api.model
    def _get_tier_validation_model_names(self):
        return super()._get_tier_validation_model_names() + ["pm.rectification.order"]

    @api.onchange("review_type")
    def onchange_review_type(self):
        res = super().onchange_review_type()
        if self.review_type != "pm_groups":
            self.pm_reviewer_group_ids = False
        return res

    def _reviewers_to_check_for_access(self):
        if self.review_type == "pm_groups":
            return self.pm_reviewer_group_ids.all_user_ids
        return super()._reviewers_to_check_for_access()

    @api.model
    def _pm_budget_tier_name(self, lower, upper, company):
        """The name of the tier of the rectification budgets above ``lower``
        and up to ``upper`` (None: no upper bound), in the context's language."""
        currency = company.currency_id
        if upper is None:
            return self.env._(
                "Rectification budget above %(amount)s",
                amount=format_amount(self.env, lower, currency),
            )
        return self.env._(
            "Rectification budget up to %(amount)s",
            amount=format_amount(self.env, upper, currency),
        )
