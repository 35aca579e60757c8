from datetime import timedelta

from odoo import api, fields, models

# Minutes to wait before each new attempt at a failed mail; once they are
# used up, the mail stays failed for good.
RETRY_DELAYS = (5, 15, 45, 120, 360)
# Failures a mail server gets over: it could not be reached (Odoo then sets
# no type on the mail, only on its notifications), or it answered with an
# error. A wrong or missing address, a refused sender or a spam verdict would
# fail again.
TEMPORARY_FAILURES = (False, "mail_smtp", "unknown")
# An older notice is no news any more (mails failed before the addon was
# updated are not sent out of the blue).
RETRY_MAX_AGE = timedelta(days=1)


class MailMail(models.Model):
    _inherit = "mail.mail"

    pm_retry_count = fields.Integer(
        string="Delivery Retries",
        default=0,
        readonly=True,
        copy=False,
        help="How many times the mail was put back in the queue after failing.",
    )
    pm_next_retry = fields.Datetime(
        string="Next Delivery Attempt",
        compute="_compute_pm_next_retry",
        store=True,
        index="btree_not_null",
        copy=False,
        help="When a mail that failed on the mail server goes back in the queue. "
        "Empty once it is sent or when there is no attempt left.",
    )

    @api.model
    def _pm_retry_models(self):
        """Documents whose mails go to owners: theirs are tried again."""
        return ["helpdesk.ticket", "pm.notice", "pm.rectification.notice", "survey.user_input"]

    @api.depends("state", "failure_type")
    def _compute_pm_next_retry(self):
        # Computed when the failure is saved (the queue commits after each
        # mail), so the wait counts from the failure.
        now = fields.Datetime.now()
        retry_models = self._pm_retry_models()
        for mail in self:
            if (
                mail.state == "exception"
                and mail.failure_type in TEMPORARY_FAILURES
                and mail.model in retry_models
                and mail.pm_retry_count < len(RETRY_DELAYS)
                and mail.date
                and mail.date > now - RETRY_MAX_AGE
            ):
                mail.pm_next_retry = now + timedelta(minutes=RETRY_DELAYS[mail.pm_retry_count])
            else:
                mail.pm_next_retry = False

    @api.model
    def _pm_process_queue_soon(self):
        """Wake Odoo's mail queue up now instead of at its next hourly run."""
        self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()

    @api.model
    def _cron_pm_retry_failed(self):
        """Put back in the queue the failed mails whose wait is over."""
        due = self.search(
            [("state", "=", "exception"), ("pm_next_retry", "<=", fields.Datetime.now())]
        )
        for count, mails in due.grouped("pm_retry_count").items():
            mails.write({"state": "outgoing", "pm_retry_count": count + 1})
        if due:
            self._pm_process_queue_soon()
        return due
