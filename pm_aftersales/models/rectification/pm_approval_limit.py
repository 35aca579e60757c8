from odoo import fields, models


class PmApprovalLimit(models.Model):
    """Up to which cost budget the members of a group approve a
    rectification (费用报批权限)."""

    _name = "pm.approval.limit"
    _description = "Budget Approval Limit"
    _order = "company_id, amount"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    group_id = fields.Many2one("res.groups", string="Group", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Up To")
    unlimited = fields.Boolean(help="Members approve any amount.")

    _amount_positive = models.Constraint(
        "CHECK(unlimited OR amount > 0)",
        "An approval limit is a positive amount, or unlimited.",
    )
    _group_company_uniq = models.Constraint(
        "UNIQUE(company_id, group_id)", "This group already has an approval limit."
    )
