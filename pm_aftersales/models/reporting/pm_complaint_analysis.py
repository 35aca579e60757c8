from odoo import api, fields, models
from odoo.tools import SQL


class PmComplaintAnalysis(models.Model):
    """Complaints (投诉统计与分析): count by type, cause, building, staff and
    period; time to answer and to resolve; upheld or not; repeat
    complainants (another complaint in the 90 days before)."""

    _name = "pm.complaint.analysis"
    _inherit = ["pm.analysis.mixin"]
    _description = "Complaint Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "ticket_id"
    _depends = {
        "helpdesk.ticket": [
            "report_date",
            "answered_date",
            "closed_date",
            "company_id",
            "estate_id",
            "building_id",
            "category_id",
            "complaint_cause_id",
            "concerned_employee_id",
            "complaint_upheld",
            "partner_id",
            "is_complaint",
            "team_id",
        ],
    }

    ticket_id = fields.Many2one("helpdesk.ticket", string="Complaint", readonly=True)
    date = fields.Datetime(string="Reported On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    estate_id = fields.Many2one("pm.estate", string="Estate", readonly=True)
    building_id = fields.Many2one("pm.building", string="Building", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team", readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", string="Type", readonly=True)
    cause_id = fields.Many2one("pm.complaint.cause", string="Cause", readonly=True)
    employee_id = fields.Many2one("hr.employee", string="Staff Concerned", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Complainant", readonly=True)
    finding = fields.Selection(
        [("upheld", "Upheld"), ("partly", "Partly Upheld"), ("not_upheld", "Not Upheld")],
        readonly=True,
    )
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    upheld = fields.Float(string="Upheld (%)", readonly=True, aggregator="avg")
    answer_hours = fields.Float(
        string="Hours to Answer", readonly=True, aggregator="avg", digits=(16, 1)
    )
    resolve_hours = fields.Float(
        string="Hours to Resolve", readonly=True, aggregator="avg", digits=(16, 1)
    )
    is_repeat = fields.Boolean(string="Repeat Complainant", readonly=True)
    repeat_count = fields.Integer(string="Repeat Complaints", readonly=True)

    @api.model
    def _select(self):
        return SQL(
            """
            t.id AS id, t.id AS ticket_id, t.report_date AS date, t.company_id, t.estate_id,
            t.building_id, t.team_id, t.category_id, t.complaint_cause_id AS cause_id,
            t.concerned_employee_id AS employee_id, t.partner_id,
            t.complaint_upheld AS finding, 1 AS complaint_count,
            CASE WHEN t.complaint_upheld IS NOT NULL
                 THEN CASE WHEN t.complaint_upheld = 'upheld' THEN 100 ELSE 0 END END AS upheld,
            EXTRACT(EPOCH FROM t.answered_date - t.report_date) / 3600.0 AS answer_hours,
            EXTRACT(EPOCH FROM t.closed_date - t.report_date) / 3600.0 AS resolve_hours,
            COALESCE(r.previous >= t.report_date - INTERVAL '90 days', FALSE) AS is_repeat,
            CASE WHEN r.previous >= t.report_date - INTERVAL '90 days' THEN 1 ELSE 0 END
                AS repeat_count
            """
        )

    @api.model
    def _from(self):
        # The complainant's previous complaint, by a window over the
        # complaints (one sort), not a lookup per complaint.
        return SQL(
            """
            helpdesk_ticket t
            LEFT JOIN (
                SELECT id,
                       LAG(report_date) OVER (
                           PARTITION BY partner_id ORDER BY report_date, id
                       ) AS previous
                  FROM helpdesk_ticket
                 WHERE is_complaint AND active AND partner_id IS NOT NULL
            ) r ON r.id = t.id
            """
        )

    @api.model
    def _where(self):
        return SQL("t.active AND t.is_complaint")
