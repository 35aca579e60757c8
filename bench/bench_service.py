"""Service orders (issue 3): ticket creation and the escalation job."""

from harness import benchmark

from odoo import fields


def _job_vals(env, i, full):
    unit = env["pm.unit"].search([], limit=1, offset=i % 50)
    vals = {
        "name": f"Bench job {i}",
        "description": "<p>Leak</p>",
        "partner_id": unit.owner_ids[:1].id or env.user.partner_id.id,
        "team_id": env["helpdesk.ticket.team"].search([], limit=1).id,
    }
    if full:
        vals.update(
            category_id=env.ref("pm_aftersales.helpdesk_category_burst_pipe").id,
            unit_id=unit.id,
        )
    return vals


@benchmark
def service_ticket_creation(bench):
    """Plain helpdesk_mgmt ticket vs a job with type, category, unit, time
    limits: one create per ticket, as the hotline does (tracking and creation
    message on), and bare (tracking off: the plain ticket's cheapest form)."""
    units = bench.generator.estates(1, 1, floors=10, units_per_floor=5)
    bench.generator.owners(units)
    n = bench.size(200)
    for tracking in (True, False):
        env = bench.env(context=dict(bench.env.context, tracking_disable=not tracking))
        Ticket = env["helpdesk.ticket"]
        mode = "tracking on" if tracking else "tracking off"
        for label, full in (("plain helpdesk ticket", False), ("job, unit, time limits", True)):
            vals = [_job_vals(env, i, full) for i in range(n)]
            Ticket.create(vals[0])  # warm the caches
            with bench.measure(f"create ({mode}): {label}", n):
                for v in vals:
                    Ticket.create(v)
                    env.flush_all()
        plain, job = bench.results[-2], bench.results[-1]
        job.note = (
            f"x{job.queries_per_item / plain.queries_per_item:.2f} queries, "
            f"x{job.per_item_ms / plain.per_item_ms:.2f} time vs plain"
        )


@benchmark
def service_escalation(bench):
    """The escalation job with 10,000 and 100,000 open jobs, 1 % newly due:
    finding them (queries must not grow) and the escalations made, by batch
    (the escalation engine: one activity create, one message create, one
    update per batch), per escalation."""
    env = bench.env(context=dict(bench.env.context, tracking_disable=False))
    Milestone = env["pm.ticket.milestone"]
    domain = [("state", "=", "running"), ("next_escalation_date", "<=", fields.Datetime.now())]
    # the team leader is told at the first level: a real user, a real activity
    leader = env["res.users"].create({"name": "Bench leader", "login": "bench_leader"})
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench crew", "alias_name": "bench-crew", "user_id": leader.id}
    )
    first, total = bench.size(10000), bench.size(100000)
    open_jobs = 0
    for batch in (first, total - first):
        bench.generator.tickets_sql(batch, team=team)
        open_jobs += batch
        with bench.measure(f"find due escalations ({open_jobs} open jobs)", 1) as box:
            found = Milestone.search(domain)
            box["note"] = f"{len(found)} due"
    escalated = found[: bench.size(200)]
    with bench.measure("escalations made in a batch, per escalation", len(escalated)) as box:
        made = escalated._escalate()
        box["note"] = f"{len(made)} made, one recipient"
    # The cron over all that is due now (the rest of the due jobs, the next
    # level of those just made), with jobs of ten more crews: eleven leaders told.
    leaders = env["res.users"].create(
        [{"name": f"Bench leader {i}", "login": f"bench_leader_{i}"} for i in range(10)]
    )
    for i, user in enumerate(leaders):
        crew = env["helpdesk.ticket.team"].create(
            {"name": f"Bench crew {i}", "alias_name": f"bench-crew-{i}", "user_id": user.id}
        )
        bench.generator.tickets_sql(bench.size(40), due_share=1.0, team=crew)
    with bench.measure("cron run, per escalation", 1) as box:
        made = Milestone._cron_escalate()
        box["note"] = f"{len(made)} made, {len(leaders) + 1} recipients"
    bench.results[-1].n = len(made)
