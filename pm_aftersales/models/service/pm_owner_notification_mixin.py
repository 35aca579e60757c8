from odoo import api, fields, models


class PmOwnerNotificationMixin(models.AbstractModel):
    """What a record (a mail thread with the owner as ``partner_id``) tells
    its owner, and whether it reached them."""

    _name = "pm.owner.notification.mixin"
    _description = "Owner Notifications"

    notice_undelivered = fields.Boolean(
        string="Notice Not Delivered",
        compute="_compute_notice_undelivered",
        search="_search_notice_undelivered",
        groups="base.group_user",
        help="A mail of this job did not reach its recipient: the address is wrong, "
        "or the mail server failed and the mail waits for its next attempt.",
    )

    def _compute_notice_undelivered(self):
        undelivered = self.with_context(active_test=False).search(
            [("id", "in", self.ids), ("notice_undelivered", "=", True)]
        )
        for record in self:
            record.notice_undelivered = record in undelivered

    @api.model
    def _search_notice_undelivered(self, operator, value):
        # Odoo's message_has_error only tells each message's author; the
        # assistants must see every job whose owner was not told.
        if operator != "in":
            return NotImplemented
        failed = (
            self.env["mail.message"]
            .sudo()
            ._search(
                [
                    ("model", "=", self._name),
                    ("message_type", "!=", "user_notification"),
                    ("notification_ids.notification_status", "in", ("exception", "bounce")),
                ]
            )
        )
        return [("id", "in", failed.subselect("res_id"))]

    def _pm_get_owner_recipients(self):
        """Who the record's owner notices are for (the owner; a job merged
        with duplicates also their reporters)."""
        self.ensure_one()
        return self.partner_id

    def _notify_owner(self, template_xmlid):
        """Send the owner one of the record's messages (mail in the owner's
        language, kept in the chatter so the portal shows it)."""
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        for record in self.filtered("partner_id"):
            if template:
                record.message_post_with_source(
                    template,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    # The owner is told even of what they did themselves
                    # (a report on the portal): Odoo skips the author.
                    notify_author_mention=True,
                )
