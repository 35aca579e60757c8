from odoo import api, models

# The home action of each role (res.users.action_id, Odoo's "Home Action":
# what the web client opens after login), the highest role first.
PM_HOME_ACTIONS = [
    ("pm_aftersales.group_pm_manager", "pm_aftersales.pm_dashboard_action"),
    ("pm_aftersales.group_pm_cs_assistant", "pm_aftersales.pm_job_action"),
    ("pm_aftersales.group_pm_eng_supervisor", "pm_aftersales.pm_job_action"),
    ("pm_aftersales.group_pm_technician", "pm_aftersales.pm_technician_job_action"),
]


class ResUsers(models.Model):
    """After login, the after-sales staff land on their work: a technician
    on his jobs of the day, customer service and the supervisors on the
    jobs, a manager on the dashboard. This is the user's Home Action, set
    from the role when the user is created or changes role, and on the
    existing users when the addon is updated; a home action chosen by hand
    (one that is not a role's) is kept. The administrators (Settings) run
    every app of the database: they keep Odoo's default home, the menu of
    the first app or the one in the URL."""

    _inherit = "res.users"

    @api.model
    def _pm_get_home_actions(self):
        """[(group, action)] of the roles, the highest first (an extension point)."""
        ref = self.env.ref
        Action = self.env["ir.actions.actions"]
        return [
            (ref(group, raise_if_not_found=False), Action.browse(action_record.id))
            for group, action in PM_HOME_ACTIONS
            if (action_record := ref(action, raise_if_not_found=False))
        ]

    def _pm_keeps_default_home(self):
        """Whether the user keeps Odoo's default home whatever his roles:
        the administrators, who open other apps by their URL and menus."""
        self.ensure_one()
        return self.has_group("base.group_system")

    def _pm_get_home_action(self):
        """The home action of the user's highest after-sales role, if any."""
        self.ensure_one()
        if self._pm_keeps_default_home():
            return self.env["ir.actions.actions"]
        groups = self.all_group_ids
        for group, action in self._pm_get_home_actions():
            if group and action and group in groups:
                return action
        return self.env["ir.actions.actions"]

    def _pm_set_home_action(self):
        """Give the internal users their role's home action, unless they have
        one that is no role's (chosen by hand)."""
        actions = self.env["ir.actions.actions"].concat(
            *(action for _group, action in self._pm_get_home_actions())
        )
        for user in self.sudo().filtered(lambda u: not u.share):
            if user.action_id and user.action_id not in actions:
                continue
            home = user._pm_get_home_action()
            if home and user.action_id != home:
                user.action_id = home
            elif not home and user.action_id:
                user.action_id = False  # no longer after-sales staff

    @api.model
    def _pm_init_home_actions(self):
        """The existing users, when the addon is installed or updated."""
        self.with_context(active_test=False).search([("share", "=", False)])._pm_set_home_action()

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users.filtered(lambda u: not u.action_id)._pm_set_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "group_ids" in vals and "action_id" not in vals:
            self._pm_set_home_action()
        return res
