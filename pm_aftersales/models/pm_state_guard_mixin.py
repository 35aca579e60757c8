from odoo import models
from odoo.exceptions import UserError


class PmStateGuardMixin(models.AbstractModel):
    """The one guard of the addon's workflows: an action checks that each
    record is in one of the states it may start from, and says otherwise, in
    the reader's language, which record, which state and what was refused.

    A model sets ``_pm_state_field`` (the selection holding its state) and
    words the refusal in ``_get_state_error_message``."""

    _name = "pm.state.guard.mixin"
    _description = "Workflow State Guard"

    _pm_state_field = "state"

    def _get_state_error_message(self, state_label, action):
        self.ensure_one()
        return self.env._(
            "%(record)s is “%(state)s”: it cannot be %(action)s now.",
            record=self.display_name,
            state=state_label,
            action=action,
        )

    def _check_state(self, allowed, action):
        """Raise a UserError unless every record is in one of ``allowed``;
        ``action`` is the translated past participle ("dispatched")."""
        field = self._fields[self._pm_state_field]
        labels = dict(field._description_selection(self.env))
        for record in self:
            state = record[self._pm_state_field]
            if state not in allowed:
                raise UserError(
                    record._get_state_error_message(labels.get(state, state or ""), action)
                )
