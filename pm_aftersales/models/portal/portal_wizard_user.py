from odoo import models


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def action_grant_access(self):
        result = super().action_grant_access()
        # Owners and residents get their role with their portal access.
        self.partner_id._pm_sync_owner_group()
        return result
