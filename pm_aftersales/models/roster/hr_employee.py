from odoo import models
from odoo.fields import Domain


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def _pm_get_on_duty(self, when):
        """Whoever is on a repair duty shift at ``when`` is on duty, whatever
        his working calendar says (a night shift of a day worker). One query
        for all the employees."""
        on_duty = super()._pm_get_on_duty(when)
        others = (self - on_duty).filtered("user_id")
        if not others:
            return on_duty
        shifts = (
            self.env["pm.duty.shift"]
            .sudo()
            .search(
                self.env["pm.duty.shift"]._pm_on_duty_domain("crew", when)
                & Domain("user_id", "in", others.user_id.ids)
            )
        )
        rostered = {(shift.user_id, shift.company_id) for shift in shifts}
        return on_duty | others.filtered(lambda e: (e.user_id, e.company_id) in rostered)
