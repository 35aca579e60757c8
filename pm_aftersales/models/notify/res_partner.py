from odoo import fields, models

NOTIFY_CHANNELS = [
    ("auto", "Automatic"),
    ("email", "E-mail"),
    ("sms", "SMS"),
    ("both", "E-mail and SMS"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    pm_notify_channel = fields.Selection(
        NOTIFY_CHANNELS,
        string="Notices By",
        default="auto",
        required=True,
        help="How the service centre tells this owner of their jobs, rectifications and "
        "the estate's notices. Automatic: by SMS when there is a phone number, by e-mail "
        "when there is an address.",
    )

    def _pm_notice_channels(self):
        """The channels that reach this owner: a subset of {"email", "sms"}."""
        self.ensure_one()
        partner = self.sudo()
        has_email, has_phone = bool(partner.email), bool(partner.phone)
        wanted = {
            "auto": {"email", "sms"},
            "email": {"email"},
            "sms": {"sms"},
            "both": {"email", "sms"},
        }[partner.pm_notify_channel or "auto"]
        reachable = {c for c, ok in (("email", has_email), ("sms", has_phone)) if ok}
        channels = wanted & reachable
        # A choice that cannot be honoured (SMS but no phone) falls back on
        # what can reach the owner: nobody is left untold.
        return channels or reachable

    def _pm_wants_email(self):
        return "email" in self._pm_notice_channels()

    def _pm_wants_sms(self):
        return "sms" in self._pm_notice_channels()
