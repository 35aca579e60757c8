from datetime import timedelta

from odoo import api, fields, models


class PmDemoBuilder(models.AbstractModel):
    """Demo stock of the spare-parts warehouse: stock on hand, reordering
    rules and an incoming receipt. Called by demo/pm_stock_demo.xml."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_parts_stock(self, warehouse_id, lines):
        """``lines``: (product id, quantity on hand, minimum, maximum)."""
        warehouse = self.env["stock.warehouse"].browse(warehouse_id)
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
        return True

    @api.model
    def _build_parts_receipt(self, warehouse_id, lines, days):
        """A receipt of ``lines`` (product id, quantity) due in ``days``."""
        warehouse = self.env["stock.warehouse"].browse(warehouse_id)
        suppliers = self.env.ref("stock.stock_location_suppliers")
        scheduled = fields.Datetime.now() + timedelta(days=days)
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "location_id": suppliers.id,
                "location_dest_id": warehouse.lot_stock_id.id,
                "scheduled_date": scheduled,
                "origin": "PO-DEMO",
                "move_ids": [
                    fields.Command.create(
                        {
                            "product_id": product,
                            "product_uom_qty": qty,
                            "location_id": suppliers.id,
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
