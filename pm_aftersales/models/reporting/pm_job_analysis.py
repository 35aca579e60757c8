from odoo import api, fields, models
from odoo.tools import SQL


class PmJobAnalysis(models.Model):
    """Jobs (repairs and other service orders, complaints excluded): how many,
    how fast, within which limits, by estate, building, category, trade,
    team, technician, channel and period. Shares are 0/100 per job, so the
    pivot's average is the share in %."""

    _name = "pm.job.analysis"
    _inherit = ["pm.analysis.mixin"]
    _description = "Job Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "ticket_id"
    _depends = {
        "helpdesk.ticket": [
            "report_date",
            "done_date",
            "checkin_date",
            "company_id",
            "estate_id",
            "building_id",
            "category_id",
            "ticket_type_id",
            "trade_id",
            "team_id",
            "user_id",
            "channel_id",
            "service_state",
            "delay_count",
            "escalation_level",
            "rework_count",
            "satisfaction",
            "is_complaint",
        ],
        "pm.ticket.milestone": ["milestone_type", "state", "within_limit", "ticket_id"],
        "pm.ticket.followup": ["ticket_id"],
        "pm.ticket.type": ["code", "needs_followup"],
    }

    ticket_id = fields.Many2one("helpdesk.ticket", string="Job", readonly=True)
    date = fields.Datetime(string="Reported On", readonly=True)
    done_date = fields.Datetime(string="Completed On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    estate_id = fields.Many2one("pm.estate", string="Estate", readonly=True)
    building_id = fields.Many2one("pm.building", string="Building", readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", string="Category", readonly=True)
    ticket_type_id = fields.Many2one("pm.ticket.type", string="Job Type", readonly=True)
    trade_id = fields.Many2one("pm.trade", string="Trade", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Technician", readonly=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", string="Channel", readonly=True)
    service_state = fields.Char(string="Service State", readonly=True)
    is_open = fields.Boolean(string="Open", readonly=True)
    job_count = fields.Integer(string="Jobs", readonly=True)
    arrival_minutes = fields.Float(
        string="Time to Arrive (min)", readonly=True, aggregator="avg", digits=(16, 1)
    )
    completion_hours = fields.Float(
        string="Time to Complete (h)", readonly=True, aggregator="avg", digits=(16, 2)
    )
    arrival_met = fields.Float(string="Arrivals within Limit (%)", readonly=True, aggregator="avg")
    completion_met = fields.Float(
        string="Completions within Limit (%)", readonly=True, aggregator="avg"
    )
    delay_count = fields.Integer(string="Delays", readonly=True)
    escalated = fields.Integer(string="Escalated", readonly=True)
    rework_count = fields.Integer(string="Rework", readonly=True)
    first_time = fields.Float(string="Accepted at First Try (%)", readonly=True, aggregator="avg")
    satisfaction = fields.Float(string="Satisfaction", readonly=True, aggregator="avg")
    followup_done = fields.Float(string="Follow-up Done (%)", readonly=True, aggregator="avg")

    @api.model
    def _select(self):
        return SQL(
            """
            t.id AS id, t.id AS ticket_id, t.report_date AS date, t.done_date AS done_date,
            t.company_id, t.estate_id, t.building_id, t.category_id, t.ticket_type_id,
            t.trade_id, t.team_id, t.user_id, t.channel_id, t.service_state,
            t.done_date IS NULL AND t.service_state NOT IN ('closed', 'cancelled') AS is_open,
            1 AS job_count,
            EXTRACT(EPOCH FROM t.checkin_date - t.report_date) / 60.0 AS arrival_minutes,
            EXTRACT(EPOCH FROM t.done_date - t.report_date) / 3600.0 AS completion_hours,
            CASE WHEN m.arrival_reached THEN CASE WHEN m.arrival_ok THEN 100 ELSE 0 END END
                AS arrival_met,
            CASE WHEN m.completion_reached THEN CASE WHEN m.completion_ok THEN 100 ELSE 0 END END
                AS completion_met,
            COALESCE(t.delay_count, 0) AS delay_count,
            CASE WHEN COALESCE(t.escalation_level, 0) > 0 THEN 1 ELSE 0 END AS escalated,
            COALESCE(t.rework_count, 0) AS rework_count,
            CASE WHEN t.done_date IS NOT NULL
                 THEN CASE WHEN COALESCE(t.rework_count, 0) = 0 THEN 100 ELSE 0 END END
                AS first_time,
            NULLIF(t.satisfaction, 0) AS satisfaction,
            CASE WHEN t.done_date IS NOT NULL AND tt.needs_followup
                 THEN CASE WHEN f.ticket_id IS NOT NULL THEN 100 ELSE 0 END END
                AS followup_done
            """
        )

    @api.model
    def _from(self):
        return SQL(
            """
            helpdesk_ticket t
            LEFT JOIN pm_ticket_type tt ON tt.id = t.ticket_type_id
            LEFT JOIN (
                SELECT ticket_id,
                       BOOL_OR(milestone_type = 'arrival' AND state IN ('met', 'missed'))
                           AS arrival_reached,
                       BOOL_OR(milestone_type = 'arrival' AND within_limit) AS arrival_ok,
                       BOOL_OR(milestone_type = 'completion' AND state IN ('met', 'missed'))
                           AS completion_reached,
                       BOOL_OR(milestone_type = 'completion' AND within_limit) AS completion_ok
                  FROM pm_ticket_milestone
              GROUP BY ticket_id
            ) m ON m.ticket_id = t.id
            LEFT JOIN (SELECT DISTINCT ticket_id FROM pm_ticket_followup) f
                ON f.ticket_id = t.id
            """
        )

    @api.model
    def _where(self):
        return SQL("t.active AND NOT COALESCE(t.is_complaint, FALSE)")

    @api.model
    def _time_stats(self, domain):
        """{"arrival": (average, 90th percentile), "completion": (...)} in
        minutes and hours over the jobs of ``domain`` (one query)."""
        query = self._search(domain)
        self.env.cr.execute(
            SQL(
                """
                SELECT AVG(sub.arrival_minutes),
                       PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY sub.arrival_minutes),
                       AVG(sub.completion_hours),
                       PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY sub.completion_hours)
                  FROM %s AS sub
                """,
                query.subselect(
                    SQL.identifier("pm_job_analysis", "arrival_minutes"),
                    SQL.identifier("pm_job_analysis", "completion_hours"),
                ),
            )
        )
        arrival, arrival_p90, completion, completion_p90 = self.env.cr.fetchone()
        return {"arrival": (arrival, arrival_p90), "completion": (completion, completion_p90)}
