import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from .pm_kpi_evaluation import format_month


class PmMonthlyReport(models.Model):
    """The managers' monthly report (月度服务质量报告): KPIs against target,
    complaint analysis, top failure causes, rectification status, staff
    ranking — a PDF mailed to the managers on the first of the month, once."""

    _name = "pm.monthly.report"
    _description = "Monthly Service Report"
    _inherit = ["mail.thread"]
    _order = "date_from desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(string="Month Starting", required=True)
    month = fields.Char(compute="_compute_month", string="Month")
    date_to = fields.Date(required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent")], string="Status", default="draft", required=True
    )
    sent_date = fields.Datetime(readonly=True)
    evaluation_ids = fields.One2many(
        "pm.kpi.evaluation", compute="_compute_evaluation_ids", string="KPI Evaluations"
    )
    attachment_id = fields.Many2one("ir.attachment", readonly=True)

    _month_uniq = models.Constraint(
        "UNIQUE(company_id, date_from)", "The report of this month already exists."
    )

    @api.depends("date_from")
    def _compute_name(self):
        for report in self:
            report.name = report.date_from and report.date_from.strftime("%Y-%m")

    @api.depends("date_from")
    @api.depends_context("lang")
    def _compute_month(self):
        for report in self:
            report.month = format_month(self.env, report.date_from)

    def _compute_evaluation_ids(self):
        for report in self:
            report.evaluation_ids = self.env["pm.kpi.evaluation"].search(
                [("company_id", "=", report.company_id.id), ("date_from", "=", report.date_from)]
            )

    # ------------------------------------------------------------------
    def action_evaluate(self):
        for report in self:
            self.env["pm.kpi.evaluation"]._evaluate(
                report.company_id, report.date_from, report.date_to
            )
        return True

    def action_send(self):
        """Render the PDF and mail it to the company's managers, each in their
        language (one message per language, the PDF printed in it)."""
        for report in self:
            if report.state == "sent":
                raise UserError(self.env._("The report of %s was already sent.", report.name))
            report.action_evaluate()
            company = report.company_id
            by_lang = {}
            for manager in report._get_recipients():
                lang = company._pm_lang(manager)
                by_lang[lang] = by_lang.get(lang, self.env["res.partner"]) | manager.partner_id
            company_lang = company._pm_lang()
            by_lang.setdefault(company_lang, self.env["res.partner"])
            attachments = {}
            for lang, partners in by_lang.items():
                attachments[lang] = report.with_context(lang=lang)._post_report(partners)
            report.write(
                {
                    "state": "sent",
                    "sent_date": fields.Datetime.now(),
                    "attachment_id": attachments[company_lang].id,
                }
            )
        return True

    def _post_report(self, partners):
        """Post the PDF, rendered in the context's language, to ``partners``."""
        self.ensure_one()
        pdf, _kind = self.env["ir.actions.report"]._render_qweb_pdf(
            "pm_aftersales.action_report_monthly", self.ids
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._("Monthly Service Report %s.pdf", self.name),
                "datas": base64.b64encode(pdf),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        if partners:
            self.message_post(
                body=self.env._("The monthly service report of %s.", self.name),
                subject=self.env._(
                    "%(company)s: monthly service report %(month)s",
                    company=self.company_id.name,
                    month=self.name,
                ),
                partner_ids=partners.ids,
                attachment_ids=attachment.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return attachment

    def _get_recipients(self):
        self.ensure_one()
        return self.company_id._pm_managers().filtered("email")

    @api.model
    def _prepare_month_vals(self, day, company):
        start = day.replace(day=1)
        end = fields.Date.subtract(fields.Date.add(start, months=1), days=1)
        return {"company_id": company.id, "date_from": start, "date_to": end}

    @api.model
    def _cron_send_monthly(self):
        """On the first of the month: last month's report, once per company
        (a second run finds it sent)."""
        companies = self.env["pm.kpi"].search([]).company_id
        for company in companies:
            # The first of the month on the company's clock (the cron runs as
            # OdooBot, whose time zone may be unset).
            last_month = fields.Date.subtract(company._pm_today().replace(day=1), days=1)
            vals = self._prepare_month_vals(last_month, company)
            report = self.search(
                [("company_id", "=", company.id), ("date_from", "=", vals["date_from"])]
            ) or self.create(vals)
            if report.state != "sent":
                report.action_send()
        return True

    # ------------------------------------------------------------------
    # What the PDF shows
    # ------------------------------------------------------------------
    def _format_month(self, day):
        return format_month(self.env, day)

    def _sort_by_workflow(self, rows):
        """Rectification rows (state, ...) in the order of the workflow (the
        selection's), not alphabetically."""
        states = [
            key for key, _label in self.env["pm.rectification.order"]._fields["state"].selection
        ]
        return sorted(rows, key=lambda row: states.index(row[0]) if row[0] in states else 99)

    def _report_data(self):
        self.ensure_one()
        start, end = self.company_id._pm_utc_bounds(self.date_from, self.date_to)
        company = [("company_id", "=", self.company_id.id)]
        env = self.env
        jobs_domain = [*company, ("done_date", ">=", start), ("done_date", "<", end)]
        Jobs = env["pm.job.analysis"].sudo()
        job_totals = Jobs._read_group(
            jobs_domain,
            [],
            [
                "__count",
                "arrival_met:avg",
                "completion_met:avg",
                "first_time:avg",
                "satisfaction:avg",
            ],
        )[0]
        times = Jobs._time_stats(jobs_domain)
        complaints = env["pm.complaint.analysis"].sudo()
        by_cause = complaints._read_group(
            [*company, ("date", ">=", start), ("date", "<", end)],
            ["cause_id"],
            ["__count", "upheld:avg"],
            order="__count desc",
        )
        # The month and the two before, in one grouped read by local month.
        first = fields.Date.subtract(self.date_from, months=2)
        trend_start, _end = self.company_id._pm_utc_bounds(first, self.date_to)
        counts = {
            fields.Date.to_date(month): count
            for month, count in complaints.with_context(
                tz=self.company_id._pm_tz().zone
            )._read_group(
                [*company, ("date", ">=", trend_start), ("date", "<", end)],
                ["date:month"],
                ["__count"],
            )
        }
        trend = [
            (month, counts.get(month, 0))
            for month in (first, fields.Date.add(first, months=1), self.date_from)
        ]
        failures = (
            env["pm.failure.report"]
            .sudo()
            ._read_group(
                [*company, ("date", ">=", start), ("date", "<", end)],
                ["failure_cause_id"],
                ["__count"],
                order="__count desc",
                limit=5,
            )
        )
        rectifications = self._sort_by_workflow(
            env["pm.rectification.analysis"]
            .sudo()
            ._read_group(company, ["state"], ["__count", "overdue_count:sum"])
        )
        contractors = (
            env["pm.rectification.analysis"]
            .sudo()
            ._read_group(
                [*company, ("open_count", "=", 1)],
                ["contractor_id"],
                ["__count", "overdue_count:sum"],
                order="__count desc",
            )
        )
        scorecards = (
            env["pm.scorecard"]
            .sudo()
            .search(
                [
                    *company,
                    ("date_from", "=", self.date_from),
                    ("rank", ">=", 1),
                    ("rank", "<=", 3),
                ],
                order="team_id, rank",
            )
        )
        return {
            "jobs": job_totals,
            "times": times,
            "complaints_by_cause": by_cause,
            "complaint_trend": trend,
            "failures": failures,
            "rectifications": rectifications,
            "contractors": contractors,
            "scorecards": scorecards,
            "evaluations": self.evaluation_ids.filtered(lambda e: e.scope != "team"),
        }
