from odoo import fields, models


class PmSmsLinkMixin(models.AbstractModel):
    """What a record tells owners by SMS: the short link (``link.tracker``)
    to its page on the portal, and the sending of an ``sms.template`` through
    Odoo's SMS queue, held during the company's quiet hours unless urgent."""

    _name = "pm.sms.link.mixin"
    _description = "Owner SMS"

    pm_sms_link = fields.Char(
        string="Short Link",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The short link of the owner's page sent in SMS (it carries the page's access).",
    )

    def _pm_get_sms_target_url(self):
        """Absolute URL the SMS link leads to: the record's portal page with
        its access token and a sign-up link when the record has them."""
        self.ensure_one()
        base = self.get_base_url()
        if hasattr(self, "_get_share_url"):
            url = self._get_share_url(redirect=True, signup_partner=True)
        else:
            url = "/my"
        return url if url.startswith("http") else base + url

    def _pm_ensure_sms_link(self):
        trackers = self.env["link.tracker"].sudo()
        for record in self.sudo().filtered(lambda r: not r.pm_sms_link):
            url = record._pm_get_sms_target_url()
            # A title given: link_tracker would otherwise fetch the page.
            tracker = trackers.search_or_create([{"url": url, "title": record.display_name}])
            record.pm_sms_link = tracker.short_url

    def _pm_get_sms_company(self):
        self.ensure_one()
        return ("company_id" in self and self.company_id) or self.env.company

    def _pm_is_urgent_notice(self):
        """Urgent notices go out at once, quiet hours or not."""
        return False

    def _pm_send_sms(self, template, partners, thread=None):
        """Queue ``template`` rendered on this record to ``partners`` (their
        phones), logged with its delivery status on ``thread`` (default: the
        record). Returns the ``sms.sms`` queued."""
        self.ensure_one()
        partners = partners.filtered("phone")
        if not template or not partners:
            return self.env["sms.sms"]
        self._pm_ensure_sms_link()
        record = self.sudo()
        template = template.sudo()
        thread = (thread or record).sudo()
        company = self._pm_get_sms_company()
        sms = self.env["sms.sms"].sudo()
        # Each owner in their language: one message per language.
        for lang, lang_partners in partners.grouped(company._pm_lang).items():
            localized = template.with_context(lang=lang)
            body = localized._render_field("body", record.ids)[record.id]
            params = localized._render_field("pm_provider_params", record.ids)[record.id]
            message = thread.with_context(lang=lang)._message_sms(
                body, partner_ids=lang_partners.ids, put_in_queue=True
            )
            lang_sms = sms.search([("mail_message_id", "=", message.id)])
            lang_sms.write(
                {
                    "pm_provider_template_code": template.pm_provider_template_code,
                    "pm_provider_params": params,
                }
            )
            sms |= lang_sms
        if not self._pm_is_urgent_notice():
            until = self._pm_get_sms_company()._pm_sms_quiet_until()
            if until:
                sms.filtered(lambda s: s.state == "outgoing")._pm_schedule(until)
        return sms

    def _pm_filter_owner_notice_recipients(self, recipients):
        """``_notify_get_recipients`` of an owner notice's e-mail (context
        ``pm_owner_notice``): without the customers who asked for SMS only.
        Called by the mail threads using the mixin (their own override: a
        mixin's would come after mail.thread's)."""
        if not self.env.context.get("pm_owner_notice"):
            return recipients
        customers = (
            self.env["res.partner"]
            .sudo()
            .browse([r["id"] for r in recipients if r.get("notif") == "email" and r.get("share")])
        )
        sms_only = {p.id for p in customers if not p._pm_wants_email()}
        return [r for r in recipients if r.get("notif") != "email" or r["id"] not in sms_only]
