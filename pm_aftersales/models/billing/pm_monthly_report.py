from odoo import models


class PmMonthlyReport(models.Model):
    """The month's paid repairs and value-added services: free and
    chargeable jobs completed, what was invoiced and what is unpaid, by
    category."""

    _inherit = "pm.monthly.report"

    def _report_data(self):
        data = super()._report_data()
        data["billing"] = self._pm_billing_data()
        return data

    def _pm_billing_data(self):
        self.ensure_one()
        start, end = self.company_id._pm_utc_bounds(self.date_from, self.date_to)
        company = [("company_id", "=", self.company_id.id)]
        jobs = dict(
            self.env["pm.job.analysis"]
            .sudo()
            ._read_group(
                [*company, ("done_date", ">=", start), ("done_date", "<", end)],
                ["charge_mode"],
                ["__count"],
            )
        )
        Revenue = self.env["pm.revenue.analysis"].sudo()
        month = [*company, ("date", ">=", self.date_from), ("date", "<=", self.date_to)]
        amount, due = Revenue._read_group(month, [], ["amount:sum", "amount_due:sum"])[0]
        by_category = Revenue._read_group(
            month, ["category_id"], ["amount:sum", "amount_due:sum"], order="amount:sum desc"
        )
        return {
            "free": jobs.get("free", 0),
            "chargeable": jobs.get("chargeable", 0),
            "amount": amount or 0.0,
            "due": due or 0.0,
            "by_category": by_category,
            "currency": self.company_id.currency_id,
        }
