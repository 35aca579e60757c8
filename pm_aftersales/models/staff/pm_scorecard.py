from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .pm_scorecard_scheme import INDICATORS


class PmScorecard(models.Model):
    """An employee's performance scorecard for a period (绩效考核): the
    indicators computed from the period's jobs, complaints, delays, tool
    checks and training; the weighted score; a supervisor's justified
    adjustment kept apart; the total and the rank in the team."""

    _name = "pm.scorecard"
    _description = "Performance Scorecard"
    _inherit = ["mail.thread"]
    _order = "period_id desc, team_id, measured desc, rank, id"
    _rec_name = "employee_id"

    period_id = fields.Many2one(
        "pm.scorecard.period",
        string="Assessment Period",
        required=True,
        ondelete="cascade",
        index=True,
    )
    date_from = fields.Date(related="period_id.date_from", store=True)
    period_state = fields.Selection(related="period_id.state", string="Period Status")
    company_id = fields.Many2one("res.company", required=True, index=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    user_id = fields.Many2one(related="employee_id.user_id", store=True, index=True)
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team", index=True)
    team_leader_id = fields.Many2one(related="team_id.user_id", store=True, string="Team Leader")
    line_ids = fields.One2many("pm.scorecard.line", "scorecard_id", string="Indicators")
    measured = fields.Boolean(
        compute="_compute_scores",
        store=True,
        help="At least one indicator has data. A scorecard with nothing measured (no job, "
        "no check, no training in the period) has no score and no rank.",
    )
    computed_score = fields.Float(
        compute="_compute_scores", store=True, aggregator="avg", digits=(5, 2)
    )
    adjustment = fields.Float(
        tracking=True,
        digits=(5, 2),
        help="A supervisor's manual adjustment, justified; the computed score stays as is.",
    )
    adjustment_reason = fields.Text(tracking=True)
    total_score = fields.Float(
        compute="_compute_scores", store=True, aggregator="avg", digits=(5, 2)
    )
    rank = fields.Integer(string="Rank in Team", readonly=True, aggregator=False)
    jobs_done = fields.Integer(compute="_compute_scores", store=True, string="Jobs")
    complaints_upheld = fields.Integer(compute="_compute_scores", store=True)
    reward_penalty_ids = fields.One2many("pm.reward.penalty", "scorecard_id")

    _employee_period_uniq = models.Constraint(
        "UNIQUE(period_id, employee_id)",
        "This employee already has a scorecard for this period.",
    )
    _adjustment_range = models.Constraint(
        "CHECK(adjustment BETWEEN -20 AND 20)",
        "A manual adjustment is between -20 and +20 points.",
    )

    @api.depends("line_ids.weighted", "line_ids.value", "line_ids.has_data", "adjustment")
    def _compute_scores(self):
        """The sum of the weighted points the lines show: the indicators that
        have data, their weights scaled back to 100% (see
        pm.scorecard.line): an indicator without data neither helps nor
        hurts. Nothing measured at all: no score (0, not shown) and no rank."""
        for card in self:
            measured = card.line_ids.filtered("has_data")
            card.measured = bool(measured)
            card.computed_score = round(sum(measured.mapped("weighted")), 2)
            card.total_score = (
                round(card.computed_score + card.adjustment, 2) if card.measured else 0.0
            )
            by_code = {line.code: line.value for line in card.line_ids}
            card.jobs_done = int(by_code.get("jobs_done", 0))
            card.complaints_upheld = int(by_code.get("complaints_upheld", 0))

    @api.constrains("adjustment", "adjustment_reason")
    def _check_adjustment(self):
        for card in self:
            if card.adjustment and not (card.adjustment_reason or "").strip():
                raise ValidationError(
                    self.env._("Say why the score of %s is adjusted.", card.employee_id.name)
                )

    # ------------------------------------------------------------------
    # Frozen once the period is closed
    # ------------------------------------------------------------------
    def _check_period_open(self):
        closed = self.filtered(lambda c: c.period_id.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Period %s is closed: its scorecards are frozen.", closed[0].period_id.name
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        periods = self.env["pm.scorecard.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")]
        )
        periods._check_open()
        return super().create(vals_list)

    def write(self, vals):
        # Only supervisors and managers may write scorecards (access rights):
        # the adjustment is theirs.
        self.check_access("write")
        self._check_period_open()
        result = super().write(vals)
        if "adjustment" in vals:
            self._rank()
        return result

    def unlink(self):
        self._check_period_open()
        return super().unlink()

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    def _rank(self):
        """Rank by total score within each period and team (1 = best); a
        scorecard with nothing measured has no rank (0)."""
        groups = defaultdict(list)
        changes = []
        # Derived from the others' totals: written whoever triggered it.
        for card in self.sudo().period_id.scorecard_ids:
            if card.measured:
                groups[(card.period_id, card.team_id)].append(card)
            elif card.rank:
                changes.append((card.id, 0))
        for cards in groups.values():
            ordered = sorted(cards, key=lambda c: (-c.total_score, c.employee_id.name or ""))
            changes += [
                (card.id, rank) for rank, card in enumerate(ordered, start=1) if card.rank != rank
            ]
        if not changes:
            return
        # One statement for all: the rank is derived data, neither tracked
        # nor frozen-checked (the totals it comes from are).
        self.env.cr.execute(
            SQL(
                "UPDATE pm_scorecard SET rank = v.rank FROM (VALUES %s) AS v(id, rank) "
                "WHERE pm_scorecard.id = v.id",
                SQL(", ").join(SQL("(%s, %s)", card_id, rank) for card_id, rank in changes),
            )
        )
        self.browse([card_id for card_id, _rank in changes]).invalidate_recordset(["rank"])

    @api.model
    def _get_teams(self, employees):
        """{user: their first team (crew)} in one query."""
        teams = (
            self.env["helpdesk.ticket.team"]
            .sudo()
            .search([("user_ids", "in", employees.user_id.ids)], order="sequence, id")
        )
        result = {}
        for team in teams:
            for user in team.user_ids:
                result.setdefault(user, team)
        return result

    @api.model
    def _collect_values(self, period, employees):
        """{indicator code: {user id: (value, has data)}} for the period, in
        six grouped SQL queries whatever the number of employees and jobs."""
        start, end = period._get_bounds()
        user_ids = tuple(employees.user_id.ids) or (0,)
        values = {code: {} for code in INDICATORS}
        self.env.flush_all()
        cr = self.env.cr
        # 1. The jobs completed in the period.
        cr.execute(
            """
            SELECT t.user_id,
                   COUNT(*),
                   COUNT(*) FILTER (WHERE t.rework_count = 0),
                   COALESCE(SUM(t.rework_count), 0),
                   AVG(t.satisfaction) FILTER (WHERE t.satisfaction > 0),
                   AVG(EXTRACT(EPOCH FROM t.checkin_date - t.report_date) / 60.0)
                       FILTER (WHERE t.checkin_date IS NOT NULL),
                   AVG(EXTRACT(EPOCH FROM t.done_date - t.report_date) / 3600.0)
              FROM helpdesk_ticket t
             WHERE t.user_id IN %s AND t.done_date >= %s AND t.done_date < %s
               AND NOT COALESCE(t.is_complaint, FALSE)
          GROUP BY t.user_id
            """,
            (user_ids, start, end),
        )
        for uid, count, first_time, rework, satisfaction, response, completion in cr.fetchall():
            values["jobs_done"][uid] = (float(count), True)
            values["first_time_acceptance"][uid] = (round(100.0 * first_time / count, 2), True)
            values["rework"][uid] = (float(rework), True)
            if satisfaction is not None:
                values["satisfaction"][uid] = (round(float(satisfaction), 2), True)
            if response is not None:
                values["response_minutes"][uid] = (round(float(response), 1), True)
            values["completion_hours"][uid] = (round(float(completion), 2), True)
        # 2. Arrivals and completions within their limit, of those jobs.
        cr.execute(
            """
            SELECT t.user_id, m.milestone_type,
                   COUNT(*), COUNT(*) FILTER (WHERE m.within_limit)
              FROM pm_ticket_milestone m
              JOIN helpdesk_ticket t ON t.id = m.ticket_id
             WHERE t.user_id IN %s AND t.done_date >= %s AND t.done_date < %s
               AND m.milestone_type IN ('arrival', 'completion')
               AND m.state IN ('met', 'missed')
          GROUP BY t.user_id, m.milestone_type
            """,
            (user_ids, start, end),
        )
        for uid, mtype, count, within in cr.fetchall():
            values[f"{mtype}_in_limit"][uid] = (round(100.0 * within / count, 2), True)
        # 3. Upheld complaints about the employee, reported in the period.
        cr.execute(
            """
            SELECT e.user_id, COUNT(*)
              FROM helpdesk_ticket t
              JOIN hr_employee e ON e.id = t.concerned_employee_id
             WHERE e.user_id IN %s AND t.is_complaint AND t.complaint_upheld = 'upheld'
               AND t.report_date >= %s AND t.report_date < %s
          GROUP BY e.user_id
            """,
            (user_ids, start, end),
        )
        for uid, count in cr.fetchall():
            values["complaints_upheld"][uid] = (float(count), True)
        # 4. Delays asked in the period.
        cr.execute(
            """
            SELECT user_id, COUNT(*) FROM pm_ticket_delay
             WHERE user_id IN %s AND create_date >= %s AND create_date < %s
          GROUP BY user_id
            """,
            (user_ids, start, end),
        )
        for uid, count in cr.fetchall():
            values["delays"][uid] = (float(count), True)
        # 5. Tool and equipment checks of the period.
        cr.execute(
            """
            SELECT e.user_id, AVG(c.score)
              FROM pm_tool_check c JOIN hr_employee e ON e.id = c.employee_id
             WHERE e.user_id IN %s AND c.date >= %s AND c.date <= %s
          GROUP BY e.user_id
            """,
            (user_ids, period.date_from, period.date_to),
        )
        for uid, score in cr.fetchall():
            values["tool_score"][uid] = (round(float(score), 2), True)
        # 6. Training sessions held in the period: attendance and assessments.
        cr.execute(
            """
            SELECT e.user_id, COUNT(*), COUNT(*) FILTER (WHERE a.attended),
                   AVG(a.score) FILTER (WHERE a.assessed)
              FROM pm_training_attendance a
              JOIN pm_training_session s ON s.id = a.session_id
              JOIN hr_employee e ON e.id = a.employee_id
             WHERE e.user_id IN %s AND s.state = 'done'
               AND s.date >= %s AND s.date <= %s
          GROUP BY e.user_id
            """,
            (user_ids, period.date_from, period.date_to),
        )
        for uid, invited, attended, score in cr.fetchall():
            values["training_attendance"][uid] = (round(100.0 * attended / invited, 2), True)
            if score is not None:
                values["assessment_score"][uid] = (round(float(score), 2), True)
        # Whoever worked in the period and has no rework, complaint or delay
        # has zero of them: that counts (and scores full points).
        for uid in values["jobs_done"]:
            for code in ("rework", "complaints_upheld", "delays"):
                values[code].setdefault(uid, (0.0, True))
        return values

    def action_print(self):
        return self.env.ref("pm_aftersales.action_report_scorecard").report_action(self)

    def _get_suggestions(self, scheme):
        """[(kind, reason)] the thresholds suggest for this scorecard."""
        self.ensure_one()
        suggestions = []
        if not self.measured:
            return suggestions
        if self.total_score < scheme.low_score_threshold:
            suggestions.append(
                (
                    "warning",
                    self.env._(
                        "Total score %(score)s is below %(threshold)s in %(period)s.",
                        score=self.total_score,
                        threshold=scheme.low_score_threshold,
                        period=self.period_id.name,
                    ),
                )
            )
        if scheme.complaint_threshold and self.complaints_upheld >= scheme.complaint_threshold:
            suggestions.append(
                (
                    "fine",
                    self.env._(
                        "%(count)s upheld complaints in %(period)s.",
                        count=self.complaints_upheld,
                        period=self.period_id.name,
                    ),
                )
            )
        if self.rank == 1 and self.total_score >= scheme.praise_threshold and self.jobs_done:
            suggestions.append(
                (
                    "praise",
                    self.env._(
                        "Best of %(team)s in %(period)s with %(score)s points.",
                        team=self.team_id.name or "-",
                        period=self.period_id.name,
                        score=self.total_score,
                    ),
                )
            )
        return suggestions

    def _prepare_suggestion_vals(self, kind, reason):
        self.ensure_one()
        evidence = self.env["helpdesk.ticket"]
        if kind == "fine":
            start, end = self.period_id._get_bounds()
            evidence = (
                self.env["helpdesk.ticket"]
                .sudo()
                .search(
                    [
                        ("is_complaint", "=", True),
                        ("complaint_upheld", "=", "upheld"),
                        ("concerned_employee_id", "=", self.employee_id.id),
                        ("report_date", ">=", start),
                        ("report_date", "<", end),
                    ]
                )
            )
        return {
            "employee_id": self.employee_id.id,
            "company_id": self.company_id.id,
            "kind": kind,
            "reason": reason,
            "scorecard_id": self.id,
            "ticket_ids": [fields.Command.set(evidence.ids)],
            "suggested": True,
            "date": self.period_id.date_to,
        }
