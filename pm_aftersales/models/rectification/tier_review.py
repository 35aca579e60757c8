from odoo import api, models


class TierReview(models.Model):
    _inherit = "tier.review"

    @api.model
    def _get_reviewer_fields(self):
        return super()._get_reviewer_fields() + [
            "review_type",
            "definition_id.pm_reviewer_group_ids",
            "definition_id.pm_reviewer_group_ids.all_user_ids",
            "definition_id.pm_reviewer_group_ids.all_user_ids.company_ids",
            "company_id",
        ]

    def _get_reviewers(self):
        reviewers = super()._get_reviewers()
        if self.review_type == "pm_groups":
            # The members of the groups implying them too: a manager approves
            # what a supervisor does (the groups' ``user_ids`` hold only the
            # users given the group itself).
            users = self.definition_id.pm_reviewer_group_ids.all_user_ids
            # A company's tier is for its own staff.
            if self.company_id:
                users = users.filtered(lambda u: self.company_id in u.company_ids)
            reviewers |= users
            if self.definition_id.exclude_requester and self.requested_by:
                reviewers -= self.requested_by
        return reviewers

    @api.depends("review_type", "definition_id.pm_reviewer_group_ids")
    def _compute_todo_by(self):
        super()._compute_todo_by()
        for review in self.filtered(lambda r: r.review_type == "pm_groups"):
            review.todo_by = ", ".join(review.definition_id.pm_reviewer_group_ids.mapped("name"))
