from odoo import api, fields, models
from odoo.exceptions import UserError


class PmCheckinWizard(models.TransientModel):
    """Check in on site when the label cannot be scanned: by the phone's
    position (proves the arrival within the estate's radius) or with a
    reason."""

    _name = "pm.checkin.wizard"
    _description = "Check In on Site"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Job", required=True, ondelete="cascade")
    place_name = fields.Char(related="ticket_id.place_name")
    method = fields.Selection(
        [("gps", "My Position"), ("manual", "A Reason")],
        string="Prove It By",
        required=True,
        default="gps",
    )
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))
    accuracy = fields.Float(string="Accuracy (m)", digits=(10, 1))
    has_position = fields.Boolean(compute="_compute_distance")
    distance = fields.Integer(string="Distance from the Estate (m)", compute="_compute_distance")
    radius = fields.Integer(string="Check-in Radius (m)", compute="_compute_distance")
    outside = fields.Boolean(compute="_compute_distance")
    reason = fields.Text(help="Why the label cannot be scanned or the position does not prove it.")
    pm_scan_code = fields.Char(string="Scan the Place's Label", compute="_compute_pm_scan_code")

    def _compute_pm_scan_code(self):
        self.pm_scan_code = False

    @api.depends("latitude", "longitude", "ticket_id.estate_id")
    def _compute_distance(self):
        for wizard in self:
            estate = wizard.ticket_id.estate_id
            located = bool(wizard.latitude or wizard.longitude)
            known = bool(estate) and estate._pm_has_position()
            wizard.has_position = located
            wizard.radius = estate.sudo().pm_checkin_radius if estate else 0
            wizard.distance = (
                round(estate._pm_distance_to(wizard.latitude, wizard.longitude))
                if located and known
                else 0
            )
            wizard.outside = located and (not known or wizard.distance > wizard.radius)

    def action_pm_scan(self, code):
        """The label scanned from the dialog."""
        self.ensure_one()
        self.ticket_id.action_pm_scan(code)
        return {"type": "ir.actions.act_window_close"}

    def action_confirm(self):
        self.ensure_one()
        ticket = self.ticket_id
        if self.method == "gps":
            ticket._check_assigned_to_me(self.env._("check in"))
            if not self.has_position:
                raise UserError(
                    self.env._(
                        "Your position is not known yet: tap “Use My Position” and allow the "
                        "browser to locate the phone, or give a reason."
                    )
                )
            ticket._pm_check_in_gps(self.latitude, self.longitude, reason=self.reason)
        else:
            ticket._check_assigned_to_me(self.env._("check in"))
            ticket._pm_check_in_manual(self.reason)
        return {"type": "ir.actions.act_window_close"}
