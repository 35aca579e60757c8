from odoo import fields, models

from ...tools.qr.geo import distance_m


class PmEstate(models.Model):
    """Where the estate is (for the technicians' GPS check-in) and the logo
    its QR labels carry."""

    _inherit = "pm.estate"

    pm_latitude = fields.Float(
        string="Latitude",
        digits=(10, 7),
        groups="base.group_user",
        help="Of the estate's centre (WGS-84, as a phone's GPS gives it).",
    )
    pm_longitude = fields.Float(string="Longitude", digits=(10, 7), groups="base.group_user")
    pm_checkin_radius = fields.Integer(
        string="Check-in Radius (m)",
        default=300,
        required=True,
        groups="base.group_user",
        help="A technician's phone within this distance of the estate's position proves "
        "his arrival; farther, he gives a reason.",
    )
    pm_logo = fields.Image(
        string="Label Logo",
        max_width=512,
        max_height=512,
        help="Printed on the estate's QR labels (the company's logo when empty).",
    )

    _pm_checkin_radius_positive = models.Constraint(
        "CHECK(pm_checkin_radius > 0)", "The check-in radius must be more than 0 metres."
    )
    _pm_position_range = models.Constraint(
        "CHECK(pm_latitude BETWEEN -90 AND 90 AND pm_longitude BETWEEN -180 AND 180)",
        "A latitude is between -90 and 90, a longitude between -180 and 180.",
    )

    def _pm_has_position(self):
        self.ensure_one()
        return bool(self.sudo().pm_latitude or self.sudo().pm_longitude)

    def _pm_distance_to(self, latitude, longitude):
        """Metres from the estate's position to (``latitude``, ``longitude``)."""
        self.ensure_one()
        estate = self.sudo()
        return distance_m(estate.pm_latitude, estate.pm_longitude, latitude, longitude)

    def _pm_label_logo(self):
        """The logo of the estate's labels (base64), the company's by default."""
        self.ensure_one()
        return self.pm_logo or self.company_id.logo
