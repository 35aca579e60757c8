"""Scorecards: the weighted points of a line now use the weight scaled over
the measured indicators (the score is their sum, as the lines show), and a
scorecard with nothing measured has no score and no rank. Recompute the
stored lines and totals of every scorecard, closed periods included (the
same numbers, now shown as they add up), then rank again."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    lines = env["pm.scorecard.line"].with_context(active_test=False).search([])
    cards = env["pm.scorecard"].with_context(active_test=False).search([])
    env.add_to_compute(lines._fields["share"], lines)
    env.add_to_compute(lines._fields["weighted"], lines)
    # The lines first: the totals are their sums.
    env.flush_all()
    env.add_to_compute(cards._fields["measured"], cards)
    env.add_to_compute(cards._fields["computed_score"], cards)
    env.add_to_compute(cards._fields["total_score"], cards)
    env.flush_all()
    cards._rank()
