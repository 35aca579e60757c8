from odoo import api, fields, models
from odoo.exceptions import UserError


class PmTicketEventMixin(models.AbstractModel):
    """Something that happens to a job and is kept on it: a pause, a delay,
    an assignment, an acceptance, a follow-up visit.

    It belongs to its job (``ticket_id``, deleted with it), to the job's
    company, and to the user who recorded it. It may only be recorded while
    the job is in a fitting service state: a model says which ones with

    - ``_pm_ticket_allowed_states``: the states it may be recorded in
      (empty: any state),
    - ``_pm_ticket_refused_states``: the states it may not be recorded in,
    - ``_pm_ticket_refuse_closed``: refused on a closed job, whatever its state,

    and words the refusal in ``_get_ticket_state_error``.
    """

    _name = "pm.ticket.event.mixin"
    _description = "Job Event"

    _pm_ticket_allowed_states = ()
    _pm_ticket_refused_states = ()
    _pm_ticket_refuse_closed = False

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, precompute=True)
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda s: s.env.user)

    @api.model
    def _is_ticket_state_refused(self, ticket):
        state = ticket.service_state
        return bool(
            (self._pm_ticket_refuse_closed and ticket.closed)
            or (self._pm_ticket_allowed_states and state not in self._pm_ticket_allowed_states)
            or state in self._pm_ticket_refused_states
        )

    @api.model
    def _get_ticket_state_error(self, ticket):
        """The refusal to record this event on ``ticket``, in the reader's
        language; each model words its own."""
        return self.env._(
            "Job %(job)s is in the wrong state: this cannot be recorded on it now.",
            job=ticket.number,
        )

    @api.model
    def _check_ticket_state(self, vals_list):
        default = self.env.context.get("default_ticket_id")
        tickets = self.env["helpdesk.ticket"].browse(
            [vals.get("ticket_id") or default for vals in vals_list]
        )
        for ticket in tickets:
            if self._is_ticket_state_refused(ticket):
                raise UserError(self._get_ticket_state_error(ticket))

    @api.model_create_multi
    def create(self, vals_list):
        if (
            self._pm_ticket_allowed_states
            or self._pm_ticket_refused_states
            or self._pm_ticket_refuse_closed
        ):
            self._check_ticket_state(vals_list)
        return super().create(vals_list)
