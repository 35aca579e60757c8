"""Rectification (issue 6): the daily owner notices for 1,000 owners with
open orders, against the same notices sent one owner at a time with
mail.template.send_mail (what a naive loop would do), and the hourly
escalation run over 2,000 open orders of which 500 are late."""

from datetime import timedelta

from harness import benchmark

from odoo import fields


def _orders(bench, n_units, state="in_progress", deadline=None):
    env = bench.env
    floors, per_floor = 20, 5
    buildings = max(1, n_units // (floors * per_floor))
    units = bench.generator.estates(1, buildings, floors, per_floor)[:n_units]
    bench.generator.owners(units, share_two_units=0.0)
    partners = units.owner_ids
    for index, partner in enumerate(partners):
        partner.email = f"owner{index}@bench.example.com"
    trade = env.ref("pm_aftersales.pm_trade_civil")
    today = fields.Date.today()
    return env["pm.rectification.order"].create(
        [
            {
                "unit_id": unit.id,
                "trade_id": trade.id,
                "state": state,
                "order_date": today - timedelta(days=30),
                "deadline": deadline or today + timedelta(days=10),
            }
            for unit in units
            for _k in range(2)  # two open orders per unit
        ]
    )


@benchmark
def daily_notices(bench):
    """1,000 owners, 2,000 open orders: today's notices (rendered in each
    owner's language, stored, one mail each)."""
    env = bench.env
    Notice = env["pm.rectification.notice"]
    env["pm.rectification.order"].search([]).write({"state": "closed"})
    n = bench.size(1000)
    orders = _orders(bench, n)
    with bench.measure(f"daily notices: {n} owners, {len(orders)} open orders", n) as box:
        notices = Notice._send_daily_notices()
        box["note"] = f"{len(notices)} notices, {len(notices.mail_id)} mails"
    ours = bench.results[-1]
    with bench.measure("second run the same day (nothing to send)", n) as box:
        box["note"] = f"{len(Notice._send_daily_notices())} notices"
    # The anchor: the same notices, one send_mail per owner.
    template = env.ref("pm_aftersales.mail_template_rectification_notice")
    notices.mail_id.unlink()
    with bench.measure(f"anchor: send_mail one owner at a time, {n} owners", n) as box:
        for notice in notices:
            template.send_mail(notice.id, email_layout_xmlid="mail.mail_notification_light")
        box["note"] = f"{len(notices)} mails"
    anchor = bench.results[-1]
    ours.note += (
        f"; x{ours.queries / anchor.queries:.2f} queries, "
        f"x{ours.seconds / anchor.seconds:.2f} time vs one-by-one mails (render included)"
    )


@benchmark
def rectification_escalation(bench):
    """The hourly escalation over 2,000 open orders, 500 of them past their
    deadline: first run (500 escalations), then a run with nothing due."""
    env = bench.env
    Order = env["pm.rectification.order"]
    Order.search([]).write({"state": "closed"})
    n_late = bench.size(250)
    on_time = _orders(bench, bench.size(750))
    yesterday = fields.Date.today() - timedelta(days=1)
    late = _orders(bench, n_late, deadline=yesterday)
    manager = env.ref("base.user_admin")
    (on_time | late).rect_owner_id = manager
    with bench.measure(
        f"escalate: {len(on_time | late)} open orders, {len(late)} late", len(late)
    ) as box:
        Order._cron_escalate()
        box["note"] = f"{len(late.filtered('escalation_level'))} escalated"
    with bench.measure("next hour (nothing due)", len(on_time | late)) as box:
        Order._cron_escalate()
        box["note"] = f"max level {max(late.mapped('escalation_level'))}"
