from odoo import fields, models
from odoo.tools import SQL


class PmFailureReport(models.Model):
    """Completed repairs by failure cause, equipment category, building and
    month (维修记录与分析). A read-only SQL view."""

    _name = "pm.failure.report"
    _description = "Failure Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "ticket_id"
    _depends = {
        "helpdesk.ticket": [
            "done_date",
            "report_date",
            "failure_cause_id",
            "equipment_id",
            "estate_id",
            "building_id",
            "category_id",
            "ticket_type_id",
            "company_id",
            "parts_cost",
        ],
        "pm.ticket.type": ["is_repair"],
        "maintenance.equipment": ["category_id"],
    }

    date = fields.Datetime(string="Completed On", readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", string="Job", readonly=True)
    failure_cause_id = fields.Many2one("pm.failure.cause", string="Failure Cause", readonly=True)
    equipment_id = fields.Many2one("maintenance.equipment", string="Equipment", readonly=True)
    equipment_category_id = fields.Many2one(
        "maintenance.equipment.category", string="Equipment Category", readonly=True
    )
    estate_id = fields.Many2one("pm.estate", string="Estate", readonly=True)
    building_id = fields.Many2one("pm.building", string="Building", readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", string="Job Category", readonly=True)
    ticket_type_id = fields.Many2one("pm.ticket.type", string="Job Type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    repair_hours = fields.Float(
        string="Hours to Repair", readonly=True, aggregator="avg", digits=(16, 1)
    )
    parts_cost = fields.Float(digits="Product Price", readonly=True)
    repair_count = fields.Integer(string="Repairs", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT ticket.id AS id,
                   ticket.id AS ticket_id,
                   ticket.done_date AS date,
                   ticket.failure_cause_id AS failure_cause_id,
                   ticket.equipment_id AS equipment_id,
                   equipment.category_id AS equipment_category_id,
                   ticket.estate_id AS estate_id,
                   ticket.building_id AS building_id,
                   ticket.category_id AS category_id,
                   ticket.ticket_type_id AS ticket_type_id,
                   ticket.company_id AS company_id,
                   EXTRACT(EPOCH FROM ticket.done_date - ticket.report_date) / 3600.0
                       AS repair_hours,
                   COALESCE(ticket.parts_cost, 0) AS parts_cost,
                   1 AS repair_count
              FROM helpdesk_ticket ticket
              JOIN pm_ticket_type ticket_type ON ticket_type.id = ticket.ticket_type_id
              LEFT JOIN maintenance_equipment equipment ON equipment.id = ticket.equipment_id
             WHERE ticket_type.is_repair
               AND ticket.done_date IS NOT NULL
            """
        )
