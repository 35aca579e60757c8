from odoo import models


class MaintenanceEquipment(models.Model):
    _name = "maintenance.equipment"
    _inherit = ["maintenance.equipment", "pm.qr.label.mixin"]

    def _pm_qr_estate(self):
        self.ensure_one()
        return self.pm_estate_id

    def _pm_qr_place_vals(self):
        self.ensure_one()
        vals = {"equipment_id": self.id}
        if self.pm_unit_id:
            vals["unit_id"] = self.pm_unit_id.id
        elif self.pm_public_area_id:
            vals["public_area_id"] = self.pm_public_area_id.id
        return vals
