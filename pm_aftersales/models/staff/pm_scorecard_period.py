from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class PmScorecardPeriod(models.Model):
    """An assessment period (a month by default): its scorecards are
    computed from the records of the period, then frozen when it is closed."""

    _name = "pm.scorecard.period"
    _description = "Assessment Period"
    _inherit = ["mail.thread"]
    _order = "date_from desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        string="Status",
        default="open",
        required=True,
        tracking=True,
    )
    scorecard_ids = fields.One2many("pm.scorecard", "period_id", string="Scorecards")
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")
    computed_date = fields.Datetime(string="Last Computed", readonly=True)

    _dates_ordered = models.Constraint(
        "CHECK(date_to >= date_from)", "A period ends after it starts."
    )
    _company_start_uniq = models.Constraint(
        "UNIQUE(company_id, date_from)", "A period starting that day already exists."
    )

    def _compute_scorecard_count(self):
        counts = dict(
            self.env["pm.scorecard"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.scorecard_count = counts.get(period, 0)

    @api.model
    def _prepare_month_vals(self, day, company=None):
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return {
            "name": start.strftime("%Y-%m"),
            "date_from": start,
            "date_to": end,
            "company_id": (company or self.env.company).id,
        }

    def _creation_message(self):
        # Read by the company's staff: in the company's language, whoever
        # (often the daily cron) creates the period.
        self.ensure_one()
        localized = self.with_context(lang=self.company_id._pm_lang())
        return super(PmScorecardPeriod, localized)._creation_message()

    # ------------------------------------------------------------------
    def _check_open(self):
        for period in self:
            if period.state == "closed":
                raise UserError(
                    self.env._("Period %s is closed: its scorecards are frozen.", period.name)
                )

    def _get_bounds(self):
        """The period's first and last instant, as naive UTC, in the
        company's time zone."""
        self.ensure_one()
        return self.company_id._pm_utc_bounds(self.date_from, self.date_to)

    def _get_employees(self):
        """Who is assessed: the employees of the company who are members of
        a crew (helpdesk team)."""
        self.ensure_one()
        teams = self.env["helpdesk.ticket.team"].search(
            [("company_id", "in", (self.company_id.id, False))]
        )
        return self.env["hr.employee"].search_fetch(
            [
                ("company_id", "=", self.company_id.id),
                ("user_id", "in", teams.user_ids.ids),
            ],
            ["user_id", "name"],
        )

    def action_compute(self):
        """Compute (or recompute) every scorecard of the period in a handful
        of grouped queries, whatever the number of employees. Whoever may
        edit the period (supervisors, managers) computes all its cards."""
        self.check_access("write")
        self._check_open()
        return self.sudo()._compute()

    def _compute(self):
        # No creation message or tracking per scorecard: the computation is
        # the event.
        Scorecard = self.env["pm.scorecard"].with_context(
            mail_create_nolog=True, tracking_disable=True
        )
        for period in self:
            scheme = self.env["pm.scorecard.scheme"]._get_for_company(period.company_id)
            employees = period._get_employees()
            values = Scorecard._collect_values(period, employees)
            teams = Scorecard._get_teams(employees)
            existing = Scorecard.search_fetch(
                [("period_id", "=", period.id)], ["employee_id", "team_id", "rank"]
            )
            cards = {card.employee_id.id: card for card in existing}
            new = Scorecard.create(
                [
                    {
                        "period_id": period.id,
                        "employee_id": e.id,
                        "company_id": period.company_id.id,
                    }
                    for e in employees
                    if e.id not in cards
                ]
            )
            cards.update({card.employee_id.id: card for card in new})
            all_cards = existing | new
            self.env["pm.scorecard.line"].search([("scorecard_id", "in", all_cards.ids)]).unlink()
            # One write per team, not per card.
            by_team = defaultdict(lambda: Scorecard)
            for employee in employees:
                by_team[teams.get(employee.user_id, self.env["helpdesk.ticket.team"])] |= cards[
                    employee.id
                ]
            for team, team_cards in by_team.items():
                team_cards.filtered(lambda c, t=team: c.team_id != t).write({"team_id": team.id})
            line_vals = [
                self._prepare_line_vals(cards[employee.id], indicator, values, employee)
                for employee in employees
                for indicator in scheme.indicator_ids
            ]
            self.env["pm.scorecard.line"].create(line_vals)
            all_cards._rank()
            period.computed_date = fields.Datetime.now()
        return True

    @api.model
    def _prepare_line_vals(self, card, indicator, values, employee):
        value, has_data = values[indicator.code].get(employee.user_id.id, (0.0, False))
        return {
            "scorecard_id": card.id,
            "indicator_id": indicator.id,
            "value": value,
            "has_data": has_data,
            "target": indicator.target,
            "weight": indicator.weight,
            "points": indicator._get_points(value, has_data),
        }

    def action_close(self):
        """Freeze the scorecards and suggest rewards and penalties from the
        scheme's thresholds (a person decides)."""
        self._check_open()
        for period in self:
            if not period.scorecard_ids:
                raise UserError(self.env._("Compute the scorecards of %s first.", period.name))
        self.env["pm.reward.penalty"]._suggest(self.scorecard_ids)
        self.state = "closed"
        return True

    def action_reopen(self):
        if not self.env.user.has_group("pm_aftersales.group_pm_manager"):
            raise UserError(self.env._("Only a manager reopens a closed period."))
        self.state = "open"
        return True

    def action_view_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("pm_aftersales.pm_scorecard_action")
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"search_default_group_team": 1}
        return action

    @api.model
    def _cron_compute_periods(self):
        """Daily: open this month's period of every company with a scheme,
        and recompute the open periods already started (the days of each
        company's own calendar)."""
        companies = self.env["pm.scorecard.scheme"].search([]).company_id
        for company in companies:
            vals = self._prepare_month_vals(company._pm_today(), company)
            if not self.search_count(
                [("company_id", "=", company.id), ("date_from", "=", vals["date_from"])], limit=1
            ):
                self.create(vals)
        self.search([("state", "=", "open"), ("company_id", "in", companies.ids)]).filtered(
            lambda p: p.date_from <= p.company_id._pm_today()
        ).action_compute()
        return True
