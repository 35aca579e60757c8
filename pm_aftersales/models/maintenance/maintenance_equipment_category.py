from odoo import fields, models


class MaintenanceEquipmentCategory(models.Model):
    _inherit = "maintenance.equipment.category"

    pm_product_category_id = fields.Many2one(
        "product.category",
        string="Spare-Parts Category",
        help="Product category of the spare parts of this kind of equipment.",
    )
    pm_ticket_category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Repair Job Category",
        help="Category of the repair jobs opened for this kind of equipment, e.g. by a "
        "failed maintenance check.",
    )
