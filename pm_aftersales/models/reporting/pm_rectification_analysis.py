from odoo import api, fields, models
from odoo.tools import SQL


class PmRectificationAnalysis(models.Model):
    """Rectification orders: open and overdue ones by trade, contractor and
    estate, days to close, failed acceptances."""

    _name = "pm.rectification.analysis"
    _inherit = ["pm.analysis.mixin"]
    _description = "Rectification Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "order_id"
    _depends = {
        "pm.rectification.order": [
            "order_date",
            "deadline",
            "state",
            "trade_id",
            "contractor_id",
            "estate_id",
            "building_id",
            "company_id",
            "accepted_date",
            "acceptance_round",
            "escalation_level",
        ],
    }

    order_id = fields.Many2one("pm.rectification.order", string="Order", readonly=True)
    date = fields.Date(string="Order Date", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    estate_id = fields.Many2one("pm.estate", string="Estate", readonly=True)
    building_id = fields.Many2one("pm.building", string="Building", readonly=True)
    trade_id = fields.Many2one("pm.trade", string="Trade", readonly=True)
    contractor_id = fields.Many2one("res.partner", string="Contractor", readonly=True)
    state = fields.Char(string="Status", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    open_count = fields.Integer(string="Open", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    on_time = fields.Float(string="Accepted on Time (%)", readonly=True, aggregator="avg")
    days_to_close = fields.Float(
        string="Days to Acceptance", readonly=True, aggregator="avg", digits=(16, 1)
    )
    acceptance_failures = fields.Integer(string="Failed Acceptances", readonly=True)
    escalated = fields.Integer(string="Escalated", readonly=True)

    @api.model
    def _select(self):
        return SQL(
            """
            o.id AS id, o.id AS order_id, o.order_date AS date, o.company_id, o.estate_id,
            o.building_id, o.trade_id, o.contractor_id, o.state, 1 AS order_count,
            CASE WHEN o.state NOT IN ('draft', 'accepted', 'closed') THEN 1 ELSE 0 END
                AS open_count,
            CASE WHEN o.state IN ('verified', 'assigned', 'planned', 'in_progress')
                      AND o.deadline < CURRENT_DATE THEN 1 ELSE 0 END AS overdue_count,
            CASE WHEN o.accepted_date IS NOT NULL AND o.deadline IS NOT NULL
                 THEN CASE WHEN o.accepted_date::date <= o.deadline THEN 100 ELSE 0 END END
                AS on_time,
            o.accepted_date::date - o.order_date AS days_to_close,
            GREATEST(COALESCE(o.acceptance_round, 1) - 1, 0) AS acceptance_failures,
            CASE WHEN COALESCE(o.escalation_level, 0) > 0 THEN 1 ELSE 0 END AS escalated
            """
        )

    @api.model
    def _from(self):
        return SQL("pm_rectification_order o")
