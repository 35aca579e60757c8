from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    pm_ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Service Job", index="btree_not_null", copy=False, readonly=True
    )
