from odoo import fields, models

URGE_CHANNELS = [("portal", "Portal"), ("phone", "Hotline")]


class PmTicketUrge(models.Model):
    """One urge (催单) of a job by its owner."""

    _name = "pm.ticket.urge"
    _description = "Job Urge"
    _order = "date desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Job", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Urged By", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Registered By", default=lambda self: self.env.user, readonly=True
    )
    channel = fields.Selection(URGE_CHANNELS, required=True, default="portal", readonly=True)
    was_late = fields.Boolean(string="Job Was Late", readonly=True)
    escalated = fields.Boolean(readonly=True, help="The urge escalated the late job at once.")
