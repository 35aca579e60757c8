from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _pm_default_setup_models(self):
        return super()._pm_default_setup_models() + ["pm.kpi"]
