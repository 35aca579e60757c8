from odoo import api, models


class IrUiMenu(models.Model):
    """One app for the after-sales staff: helpdesk_mgmt's Helpdesk app shows
    the same tickets as the After-Sales Service app, so it is hidden from
    them. Menus have no "all but these groups": the staff's groups imply
    helpdesk_mgmt's user groups (its access rules), so the hiding is done
    here, and helpdesk_mgmt's own users, outside the after-sales groups, keep
    their app."""

    _inherit = "ir.ui.menu"

    @api.model
    def _get_pm_hidden_menu_xmlids(self):
        """Menus the after-sales staff do not see (with all their items)."""
        return ["helpdesk_mgmt.helpdesk_ticket_main_menu"]

    @api.model
    def _visible_menu_ids(self, debug=False):
        visible = super()._visible_menu_ids(debug=debug)
        if not self.env.user.has_group("pm_aftersales.group_pm_technician"):
            return visible
        IrModelData = self.env["ir.model.data"]
        hidden = {
            IrModelData._xmlid_to_res_id(xmlid, raise_if_not_found=False)
            for xmlid in self._get_pm_hidden_menu_xmlids()
        }
        hidden.discard(False)
        if not hidden:
            return visible
        # the items of a hidden app go with it
        hidden_tree = set(self.sudo().search([("id", "child_of", list(hidden))]).ids)
        return frozenset(visible - hidden_tree)
