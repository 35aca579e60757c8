from odoo import api, fields, models


class PmDispatchWizardLine(models.TransientModel):
    _inherit = "pm.dispatch.wizard.line"

    rostered = fields.Boolean(
        string="On the Roster",
        compute="_compute_rostered",
        help="On a repair duty shift of the crew now.",
    )

    @api.depends("user_id", "wizard_id.team_id", "wizard_id.ticket_id")
    def _compute_rostered(self):
        rostered = {}
        for wizard in self.wizard_id:
            rostered[wizard] = wizard.team_id._pm_get_rostered_users(wizard.ticket_id)
        for line in self:
            line.rostered = line.user_id in rostered.get(line.wizard_id, line.user_id.browse())
