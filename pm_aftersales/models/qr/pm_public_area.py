from odoo import models


class PmPublicArea(models.Model):
    _name = "pm.public.area"
    _inherit = ["pm.public.area", "pm.qr.label.mixin"]

    def _pm_qr_estate(self):
        self.ensure_one()
        return self.estate_id

    def _pm_qr_place_vals(self):
        self.ensure_one()
        return {"public_area_id": self.id}
