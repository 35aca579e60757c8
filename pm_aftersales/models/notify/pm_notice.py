from odoo import models


class PmNotice(models.Model):
    """An estate notice reaches by SMS the residents who get notices by SMS
    (owners without e-mail among them); the e-mail goes to the others."""

    _name = "pm.notice"
    _inherit = ["pm.notice", "pm.sms.link.mixin"]

    def _pm_get_sms_target_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/my/notices/{self.id}"

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        return self._pm_filter_owner_notice_recipients(recipients)

    def _pm_is_urgent_notice(self):
        """Safety notices (gas leak, fire drill) go at once."""
        return super()._pm_is_urgent_notice() or self.category == "safety"

    def action_send(self):
        drafts = self.filtered(lambda n: n.state == "draft")
        result = super(PmNotice, self.with_context(pm_owner_notice=True)).action_send()
        template = self.env.ref("pm_aftersales.sms_template_notice", raise_if_not_found=False)
        for notice in drafts:
            recipients = notice._get_recipients().filtered(lambda p: p._pm_wants_sms())
            notice._pm_send_sms(template, recipients)
        return result
