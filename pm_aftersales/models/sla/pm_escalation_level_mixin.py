from odoo import fields, models


class PmEscalationLevelMixin(models.AbstractModel):
    """One rung of an escalation ladder (升级): its level, when it is due and
    who is told, by role or by name.

    A ladder model adds what its level is attached to (a time-limit
    milestone, a company...), a ``target`` selection whose ``user`` value
    means "the specific user", its delay, and:

    * ``_get_trigger_date(record)``: from when ``record`` is escalated at this
      level (naive UTC, or False);
    * ``_get_role_user(record)``: the user holding the level's role for
      ``record`` (may be empty).
    """

    _name = "pm.escalation.level.mixin"
    _description = "Escalation Level (shared)"

    level = fields.Integer(required=True, default=1)
    user_id = fields.Many2one("res.users", domain="[('share', '=', False)]")

    _level_positive = models.Constraint("CHECK(level > 0)", "Escalation levels start at 1.")

    def _get_trigger_date(self, record):
        raise NotImplementedError

    def _get_role_user(self, record):
        raise NotImplementedError

    def _get_recipient(self, record):
        """The user escalated to at this level for ``record`` (may be empty)."""
        self.ensure_one()
        if self.target == "user":
            return self.user_id
        return self._get_role_user(record)
