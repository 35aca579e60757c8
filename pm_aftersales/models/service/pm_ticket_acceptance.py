from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PmTicketAcceptance(models.Model):
    """Acceptance (验收) of finished work by the owner or a staff member on
    site: signed, or rejected with a reason that sends the job back."""

    _name = "pm.ticket.acceptance"
    _inherit = ["pm.ticket.event.mixin"]
    _description = "Work Acceptance"
    _order = "date desc, id desc"
    _rec_name = "ticket_id"

    _pm_ticket_allowed_states = ("done",)

    date = fields.Datetime(required=True, default=fields.Datetime.now)
    result = fields.Selection(
        selection=[("accepted", "Accepted"), ("rejected", "Rejected")],
        required=True,
        default="accepted",
    )
    channel = fields.Selection(
        selection=[("on_site", "In Person"), ("portal", "Portal")],
        required=True,
        default="on_site",
    )
    signed_by = fields.Char(string="Signed By", help="Name of the person who signs.")
    signature = fields.Image(max_width=1024, max_height=1024, attachment=True)
    partner_id = fields.Many2one("res.partner", string="Owner")
    reason = fields.Text(help="Why the work is rejected: what must be redone.")

    @api.constrains("result", "reason", "signature")
    def _check_result(self):
        for acceptance in self:
            if acceptance.result == "rejected" and not (acceptance.reason or "").strip():
                raise ValidationError(
                    self.env._("Say why the work is rejected: the reason is required.")
                )
            if acceptance.result == "accepted" and not acceptance.signature:
                raise ValidationError(self.env._("Accepting the work needs a signature."))

    @api.model
    def _get_ticket_state_error(self, ticket):
        return self.env._(
            "Job %s is not finished: only finished work can be accepted or rejected.",
            ticket.number,
        )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        for acceptance in records:
            if acceptance.result == "accepted":
                acceptance.ticket_id._on_work_accepted(acceptance)
            else:
                acceptance.ticket_id._on_work_rejected(acceptance)
        return records
