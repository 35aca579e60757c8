from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    pm_delay_count = fields.Integer(
        string="Delays",
        compute="_compute_pm_delay_count",
        # the HR officers see the count, not the jobs' delays themselves
        compute_sudo=True,
        groups="hr.group_hr_user,pm_aftersales.group_pm_technician",
    )

    def _compute_pm_delay_count(self):
        counts = dict(
            self.env["pm.ticket.delay"]._read_group(
                [("user_id", "in", self.user_id.ids), ("company_id", "in", self.env.companies.ids)],
                ["user_id"],
                ["__count"],
            )
        )
        for employee in self:
            employee.pm_delay_count = counts.get(employee.user_id, 0)
