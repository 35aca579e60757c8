from odoo import fields, models
from odoo.tools import SQL


class PmPartConsumptionReport(models.Model):
    """Spare parts consumed by service jobs, by part category, building,
    equipment and month (备件消耗分析). A read-only SQL view."""

    _name = "pm.part.consumption.report"
    _description = "Spare-Parts Consumption Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "product_id"
    _depends = {
        "pm.ticket.part": [
            "ticket_id",
            "product_id",
            "quantity_used",
            "cost",
            "state",
            "location_id",
            "company_id",
        ],
        "helpdesk.ticket": ["done_date", "estate_id", "building_id", "equipment_id"],
        "maintenance.equipment": ["category_id"],
        "product.product": ["product_tmpl_id"],
        "product.template": ["categ_id"],
    }

    date = fields.Datetime(string="Completed On", readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", string="Job", readonly=True)
    ticket_type_id = fields.Many2one("pm.ticket.type", string="Job Type", readonly=True)
    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    product_category_id = fields.Many2one("product.category", string="Part Category", readonly=True)
    location_id = fields.Many2one("stock.location", string="Source Location", readonly=True)
    estate_id = fields.Many2one("pm.estate", string="Estate", readonly=True)
    building_id = fields.Many2one("pm.building", string="Building", readonly=True)
    equipment_id = fields.Many2one("maintenance.equipment", string="Equipment", readonly=True)
    equipment_category_id = fields.Many2one(
        "maintenance.equipment.category", string="Equipment Category", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    quantity = fields.Float(string="Quantity Used", digits="Product Unit", readonly=True)
    cost = fields.Float(digits="Product Price", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id AS id,
                   ticket.done_date AS date,
                   line.ticket_id AS ticket_id,
                   ticket.ticket_type_id AS ticket_type_id,
                   line.product_id AS product_id,
                   template.categ_id AS product_category_id,
                   line.location_id AS location_id,
                   ticket.estate_id AS estate_id,
                   ticket.building_id AS building_id,
                   ticket.equipment_id AS equipment_id,
                   equipment.category_id AS equipment_category_id,
                   line.company_id AS company_id,
                   line.quantity_used AS quantity,
                   line.cost AS cost
              FROM pm_ticket_part line
              JOIN helpdesk_ticket ticket ON ticket.id = line.ticket_id
              JOIN product_product product ON product.id = line.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
              LEFT JOIN maintenance_equipment equipment ON equipment.id = ticket.equipment_id
             WHERE line.state = 'consumed'
            """
        )
