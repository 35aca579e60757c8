from odoo import models


class PmRectificationNotice(models.Model):
    """The daily rectification notice (每日通报) by the owner's channels: an
    owner without e-mail gets it by SMS, logged on the owner's contact."""

    _name = "pm.rectification.notice"
    _inherit = ["pm.rectification.notice", "pm.sms.link.mixin"]

    def _pm_get_sms_target_url(self):
        self.ensure_one()
        partner = self.partner_id.sudo()
        return partner._get_signup_url_for_action(url="/my/rectifications")[partner.id]

    def _get_mail_notices(self):
        return super()._get_mail_notices().filtered(lambda n: n.partner_id._pm_wants_email())

    def _send_notices(self):
        result = super()._send_notices()
        template = self.env.ref(
            "pm_aftersales.sms_template_rectification_notice", raise_if_not_found=False
        )
        for notice in self.filtered(lambda n: n.partner_id._pm_wants_sms()):
            notice._pm_send_sms(template, notice.partner_id, thread=notice.partner_id)
        return result
