from odoo import api, fields, models
from odoo.exceptions import UserError


class StockWarehouse(models.Model):
    """Each warehouse gets a "Repair Consumption" operation type: the parts a
    service job takes out of the spare-parts store, like ``repair`` does with
    its own operation type."""

    _inherit = "stock.warehouse"

    pm_consumption_type_id = fields.Many2one(
        "stock.picking.type",
        string="Repair Consumption Type",
        check_company=True,
        copy=False,
        help="Operation type of the parts taken out of this warehouse for service jobs.",
    )
    pm_estate_ids = fields.One2many("pm.estate", "warehouse_id", string="Estates Served")

    def _get_sequence_values(self, name=False, code=False):
        values = super()._get_sequence_values(name=name, code=code)
        values["pm_consumption_type_id"] = {
            "name": self.env._("%(name)s Sequence repair consumption", name=self.name),
            "prefix": "%s/%s/" % (self.code, self.pm_consumption_type_id.sequence_code or "SVC"),
            "padding": 5,
            "company_id": self.company_id.id,
        }
        return values

    def _get_picking_type_create_values(self, max_sequence):
        data, next_sequence = super()._get_picking_type_create_values(max_sequence)
        data["pm_consumption_type_id"] = {
            "name": self.env._("Repair Consumption"),
            "code": "outgoing",
            "default_location_src_id": self.lot_stock_id.id,
            "default_location_dest_id": self._pm_get_consumption_location().id,
            "sequence": next_sequence + 1,
            "sequence_code": "SVC",
            "company_id": self.company_id.id,
            "use_create_lots": False,
            "use_existing_lots": True,
        }
        return data, next_sequence + 2

    def _get_picking_type_update_values(self):
        data = super()._get_picking_type_update_values()
        data["pm_consumption_type_id"] = {
            "active": self.active,
            "barcode": self.code.replace(" ", "").upper() + "SVC",
        }
        return data

    def _pm_get_consumption_location(self):
        """Where consumed parts go: the company's virtual production location,
        as for the components of a repair order."""
        location = self.env["stock.location"].search(
            [("usage", "=", "production"), ("company_id", "=", self.company_id.id)], limit=1
        )
        if not location:
            raise UserError(
                self.env._(
                    "Company %s has no production location to consume repair parts into.",
                    self.company_id.name,
                )
            )
        return location

    @api.model
    def _pm_create_consumption_types(self):
        """Give the warehouses that existed before the addon their operation type."""
        for warehouse in self.search([("pm_consumption_type_id", "=", False)]):
            values = warehouse._create_or_update_sequences_and_picking_types()
            if values:
                warehouse.write(values)
