import secrets
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from odoo.addons.pm_aftersales.tools.notify.aliyun_sms import DEFAULT_ENDPOINT, SmsApiAliyun


class ResCompany(models.Model):
    _inherit = "res.company"

    sms_provider = fields.Selection(
        selection_add=[("pm_aliyun", "Send via Alibaba Cloud SMS")],
        ondelete={"pm_aliyun": "set default"},
    )
    pm_aliyun_access_key_id = fields.Char("AccessKey ID", groups="base.group_system")
    pm_aliyun_access_key_secret = fields.Char("AccessKey Secret", groups="base.group_system")
    pm_aliyun_sign_name = fields.Char(
        "Signature Name",
        groups="base.group_system",
        help="The SMS signature (短信签名) Alibaba Cloud approved, shown as 【…】 in the SMS.",
    )
    pm_aliyun_region = fields.Char("Region", default="cn-hangzhou", groups="base.group_system")
    pm_aliyun_endpoint = fields.Char(
        "Endpoint", default=DEFAULT_ENDPOINT, groups="base.group_system"
    )
    pm_aliyun_report_token = fields.Char(
        "Delivery Report Token",
        copy=False,
        groups="base.group_system",
        default=lambda self: secrets.token_urlsafe(24),
        help="Secret part of the delivery-report URL given to Alibaba Cloud.",
    )
    pm_sms_quiet_start = fields.Float(
        "Quiet Hours From",
        default=22.0,
        help="Start of the SMS quiet hours (company time): from then on only urgent SMS go out.",
    )
    pm_sms_quiet_end = fields.Float(
        "Quiet Hours Until",
        default=8.0,
        help="End of the SMS quiet hours (company time): the SMS held overnight go out then.",
    )

    _pm_sms_quiet_hours_check = models.Constraint(
        "CHECK(pm_sms_quiet_start >= 0 AND pm_sms_quiet_start < 24 "
        "AND pm_sms_quiet_end >= 0 AND pm_sms_quiet_end < 24)",
        "Quiet hours are hours of the day, from 0:00 to 23:59.",
    )

    def _get_sms_api_class(self):
        self.ensure_one()
        if self.sms_provider == "pm_aliyun":
            return SmsApiAliyun
        return super()._get_sms_api_class()

    @api.model
    def _pm_hour_to_time(self, hour):
        minutes = round(hour * 60)
        return time(minutes // 60 % 24, minutes % 60)

    def _pm_sms_quiet_until(self, now=None):
        """When the quiet hours running at ``now`` (naive UTC, default: now)
        end, as naive UTC; False outside quiet hours."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        start = self._pm_hour_to_time(self.pm_sms_quiet_start)
        end = self._pm_hour_to_time(self.pm_sms_quiet_end)
        if start == end:
            return False
        tz = self._pm_tz()
        local = pytz.utc.localize(now).astimezone(tz)
        clock = local.time()
        if start < end:
            quiet = start <= clock < end
            end_day = local.date()
        else:  # Across midnight (22:00 to 08:00).
            quiet = clock >= start or clock < end
            end_day = local.date() + timedelta(days=1) if clock >= start else local.date()
        if not quiet:
            return False
        until = tz.localize(datetime.combine(end_day, end))
        return until.astimezone(pytz.utc).replace(tzinfo=None)
