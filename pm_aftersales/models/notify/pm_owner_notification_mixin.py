from odoo import models


class PmOwnerNotificationMixin(models.AbstractModel):
    """Each owner notice by the owner's channels: the e-mail (kept in the
    chatter for the portal) unless the owner asked for SMS only, the SMS of
    the same step (``sms_template_*`` beside ``mail_template_*``) unless the
    owner asked for e-mail only."""

    _name = "pm.owner.notification.mixin"
    _inherit = ["pm.owner.notification.mixin", "pm.sms.link.mixin"]

    def _pm_get_sms_template(self, template_xmlid):
        return self.env.ref(
            template_xmlid.replace(".mail_template_", ".sms_template_"), raise_if_not_found=False
        )

    def _notify_owner(self, template_xmlid):
        result = super(
            PmOwnerNotificationMixin, self.with_context(pm_owner_notice=True)
        )._notify_owner(template_xmlid)
        sms_template = self._pm_get_sms_template(template_xmlid)
        if sms_template:
            for record in self:
                recipients = record._pm_get_owner_recipients().filtered(lambda p: p._pm_wants_sms())
                record._pm_send_sms(sms_template, recipients)
        return result
