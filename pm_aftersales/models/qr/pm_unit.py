from odoo import models


class PmUnit(models.Model):
    _name = "pm.unit"
    _inherit = ["pm.unit", "pm.qr.label.mixin"]

    def _pm_qr_estate(self):
        self.ensure_one()
        return self.estate_id

    def _pm_qr_place_vals(self):
        self.ensure_one()
        return {"unit_id": self.id}
