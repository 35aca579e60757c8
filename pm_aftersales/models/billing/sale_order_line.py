from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.depends("order_id.pm_ticket_id")
    def _compute_qty_to_invoice(self):
        """A job's quote is invoiced on what was used on site (the parts the
        technician used, the hours worked), whatever the product's invoicing
        policy: a part quoted and not used is not charged."""
        res = super()._compute_qty_to_invoice()
        for line in self:
            if (
                line.order_id.pm_ticket_id
                and line.state == "sale"
                and not line.display_type
                and line.product_id.type != "combo"
            ):
                line.qty_to_invoice = line.qty_delivered - line.qty_invoiced
        return res
