from datetime import timedelta

from odoo import fields, models

RECTIFICATION_TARGETS = [
    ("rect_owner", "Rectification Owner"),
    ("up", "Manager Above the Previous Level"),
    ("supervisor", "Supervisor of the Order"),
    ("manager", "Estate Manager"),
    ("user", "Specific User"),
]


class PmRectificationEscalation(models.Model):
    """One level of a company's escalation ladder for its late rectification
    orders (整改升级): who is told, and how many days after the deadline (the
    first level) or after the previous escalation (the next ones)."""

    _name = "pm.rectification.escalation"
    _inherit = ["pm.escalation.level.mixin"]
    _description = "Rectification Escalation Level"
    _order = "company_id, level, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    delay_days = fields.Integer(
        string="After (days)",
        default=0,
        help="First level: days after the day of the deadline (0: the day after the deadline). "
        "Next levels: days after the previous escalation, while the order is still late "
        "(an order rejected at acceptance climbs on).",
    )
    target = fields.Selection(RECTIFICATION_TARGETS, required=True, default="rect_owner")

    _delay_positive = models.Constraint(
        "CHECK(delay_days >= 0)", "The escalation delay cannot be negative."
    )
    _level_uniq = models.Constraint(
        "UNIQUE(company_id, level)", "Each escalation level of a company is defined once."
    )

    def _get_trigger_date(self, order):
        """From when ``order`` is escalated at this level (naive UTC)."""
        self.ensure_one()
        overdue_from = order._get_overdue_from()
        delay = timedelta(days=self.delay_days)
        if not order.escalation_level:
            return overdue_from and overdue_from + delay
        since = order.last_escalation_date and order.last_escalation_date + delay
        if order.escalation_reason == "rejected":
            return since
        return since and overdue_from and max(since, overdue_from)

    def _get_role_user(self, order):
        self.ensure_one()
        if self.target == "rect_owner":
            return order.rect_owner_id
        if self.target == "supervisor":
            return order.supervisor_id
        if self.target == "manager":
            return order.estate_id.manager_id
        # "up": the manager of the person of the level below (at the first
        # level: of the rectification owner).
        below = order._get_escalation_levels().filtered(lambda lvl: lvl.level < self.level)
        below = below.sorted("level")[-1:]
        person = below._get_recipient(order) if below else order.rect_owner_id
        return self._get_manager_above(order, person)

    def _get_manager_above(self, order, user):
        """The manager of ``user`` (employee hierarchy), else the estate's
        manager; empty at the top."""
        if not user:
            return self.env["res.users"]
        manager = user.employee_id.parent_id.user_id
        if not manager and user != order.estate_id.manager_id:
            manager = order.estate_id.manager_id
        return manager if manager != user else self.env["res.users"]
