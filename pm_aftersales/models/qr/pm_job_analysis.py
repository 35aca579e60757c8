from odoo import api, fields, models
from odoo.tools import SQL


class PmJobAnalysis(models.Model):
    """The share of arrivals proven by a label or a position."""

    _inherit = "pm.job.analysis"
    _depends = {"helpdesk.ticket": ["checkin_method"]}

    arrival_proven = fields.Float(string="Proven Arrivals (%)", readonly=True, aggregator="avg")

    @api.model
    def _select(self):
        return SQL(
            """%s,
            CASE WHEN t.checkin_method IN ('qr', 'gps') THEN 100
                 WHEN t.checkin_date IS NOT NULL THEN 0 END AS arrival_proven
            """,
            super()._select(),
        )
