from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pm_duplicate_window = fields.Integer(
        string="Duplicate Window (hours)",
        default=48,
        help="A new job of the same place and category as an open job reported within "
        "these hours is shown as its possible duplicate (0: never).",
    )

    _pm_duplicate_window_check = models.Constraint(
        "CHECK(pm_duplicate_window >= 0)", "The duplicate window cannot be negative."
    )
