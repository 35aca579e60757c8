from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    pm_attendance_ids = fields.One2many(
        "pm.training.attendance",
        "employee_id",
        string="Trainings",
        groups="hr.group_hr_user,pm_aftersales.group_pm_technician",
    )
    pm_scorecard_ids = fields.One2many(
        "pm.scorecard",
        "employee_id",
        string="Scorecards",
        groups="hr.group_hr_user,pm_aftersales.group_pm_technician",
    )
    pm_reward_penalty_ids = fields.One2many(
        "pm.reward.penalty",
        "employee_id",
        string="Rewards and Penalties",
        groups="hr.group_hr_user,pm_aftersales.group_pm_technician",
    )
    pm_tool_check_ids = fields.One2many(
        "pm.tool.check",
        "employee_id",
        string="Tool Checks",
        groups="hr.group_hr_user,pm_aftersales.group_pm_technician",
    )
    pm_training_overdue_ids = fields.Many2many(
        "pm.training.course",
        string="Mandatory Training Overdue",
        compute="_compute_pm_training_overdue",
        groups="hr.group_hr_user,pm_aftersales.group_pm_technician",
    )
    pm_training_overdue = fields.Boolean(
        string="Training Overdue",
        compute="_compute_pm_training_overdue",
        search="_search_pm_training_overdue",
        groups="hr.group_hr_user,pm_aftersales.group_pm_technician",
    )

    def _pm_get_valid_certificates(self):
        """{employee id: mandatory courses they hold a valid pass of}, one
        query for all."""
        today = fields.Date.context_today(self)
        attendances = (
            self.env["pm.training.attendance"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", self.ids),
                    ("passed", "=", True),
                    ("course_id.mandatory", "=", True),
                    "|",
                    ("valid_until", "=", False),
                    ("valid_until", ">=", today),
                ]
            )
        )
        valid = {}
        for attendance in attendances:
            valid.setdefault(attendance.employee_id.id, set()).add(attendance.course_id.id)
        return valid

    def _compute_pm_training_overdue(self):
        courses = self.env["pm.training.course"].sudo().search([("mandatory", "=", True)])
        valid = self._pm_get_valid_certificates()
        for employee in self:
            if not employee.user_id:
                employee.pm_training_overdue_ids = False
                employee.pm_training_overdue = False
                continue
            held = valid.get(employee.id, set())
            missing = courses.filtered(
                lambda c, e=employee, h=held: (
                    c.id not in h and c.company_id in (e.company_id, self.env["res.company"])
                )
            )
            employee.pm_training_overdue_ids = missing
            employee.pm_training_overdue = bool(missing)

    def _search_pm_training_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        employees = self.sudo().search([("user_id", "!=", False)])
        overdue = employees.filtered("pm_training_overdue")
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", overdue.ids)]
