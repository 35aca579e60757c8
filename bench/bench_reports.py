"""Managers' reports (issue 8): with 100,000 jobs, 10,000 complaints and
2,000 rectification orders, each analysis view's grouped read (pivot by month
x category), the dashboard's reads and the monthly PDF. Goal: each read under
1 s, the PDF under 10 s."""

from datetime import date

from harness import benchmark

from odoo import fields


def _history(bench, n_jobs, n_complaints, n_orders):
    env, cr = bench.env, bench.env.cr
    categories = env["helpdesk.ticket.category"].search([("ticket_type_id", "!=", False)]).ids
    complaint_type = env.ref("pm_aftersales.pm_ticket_type_complaint")
    causes = env["pm.complaint.cause"].search([]).ids
    team = env["helpdesk.ticket.team"].search([], limit=1)
    units = bench.generator.estates(1, 10, 20, 5)
    bench.generator.owners(units)
    bench.generator.tickets_sql(n_jobs, due_share=0, team=team)
    cr.execute(
        """
        UPDATE helpdesk_ticket t SET
               category_id = (%s::int[])[1 + t.id %% %s],
               unit_id = (%s::int[])[1 + t.id %% %s],
               report_date = %s::timestamp + (t.id %% 365) * interval '1 day',
               checkin_date = %s::timestamp + (t.id %% 365) * interval '1 day'
                              + (t.id %% 40) * interval '1 minute',
               done_date = %s::timestamp + (t.id %% 365) * interval '1 day'
                           + (t.id %% 30) * interval '1 hour',
               rework_count = CASE WHEN t.id %% 17 = 0 THEN 1 ELSE 0 END,
               satisfaction = CASE WHEN t.id %% 3 = 0 THEN 3 + t.id %% 3 ELSE 0 END
         WHERE t.number LIKE 'BENCH%%'
        """,
        (
            categories,
            len(categories),
            units.ids,
            len(units),
            date(2025, 12, 1),
            date(2025, 12, 1),
            date(2025, 12, 1),
        ),
    )
    cr.execute(
        """
        UPDATE helpdesk_ticket t SET is_complaint = TRUE, ticket_type_id = %s,
               complaint_cause_id = (%s::int[])[1 + t.id %% %s],
               complaint_upheld = CASE WHEN t.id %% 2 = 0 THEN 'upheld' ELSE 'not_upheld' END
         WHERE t.id IN (SELECT id FROM helpdesk_ticket WHERE number LIKE 'BENCH%%'
                        ORDER BY id LIMIT %s)
        """,
        (complaint_type.id, causes, len(causes), n_complaints),
    )
    cr.execute(
        "UPDATE helpdesk_ticket t SET estate_id = u.estate_id, building_id = u.building_id "
        "FROM pm_unit u WHERE u.id = t.unit_id AND t.number LIKE 'BENCH%%'"
    )
    cr.execute(
        """
        UPDATE pm_ticket_milestone m SET state = 'met', within_limit = (m.id % 10 <> 0)
          FROM helpdesk_ticket t WHERE t.id = m.ticket_id AND t.number LIKE 'BENCH%'
        """
    )
    # An owner's follow-up answer for one job in three.
    cr.execute(
        """
        INSERT INTO pm_ticket_followup (ticket_id, company_id, date, method, score_speed,
                                        score_attitude, score_quality, user_id)
        SELECT t.id, t.company_id, t.done_date + interval '1 day', 'phone', 3 + t.id % 3,
               4 + t.id % 2, 5, 1
          FROM helpdesk_ticket t
         WHERE t.number LIKE 'BENCH%' AND NOT COALESCE(t.is_complaint, FALSE) AND t.id % 3 = 0
        """
    )
    trade = env.ref("pm_aftersales.pm_trade_civil")
    env["pm.rectification.order"].with_context(
        tracking_disable=True, mail_create_nolog=True
    ).create(
        [
            {
                "unit_id": units[i % len(units)].id,
                "trade_id": trade.id,
                "state": ("in_progress", "done", "closed")[i % 3],
                "order_date": date(2026, 1 + i % 9, 1),
                "deadline": date(2026, 1 + i % 9, 20),
            }
            for i in range(n_orders)
        ]
    )
    cr.execute("ANALYZE helpdesk_ticket")
    cr.execute("ANALYZE pm_ticket_milestone")
    env.invalidate_all()


@benchmark
def managers_reports(bench):
    env = bench.env
    n_jobs, n_complaints, n_orders = bench.size(100000), bench.size(10000), bench.size(2000)
    _history(bench, n_jobs, n_complaints, n_orders)
    for model, groupby, aggregates in (
        (
            "pm.job.analysis",
            ["date:month", "category_id"],
            ["__count", "arrival_met:avg", "completion_met:avg", "arrival_minutes:avg"],
        ),
        ("pm.complaint.analysis", ["date:month", "cause_id"], ["__count", "upheld:avg"]),
        ("pm.satisfaction.analysis", ["date:month", "team_id"], ["__count", "score_average:avg"]),
        ("pm.rectification.analysis", ["date:month", "trade_id"], ["__count", "overdue_count:sum"]),
    ):
        with bench.measure(f"pivot {model} by month x {groupby[1]}", n_jobs) as box:
            groups = env[model]._read_group([], groupby, aggregates)
            box["note"] = f"{len(groups)} cells"
    month = [("done_date", ">=", "2026-06-01"), ("done_date", "<", "2026-07-01")]
    with bench.measure("dashboard: its six reads", n_jobs) as box:
        env["helpdesk.ticket"].search([("is_late", "=", True)], limit=80)
        env["helpdesk.ticket"].search(
            [("escalation_level", ">", 0), ("service_state", "not in", ("done", "closed"))],
            limit=80,
        )
        env["pm.job.analysis"]._read_group(month, ["category_id"], ["completion_met:avg"])
        env["pm.kpi.evaluation"].search([("scope", "=", "company")], limit=40)
        env["pm.complaint.analysis"]._read_group(
            [("date", ">=", "2026-06-01"), ("date", "<", "2026-07-01")], ["cause_id"], ["__count"]
        )
        env["pm.job.analysis"]._read_group([("is_open", "=", True)], ["category_id"], ["__count"])
        box["note"] = "late, escalated, compliance, KPIs, complaint causes, open jobs"
    report = env["pm.monthly.report"].create(
        env["pm.monthly.report"]._prepare_month_vals(date(2026, 6, 1), env.company)
    )
    with bench.measure("evaluate the month's KPIs (company, estates, teams)", n_jobs) as box:
        box["note"] = f"{len(report.action_evaluate() and report.evaluation_ids)} evaluations"
    with bench.measure("monthly PDF (wkhtmltopdf)", 1) as box:
        pdf, _kind = (
            env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("pm_aftersales.action_report_monthly", report.ids)
        )
        box["note"] = f"{len(pdf) // 1024} KiB, {fields.Date.today()}"
