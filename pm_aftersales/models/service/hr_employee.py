from datetime import timedelta

import pytz

from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    pm_trade_ids = fields.Many2many(
        "pm.trade",
        string="Trades",
        groups="hr.group_hr_user,pm_aftersales.group_pm_technician",
        help="Trades the employee is skilled in: dispatch proposes them for these jobs.",
    )

    def _pm_get_on_duty(self, when):
        """Employees working at ``when`` (naive UTC) by their calendar, leaves
        excluded; those without a calendar are always on duty. One calendar
        query per distinct calendar."""
        start = pytz.utc.localize(when)
        end = start + timedelta(minutes=1)
        on_duty = self.filtered(lambda e: not e.resource_calendar_id)
        for calendar in self.resource_calendar_id:
            employees = self.filtered(lambda e, c=calendar: e.resource_calendar_id == c)
            intervals = calendar._work_intervals_batch(start, end, resources=employees.resource_id)
            on_duty |= employees.filtered(lambda e, i=intervals: i.get(e.resource_id.id))
        return on_duty
