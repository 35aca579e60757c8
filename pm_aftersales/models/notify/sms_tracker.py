from odoo import fields, models


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    pm_aliyun_biz_id = fields.Char("Alibaba Cloud BizId", readonly=True, index="btree_not_null")

    def _pm_action_update_from_aliyun_report(self, report):
        """One delivery report (回执) of Alibaba Cloud's HTTP push."""
        if report.get("success") in (True, "true", "True", 1, "1"):
            self._action_update_from_sms_state("sent")
            return
        reason = " ".join(filter(None, (report.get("err_code"), report.get("err_msg"))))
        self.with_context(sms_known_failure_reason=reason)._action_update_from_provider_error(
            "not_delivered"
        )
