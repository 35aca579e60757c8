from datetime import timedelta

from odoo import fields, models

PATROL_TARGETS = [
    ("eng_supervisor", "Engineering Supervisor of the Estate"),
    ("manager", "Estate Manager"),
    ("user", "Specific User"),
]


class PmPatrolEscalation(models.Model):
    """One level of a company's escalation ladder for its patrol rounds with
    missed or late check-points (巡检升级): who is told, and how many minutes
    after the round's deadline."""

    _name = "pm.patrol.escalation"
    _inherit = ["pm.escalation.level.mixin"]
    _description = "Patrol Escalation Level"
    _order = "company_id, level, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    delay_minutes = fields.Integer(
        string="After (min)",
        default=0,
        help="Minutes after the round's deadline (0: as soon as the round is closed with a "
        "missed or late point).",
    )
    target = fields.Selection(PATROL_TARGETS, required=True, default="eng_supervisor")

    _delay_positive = models.Constraint(
        "CHECK(delay_minutes >= 0)", "The escalation delay cannot be negative."
    )
    _level_uniq = models.Constraint(
        "UNIQUE(company_id, level)", "Each escalation level of a company is defined once."
    )

    def _get_trigger_date(self, round_):
        """The round's deadline plus the level's delay (naive UTC)."""
        self.ensure_one()
        return round_.deadline and round_.deadline + timedelta(minutes=self.delay_minutes)

    def _get_role_user(self, round_):
        self.ensure_one()
        estate = round_.estate_id.sudo()
        if self.target == "eng_supervisor":
            return estate.eng_supervisor_id
        return estate.manager_id
