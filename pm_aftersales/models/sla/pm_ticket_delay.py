from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PmTicketDelay(models.Model):
    """A delay (延期): the job cannot meet a time limit, the owner is told why
    and given a new promised time; the milestone keeps its original limit."""

    _name = "pm.ticket.delay"
    _inherit = ["pm.ticket.event.mixin"]
    _description = "Job Delay"
    _order = "create_date desc, id desc"
    _rec_name = "reason_id"

    milestone_id = fields.Many2one(
        "pm.ticket.milestone",
        required=True,
        ondelete="cascade",
        domain="[('ticket_id', '=', ticket_id), ('state', 'in', ('running', 'paused'))]",
    )
    milestone_type = fields.Selection(
        related="milestone_id.milestone_type", store=True, string="Milestone Kind"
    )
    reason_id = fields.Many2one("pm.delay.reason", string="Reason", required=True)
    explanation = fields.Text(
        required=True, help="What the owner is told: why the limit cannot be met."
    )
    original_deadline = fields.Datetime(readonly=True)
    promised_date = fields.Datetime(string="Promised Time", required=True)
    user_id = fields.Many2one(
        string="Technician",
        index=True,
        help="Who asked for the delay; delays are counted per technician.",
    )
    promise_kept = fields.Boolean(compute="_compute_promise_kept", store=True)

    @api.depends("milestone_id.state", "milestone_id.reached_date", "promised_date")
    def _compute_promise_kept(self):
        for delay in self:
            reached = delay.milestone_id.reached_date
            delay.promise_kept = bool(reached and reached <= delay.promised_date)

    @api.constrains("promised_date")
    def _check_promised_date(self):
        now = fields.Datetime.now()
        for delay in self:
            if delay.promised_date <= now:
                raise ValidationError(
                    self.env._(
                        "The promised time must be in the future: it is before now (%s).",
                        delay.ticket_id.company_id._pm_format_datetime(now, lang=self.env.lang),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Milestone = self.env["pm.ticket.milestone"].sudo()
        for vals in vals_list:
            milestone = Milestone.browse(
                vals.get("milestone_id", self.env.context.get("default_milestone_id"))
            )
            if milestone.state not in ("running", "paused"):
                raise ValidationError(self.env._("Only a running time limit can be delayed."))
            # Given at creation: the technician who asks may not write delays.
            vals["original_deadline"] = milestone.deadline
        delays = super().create(vals_list)
        for delay in delays:
            delay.milestone_id.sudo()._promise(delay.promised_date)
            delay.ticket_id._notify_owner("pm_aftersales.mail_template_ticket_delayed")
        return delays
