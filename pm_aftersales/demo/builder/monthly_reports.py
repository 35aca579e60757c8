from odoo import api, fields, models


class PmDemoBuilder(models.AbstractModel):
    """Demo KPI evaluations (two full months and this one), an improvement
    action worked out, and last month's report. Called by
    demo/pm_report_demo.xml."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_monthly_reports(self):
        company = self.env.ref("base.main_company")
        Report = self.env["pm.monthly.report"]
        today = fields.Date.context_today(self)
        month = today.replace(day=1)
        months = [month]
        for _i in range(2):
            month = fields.Date.subtract(month, months=1)
            months.insert(0, month)
        Evaluation = self.env["pm.kpi.evaluation"]
        for start in months:
            vals = Report._prepare_month_vals(start, company)
            Evaluation._evaluate(company, vals["date_from"], vals["date_to"])
        # One improvement action already worked out.
        action = self.env["pm.kpi.action"].search(
            [("date_from", "=", months[0])], order="id", limit=1
        )
        if action:
            action.write(
                {
                    "cause": "夜间值班仅 1 名水电工，暴雨期间同时报修多起。",
                    "description": "雨季增设夜间备班 1 人，紧急维修优先派单。",
                    "result": "次月紧急维修按时到场率回升。",
                }
            )
            action.action_done()
        Report.create(Report._prepare_month_vals(months[1], company))
        return True
