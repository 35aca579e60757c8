from datetime import timedelta

from odoo import fields, models

ESCALATION_TARGETS = [
    ("team_leader", "Team Leader"),
    ("cs_supervisor", "Customer-Service Supervisor"),
    ("eng_supervisor", "Engineering Supervisor"),
    ("manager", "Estate Manager"),
    ("user", "Specific User"),
]


class PmSlaEscalation(models.Model):
    """One level of escalation (升级) of a milestone: who is told, and when.
    A rung of the escalation engine's ladders (pm.escalation.level.mixin)."""

    _name = "pm.sla.escalation"
    _inherit = ["pm.escalation.level.mixin"]
    _description = "Escalation Level"
    _order = "rule_line_id, level, id"

    rule_line_id = fields.Many2one(
        "pm.sla.rule.line", string="Milestone", required=True, ondelete="cascade", index=True
    )
    trigger = fields.Selection(
        selection=[("at_risk", "When At Risk"), ("late", "When Late")],
        required=True,
        default="late",
    )
    delay_minutes = fields.Integer(
        string="After (minutes)",
        default=0,
        help="Minutes after the milestone became at risk or late.",
    )
    target = fields.Selection(ESCALATION_TARGETS, required=True, default="team_leader")

    _delay_positive = models.Constraint(
        "CHECK(delay_minutes >= 0)", "The escalation delay cannot be negative."
    )
    _level_uniq = models.Constraint(
        "UNIQUE(rule_line_id, level)", "Each escalation level of a milestone is defined once."
    )

    def _get_trigger_date(self, milestone):
        base = milestone.at_risk_date if self.trigger == "at_risk" else milestone.deadline
        return base and base + timedelta(minutes=self.delay_minutes)

    def _get_role_user(self, milestone):
        return self._get_target_user(milestone.ticket_id)

    def _get_target_user(self, ticket):
        """The user to escalate ``ticket`` to at this level (may be empty)."""
        self.ensure_one()
        estate = ticket.estate_id
        return {
            "team_leader": ticket.team_id.user_id,
            "cs_supervisor": estate.cs_supervisor_id,
            "eng_supervisor": estate.eng_supervisor_id,
            "manager": estate.manager_id,
            "user": self.user_id,
        }[self.target]
