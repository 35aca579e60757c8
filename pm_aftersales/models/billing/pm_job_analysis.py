from odoo import api, fields, models
from odoo.tools import SQL

from .helpdesk_ticket import BILLING_STATES, CHARGE_MODES


class PmJobAnalysis(models.Model):
    """Free and chargeable jobs, what they brought in and what is unpaid."""

    _inherit = "pm.job.analysis"
    _depends = {
        "helpdesk.ticket": ["charge_mode", "billing_state", "amount_billed", "amount_due"],
    }

    charge_mode = fields.Selection(CHARGE_MODES, string="Charging", readonly=True)
    billing_state = fields.Selection(BILLING_STATES, string="Payment", readonly=True)
    chargeable = fields.Float(string="Chargeable (%)", readonly=True, aggregator="avg")
    amount_billed = fields.Float(
        string="Invoiced", readonly=True, digits=(16, 2), groups="sales_team.group_sale_salesman"
    )
    amount_due = fields.Float(
        string="Amount Due", readonly=True, digits=(16, 2), groups="sales_team.group_sale_salesman"
    )

    @api.model
    def _select(self):
        return SQL(
            """%s,
            t.charge_mode, t.billing_state,
            CASE WHEN t.charge_mode = 'chargeable' THEN 100 ELSE 0 END AS chargeable,
            COALESCE(t.amount_billed, 0) AS amount_billed,
            COALESCE(t.amount_due, 0) AS amount_due
            """,
            super()._select(),
        )
