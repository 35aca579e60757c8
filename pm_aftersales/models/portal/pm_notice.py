from odoo import api, fields, models
from odoo.exceptions import UserError


class PmNotice(models.Model):
    """A notice from the service centre to the owners and residents of an
    estate or some of its buildings (planned water cut, lift maintenance...):
    sent by mail and read on the portal."""

    _name = "pm.notice"
    _description = "Notice to Owners"
    _inherit = ["mail.thread"]
    _order = "date_sent desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    body = fields.Html(required=True, sanitize=True)
    category = fields.Selection(
        selection=[
            ("water", "Water Cut"),
            ("power", "Power Cut"),
            ("lift", "Lift Maintenance"),
            ("works", "Works"),
            ("safety", "Safety"),
            ("event", "Community Event"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    estate_id = fields.Many2one("pm.estate", required=True, index=True, tracking=True)
    building_ids = fields.Many2many(
        "pm.building",
        string="Buildings",
        domain="[('estate_id', '=', estate_id)]",
        help="Leave empty to tell the whole estate.",
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    date_start = fields.Datetime(string="Valid From")
    date_end = fields.Datetime(string="Valid Until")
    state = fields.Selection(
        string="Status",
        selection=[("draft", "Draft"), ("sent", "Sent")],
        default="draft",
        required=True,
        tracking=True,
    )
    date_sent = fields.Datetime(readonly=True, copy=False)
    recipient_count = fields.Integer(compute="_compute_recipient_count", groups="base.group_user")

    _dates_check = models.Constraint(
        "CHECK(date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
        "A notice cannot end before it starts.",
    )

    def _get_recipients(self):
        """Current owners, co-owners, tenants and residents of the units concerned."""
        self.ensure_one()
        domain = [("estate_id", "=", self.estate_id.id)]
        if self.building_ids:
            domain = [("building_id", "in", self.building_ids.ids)]
        return self.env["pm.unit.occupant"].sudo().search(domain).partner_id

    @api.depends("estate_id", "building_ids")
    def _compute_recipient_count(self):
        for notice in self:
            notice.recipient_count = len(notice._get_recipients()) if notice.estate_id else 0

    def action_send(self):
        for notice in self:
            if notice.state != "draft":
                raise UserError(self.env._("Notice “%s” has already been sent.", notice.name))
            recipients = notice._get_recipients()
            if not recipients:
                raise UserError(
                    self.env._(
                        "Nobody lives in the estate or buildings chosen for “%s”.", notice.name
                    )
                )
            notice.write({"state": "sent", "date_sent": fields.Datetime.now()})
            notice.message_post(
                body=notice.body,
                subject=notice.name,
                partner_ids=recipients.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
                # The queue sends them: a slow mail server would hold the request.
                force_send=False,
            )
        self.env["mail.mail"]._pm_process_queue_soon()
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True
