"""Staff (issue 7): a month's scorecards for 200 technicians over 100,000
jobs. Goal: a handful of grouped queries, not one per employee per
indicator; under 3 s."""

from datetime import date

from harness import benchmark

from odoo.tests.common import new_test_user


@benchmark
def monthly_scorecards(bench):
    env = bench.env
    n_tech, n_jobs = bench.size(200), bench.size(100000)
    users = [
        new_test_user(env, login=f"bench_tech_{i}", groups="pm_aftersales.group_pm_technician")
        for i in range(n_tech)
    ]
    env["hr.employee"].create([{"name": u.name, "user_id": u.id} for u in users])
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench crew", "user_ids": [(6, 0, [u.id for u in users])]}
    )
    bench.generator.tickets_sql(n_jobs, due_share=0, team=team)
    cr = env.cr
    # Spread the jobs over the technicians and the month: completed, a share
    # reworked, rated, their milestones met or missed.
    cr.execute(
        """
        UPDATE helpdesk_ticket t SET
               user_id = (%s::int[])[1 + t.id %% %s],
               report_date = %s::timestamp + (t.id %% 27) * interval '1 day',
               checkin_date = %s::timestamp + (t.id %% 27) * interval '1 day'
                              + (t.id %% 40) * interval '1 minute',
               done_date = %s::timestamp + (t.id %% 27) * interval '1 day'
                           + (t.id %% 12) * interval '1 hour',
               rework_count = CASE WHEN t.id %% 17 = 0 THEN 1 ELSE 0 END,
               satisfaction = CASE WHEN t.id %% 3 = 0 THEN 3 + t.id %% 3 ELSE 0 END
         WHERE t.number LIKE 'BENCH%%'
        """,
        ([u.id for u in users], n_tech, date(2026, 9, 1), date(2026, 9, 1), date(2026, 9, 1)),
    )
    cr.execute(
        """
        UPDATE pm_ticket_milestone m SET state = 'met', within_limit = (m.id % 10 <> 0)
          FROM helpdesk_ticket t WHERE t.id = m.ticket_id AND t.number LIKE 'BENCH%'
        """
    )
    cr.execute("ANALYZE helpdesk_ticket")
    env.invalidate_all()
    period = env["pm.scorecard.period"].create(
        env["pm.scorecard.period"]._prepare_month_vals(date(2026, 9, 15))
    )
    with bench.measure(
        f"scorecards: {n_tech} technicians, {n_jobs} jobs (first computation)", n_tech
    ) as box:
        period.action_compute()
        box["note"] = (
            f"{len(period.scorecard_ids)} scorecards, {len(period.scorecard_ids.line_ids)} lines"
        )
    with bench.measure("recompute the same month", n_tech) as box:
        period.action_compute()
        box["note"] = f"best {max(period.scorecard_ids.mapped('total_score')):.2f}"
