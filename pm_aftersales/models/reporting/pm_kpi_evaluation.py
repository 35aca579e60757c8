from collections import defaultdict

from babel.dates import format_skeleton

from odoo import api, fields, models
from odoo.tools.misc import babel_locale_parse, get_lang


def format_month(env, day):
    """``day``'s month in the reader's language: 2026年12月, December 2026."""
    if not day:
        return False
    return format_skeleton("yMMMM", day, locale=babel_locale_parse(get_lang(env).code))


class PmKpiEvaluation(models.Model):
    """A KPI evaluated for a month, company-wide, for an estate or for a
    team: the value against the target, green or red, and the improvement
    actions of a red one."""

    _name = "pm.kpi.evaluation"
    _description = "KPI Evaluation"
    _order = "date_from desc, kpi_sequence, scope, id"
    _rec_name = "kpi_id"

    kpi_id = fields.Many2one("pm.kpi", string="KPI", required=True, ondelete="cascade", index=True)
    kpi_sequence = fields.Integer(related="kpi_id.sequence", store=True)
    metric = fields.Selection(related="kpi_id.metric", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    date_from = fields.Date(string="Month Starting", required=True, index=True)
    month = fields.Char(compute="_compute_month", string="Month")
    date_to = fields.Date(required=True)
    scope = fields.Selection(
        [("company", "Company"), ("estate", "Estate"), ("team", "Team")],
        required=True,
        default="company",
    )
    estate_id = fields.Many2one("pm.estate", string="Estate", index=True)
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team", index=True)
    value = fields.Float(digits=(16, 2), aggregator="avg")
    target = fields.Float(string="Target Value", aggregator="avg")
    sample = fields.Integer(string="Based On", help="How many jobs, answers or orders.")
    status = fields.Selection(
        [("green", "On Target"), ("red", "Below Target"), ("none", "No Data")],
        required=True,
        default="none",
        index=True,
    )
    action_ids = fields.One2many("pm.kpi.action", "evaluation_id", string="Improvement Actions")
    action_count = fields.Integer(compute="_compute_action_count")

    _evaluation_uniq = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (kpi_id, date_from, scope, estate_id, team_id)",
        "This KPI is already evaluated for this month and scope.",
    )

    @api.depends("date_from")
    @api.depends_context("lang")
    def _compute_month(self):
        for evaluation in self:
            evaluation.month = format_month(self.env, evaluation.date_from)

    @api.depends("action_ids")
    def _compute_action_count(self):
        for evaluation in self:
            evaluation.action_count = len(evaluation.action_ids)

    # ------------------------------------------------------------------
    # Evaluation
    # ------------------------------------------------------------------
    @api.model
    def _evaluate(self, company, date_from, date_to):
        """Evaluate every active KPI of ``company`` for the period, company
        wide, per estate and per team; a few grouped queries per KPI,
        whatever the number of jobs. Red ones get an improvement action to
        fill in. Running it again updates the values."""
        kpis = self.env["pm.kpi"].search([("company_id", "=", company.id)])
        existing = {
            (e.kpi_id.id, e.scope, e.estate_id.id, e.team_id.id): e
            for e in self.search([("company_id", "=", company.id), ("date_from", "=", date_from)])
        }
        create_vals, evaluations = [], self.browse()
        for kpi in kpis:
            for scope, values in self._measure(kpi, company, date_from, date_to).items():
                for key, (value, sample) in values.items():
                    vals = {
                        "kpi_id": kpi.id,
                        "company_id": company.id,
                        "date_from": date_from,
                        "date_to": date_to,
                        "scope": scope,
                        "estate_id": key if scope == "estate" else False,
                        "team_id": key if scope == "team" else False,
                        "value": round(value or 0.0, 2),
                        "target": kpi.target,
                        "sample": sample,
                        "status": "none"
                        if not sample or value is None
                        else ("green" if kpi._is_met(value) else "red"),
                    }
                    record = existing.get(
                        (kpi.id, scope, vals["estate_id"] or False, vals["team_id"] or False)
                    )
                    if record:
                        record.write(vals)
                        evaluations |= record
                    else:
                        create_vals.append(vals)
        evaluations |= self.create(create_vals)
        evaluations.filtered(lambda e: e.status == "red" and not e.action_ids)._open_actions()
        return evaluations

    def _open_actions(self):
        vals_list = []
        for evaluation in self:
            user = evaluation._get_responsible()
            # Written for the responsible, in their language.
            localized = evaluation.with_context(lang=evaluation.company_id._pm_lang(user))
            vals_list.append(
                {
                    "evaluation_id": evaluation.id,
                    "user_id": user.id,
                    "description": localized.env._(
                        "Find the cause and decide the improvement: %(kpi)s is %(value)s "
                        "against a target of %(target)s.",
                        kpi=localized.kpi_id.name,
                        value=evaluation.value,
                        target=evaluation.target,
                    ),
                    "deadline": fields.Date.add(evaluation.date_to, days=15),
                }
            )
        self.env["pm.kpi.action"].create(vals_list)

    def _get_responsible(self):
        self.ensure_one()
        return (
            self.team_id.user_id
            or self.estate_id.manager_id
            or self.company_id._pm_managers()[:1]
            or self.env.user
        )

    @api.model
    def _measure(self, kpi, company, date_from, date_to):
        """{scope: {key: (value, sample)}} with key the estate or team id
        (0 company-wide)."""
        start, end = company._pm_utc_bounds(date_from, date_to)
        jobs = [
            ("company_id", "=", company.id),
            ("done_date", ">=", start),
            ("done_date", "<", end),
        ]
        metric = kpi.metric
        if metric in ("urgent_arrival", "urgent_completion", "minor_completion"):
            code = "minor_repair" if metric == "minor_completion" else "urgent_repair"
            measure = "arrival_met" if metric == "urgent_arrival" else "completion_met"
            domain = [*jobs, ("ticket_type_id.code", "=", code)]
            return self._grouped("pm.job.analysis", domain, measure)
        if metric in ("first_time", "followup_rate"):
            measure = "first_time" if metric == "first_time" else "followup_done"
            return self._grouped("pm.job.analysis", jobs, measure)
        if metric in ("satisfaction", "low_score_share"):
            measure = "score_average" if metric == "satisfaction" else "low_score"
            domain = [("company_id", "=", company.id), ("date", ">=", start), ("date", "<", end)]
            return self._grouped("pm.satisfaction.analysis", domain, measure)
        if metric == "rectification_on_time":
            domain = [
                ("company_id", "=", company.id),
                ("order_id.accepted_date", ">=", start),
                ("order_id.accepted_date", "<", end),
            ]
            return self._grouped("pm.rectification.analysis", domain, "on_time", team=False)
        if metric == "complaint_rate":
            complaints = self._grouped(
                "pm.complaint.analysis",
                [("company_id", "=", company.id), ("date", ">=", start), ("date", "<", end)],
                None,
            )
            done = self._grouped("pm.job.analysis", jobs, None)
            result = {}
            for scope, values in done.items():
                result[scope] = {
                    key: (100.0 * complaints.get(scope, {}).get(key, (0, 0))[1] / count, count)
                    for key, (_none, count) in values.items()
                    if count
                }
            return result
        return {}

    @api.model
    def _grouped(self, model, domain, measure, team=True):
        """Average of ``measure`` and how many values it is based on (the
        rows where it is not empty; without a measure: all rows), company-wide
        and per estate (and team): three grouped queries."""
        Model = self.env[model].sudo()
        aggregates = [f"{measure}:count", f"{measure}:avg"] if measure else ["__count"]
        result = defaultdict(dict)
        for scope, groupby in (
            [("company", [])]
            + [("estate", ["estate_id"])]
            + ([("team", ["team_id"])] if team else [])
        ):
            for row in Model._read_group(domain, groupby, aggregates):
                group, (count, *avg) = (row[0], row[1:]) if groupby else (None, row)
                if groupby and not group:
                    continue
                result[scope][group.id if group else 0] = (avg[0] if avg else None, count)
        return result
