from odoo import api, fields, models


class PmTicketPause(models.Model):
    """A period when a job waits on the owner (owner not home, access refused,
    owner asks to postpone): its clocks are stopped and the reason recorded."""

    _name = "pm.ticket.pause"
    _inherit = ["pm.ticket.event.mixin"]
    _description = "Job Pause"
    _order = "date_start desc, id desc"
    _rec_name = "reason"

    _pm_ticket_refused_states = ("done", "verified", "closed", "cancelled")
    _pm_ticket_refuse_closed = True

    reason = fields.Selection(
        selection=[
            ("owner_absent", "Owner Not Home"),
            ("owner_postponed", "Owner Asked to Postpone"),
            ("no_access", "No Access to the Premises"),
            ("other", "Other (Owner Side)"),
        ],
        required=True,
        default="owner_absent",
    )
    note = fields.Char()
    date_start = fields.Datetime(string="Paused On", required=True, default=fields.Datetime.now)
    date_end = fields.Datetime(string="Resumed On")
    duration_minutes = fields.Float(
        string="Duration (min)", compute="_compute_duration", store=True, digits=(16, 1)
    )

    _dates_check = models.Constraint(
        "CHECK(date_end IS NULL OR date_end >= date_start)",
        "A pause cannot end before it starts.",
    )
    _one_open_pause = models.UniqueIndex(
        "(ticket_id) WHERE date_end IS NULL", "This job is already paused."
    )

    @api.depends("date_start", "date_end")
    def _compute_duration(self):
        for pause in self:
            pause.duration_minutes = (
                (pause.date_end - pause.date_start).total_seconds() / 60.0
                if pause.date_end
                else 0.0
            )

    @api.model
    def _get_ticket_state_error(self, ticket):
        return self.env._("Job %s is finished: it cannot be paused.", ticket.number)

    @api.model_create_multi
    def create(self, vals_list):
        # a pause ended earlier in the transaction is in the database first
        # (one open pause per job: a unique index)
        self.flush_model(["date_end"])
        pauses = super().create(vals_list)
        for pause in pauses:
            pause.ticket_id.sudo().milestone_ids._pause(pause.date_start)
            pause.ticket_id.message_post(
                body=self.env._(
                    "Clock paused: %(reason)s. %(note)s",
                    reason=dict(self._fields["reason"]._description_selection(self.env))[
                        pause.reason
                    ],
                    note=pause.note or "",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return pauses

    def action_resume(self, when=None):
        when = when or fields.Datetime.now()
        for pause in self.filtered(lambda p: not p.date_end):
            pause.date_end = when
            pause.ticket_id.sudo().milestone_ids._resume(when)
            pause.ticket_id.message_post(
                body=self.env._("Clock resumed after %s minutes.", round(pause.duration_minutes)),
                subtype_xmlid="mail.mt_note",
            )
        return True
