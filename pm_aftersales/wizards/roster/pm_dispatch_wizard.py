from odoo import models


class PmDispatchWizard(models.TransientModel):
    _inherit = "pm.dispatch.wizard"

    def _get_best_line(self):
        """The technician on duty by the roster comes first (skilled first)."""
        self.ensure_one()
        rostered = [line for line in self.line_ids if line.rostered]
        best = next((line for line in rostered if line.skilled), None) or next(iter(rostered), None)
        return best or super()._get_best_line()
