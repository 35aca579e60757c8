from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    pm_team_member_ids = fields.Many2many(
        "res.users",
        compute="_compute_pm_team_member_ids",
        string="Members of the Teams I Lead",
        help="Used by record rules: a supervisor sees the records of their crews.",
    )

    def _compute_pm_team_member_ids(self):
        teams = self.env["helpdesk.ticket.team"].sudo().search([("user_id", "in", self.ids)])
        for user in self:
            user.pm_team_member_ids = teams.filtered(lambda t, u=user: t.user_id == u).user_ids
