from datetime import timedelta

from odoo import api, fields, models


class StockWarehouse(models.Model):
    """Demo helpers: stock on hand, reordering rules and an incoming receipt
    for the spare-parts warehouse. Called by demo/pm_stock_demo.xml only."""

    _inherit = "stock.warehouse"

    @api.model
    def _pm_demo_stock(self, warehouse_id, lines):
        warehouse = self.browse(warehouse_id)
        location = warehouse.lot_stock_id
        Quant = self.env["stock.quant"].with_context(inventory_mode=True)
        quants = Quant.create(
            [
                {"product_id": product, "location_id": location.id, "inventory_quantity": qty}
                for product, qty, _min, _max in lines
                if qty
            ]
        )
        quants.action_apply_inventory()
        self.env["stock.warehouse.orderpoint"].create(
            [
                {
                    "product_id": product,
                    "warehouse_id": warehouse.id,
                    "location_id": location.id,
                    "product_min_qty": minimum,
                    "product_max_qty": maximum,
                    "trigger": "manual",
                }
                for product, _qty, minimum, maximum in lines
            ]
        )

    @api.model
    def _pm_demo_receipt(self, warehouse_id, lines, days):
        warehouse = self.browse(warehouse_id)
        picking_type = warehouse.in_type_id
        scheduled = fields.Datetime.now() + timedelta(days=days)
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": warehouse.lot_stock_id.id,
                "scheduled_date": scheduled,
                "origin": "PO-DEMO",
                "move_ids": [
                    fields.Command.create(
                        {
                            "product_id": product,
                            "product_uom_qty": qty,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": warehouse.lot_stock_id.id,
                            "date": scheduled,
                        }
                    )
                    for product, qty in lines
                ],
            }
        )
        picking.action_confirm()
        return picking
