from odoo import api, fields, models
from odoo.exceptions import UserError


class PmRectificationProgress(models.Model):
    """One entry of a rectification order's progress log: what was done that
    day, photos, how far along. The owner's daily notice reports the latest."""

    _name = "pm.rectification.progress"
    _description = "Rectification Progress"
    _order = "date desc, id desc"

    order_id = fields.Many2one(
        "pm.rectification.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    description = fields.Text(string="Work Done", required=True)
    percent = fields.Integer(string="Progress (%)", required=True)
    photo_ids = fields.Many2many(
        "ir.attachment",
        "pm_rectification_progress_photo_rel",
        "progress_id",
        "attachment_id",
        string="Photos",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        default=lambda self: self.env.user,
        readonly=True,
        groups="base.group_user",  # the portal shows the work, not who of the staff typed it
    )

    _percent_range = models.Constraint(
        "CHECK(percent BETWEEN 0 AND 100)", "Progress is a percentage between 0 and 100."
    )

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        for order in entries.order_id:
            if order.state != "in_progress":
                raise UserError(
                    self.env._(
                        "Progress is recorded while %s is in progress: start the work first.",
                        order.name,
                    )
                )
        return entries
