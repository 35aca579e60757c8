from datetime import timedelta

from odoo import api, models
from odoo.fields import Domain

DAY = timedelta(days=1)


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._pm_refresh_duty_shifts()
        return leaves

    def write(self, vals):
        if {"date_from", "date_to", "resource_id", "calendar_id", "time_type"} & vals.keys():
            self._pm_refresh_duty_shifts()
            result = super().write(vals)
            self._pm_refresh_duty_shifts()
            return result
        return super().write(vals)

    def unlink(self):
        shifts = self._pm_affected_duty_shifts()
        result = super().unlink()
        self._pm_recompute_duty_shifts(shifts)
        return result

    def _pm_affected_duty_shifts(self):
        """The shifts whose public holiday flag a global leave may change:
        those of its company starting within a day of it (a shift is a
        holiday's by the day it starts on the company's clock)."""
        leaves = self.filtered(lambda leave: not leave.resource_id)
        if not leaves:
            return self.env["pm.duty.shift"]
        domain = Domain.OR(
            Domain("company_id", "=", leave.company_id.id)
            & Domain("date_start", "<", leave.date_to + DAY)
            & Domain("date_start", ">", leave.date_from - DAY)
            for leave in leaves
        )
        return self.env["pm.duty.shift"].sudo().with_context(active_test=False).search(domain)

    def _pm_refresh_duty_shifts(self):
        self._pm_recompute_duty_shifts(self._pm_affected_duty_shifts())

    def _pm_recompute_duty_shifts(self, shifts):
        if shifts:
            for name in ("is_holiday", "is_weekend"):
                self.env.add_to_compute(shifts._fields[name], shifts)
