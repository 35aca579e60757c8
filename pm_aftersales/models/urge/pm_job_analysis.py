from odoo import api, fields, models
from odoo.tools import SQL


class PmJobAnalysis(models.Model):
    """How often owners urged their jobs."""

    _inherit = "pm.job.analysis"
    _depends = {"helpdesk.ticket": ["urge_count"]}

    urge_count = fields.Integer(string="Urges", readonly=True)
    urged = fields.Float(string="Urged (%)", readonly=True, aggregator="avg")

    @api.model
    def _select(self):
        return SQL(
            """%s,
            COALESCE(t.urge_count, 0) AS urge_count,
            CASE WHEN COALESCE(t.urge_count, 0) > 0 THEN 100 ELSE 0 END AS urged
            """,
            super()._select(),
        )
