import json
from datetime import timedelta

from odoo import api, fields, models

# What the provider said when it could not take the SMS now: it is tried
# again later, up to PM_MAX_ATTEMPTS times, before it is marked failed.
PM_TRANSIENT_STATES = {"server_error", "aliyun_rate_limit"}
PM_MAX_ATTEMPTS = 5


class SmsSms(models.Model):
    _inherit = "sms.sms"

    state = fields.Selection(
        selection_add=[("pm_scheduled", "Scheduled")],
        ondelete={"pm_scheduled": "set default"},
    )
    failure_type = fields.Selection(
        selection_add=[
            ("pm_sms_rate_limit", "Provider Rate Limit"),
            ("pm_sms_provider_account", "Provider Account or Template Refused"),
            ("pm_sms_template_missing", "No Provider Template Code"),
        ],
    )
    pm_not_before = fields.Datetime(
        string="Send After",
        index="btree_not_null",
        copy=False,
        help="A scheduled SMS waits until then: the end of the quiet hours, or its next attempt.",
    )
    pm_attempts = fields.Integer(string="Attempts", copy=False, readonly=True)
    pm_failure_reason = fields.Char(string="Last Failure", copy=False, readonly=True)
    pm_provider_template_code = fields.Char(string="Provider Template Code", copy=False)
    pm_provider_params = fields.Text(string="Provider Parameters", copy=False)

    # ------------------------------------------------------------------
    # Scheduling: quiet hours and retries
    # ------------------------------------------------------------------
    def _pm_schedule(self, not_before):
        """Hold the SMS until ``not_before`` (naive UTC); the queue wakes then."""
        if not self:
            return
        self.write({"state": "pm_scheduled", "pm_not_before": not_before, "to_delete": False})
        self.env.ref("sms.ir_cron_sms_scheduler_action")._trigger(at=not_before)

    @api.model
    def _pm_release_scheduled(self):
        """The scheduled SMS whose time has come go back to the queue."""
        due = self.search(
            [("state", "=", "pm_scheduled"), ("pm_not_before", "<=", fields.Datetime.now())]
        )
        due.write({"state": "outgoing"})
        return due

    @api.model
    def _process_queue(self):
        self._pm_release_scheduled()
        return super()._process_queue()

    @api.model
    def _pm_retry_delay(self, attempts):
        """5, 10, 20, 40 minutes between attempts."""
        return timedelta(minutes=5 * 2 ** max(attempts - 1, 0))

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    def _split_by_api(self):
        """Alibaba Cloud for the companies that chose it; the others as
        Odoo (IAP) or Twilio send them."""
        aliyun = self.browse()
        for company, company_sms in self.grouped(lambda s: s._get_sms_company()).items():
            if company.sms_provider == "pm_aliyun":
                sms_api = company._get_sms_api_class()(self.env)
                sms_api._set_company(company)
                aliyun |= company_sms
                yield sms_api, company_sms
        if others := self - aliyun:
            yield from super(SmsSms, others)._split_by_api()

    def _pm_get_provider_payload(self):
        """(template code, parameters dict) the provider is sent for this SMS."""
        self.ensure_one()
        try:
            params = json.loads(self.pm_provider_params or "{}")
        except ValueError:
            params = {}
        return self.pm_provider_template_code, params if isinstance(params, dict) else {}

    def _handle_call_result_hook(self, results):
        """What the provider answered: the BizId kept for its delivery
        reports; a transient failure (provider down, rate limit) tried again
        later, so that no notice is lost and no job waits on the provider."""
        by_uuid = self.grouped("uuid")
        retry = self.browse()
        for result in results:
            sms = by_uuid.get(result.get("uuid"))
            if not sms:
                continue
            if result.get("pm_aliyun_biz_id") and sms.sms_tracker_id:
                sms.sms_tracker_id.pm_aliyun_biz_id = result["pm_aliyun_biz_id"]
            if result.get("state") in self.IAP_TO_SMS_STATE_SUCCESS:
                continue
            sms.write(
                {
                    "pm_attempts": sms.pm_attempts + 1,
                    "pm_failure_reason": result.get("failure_reason") or result.get("state"),
                }
            )
            if result.get("state") in PM_TRANSIENT_STATES and sms.pm_attempts < PM_MAX_ATTEMPTS:
                retry |= sms
        now = fields.Datetime.now()
        for sms in retry:
            sms.write({"failure_type": False})
            sms._pm_schedule(now + self._pm_retry_delay(sms.pm_attempts))
            # The owner's notification waits again instead of showing a failure.
            sms.sms_tracker_id._update_sms_notifications("ready")
        return super()._handle_call_result_hook(results)
