"""Alibaba Cloud SMS (阿里云短信服务, dysmsapi 2017-05-25), spoken as its
published RPC API says: form-encoded parameters signed with HMAC-SHA1
(SignatureVersion 1.0) over the sorted, percent-encoded query string."""

import base64
import hashlib
import hmac
import json
import logging
import uuid
from datetime import UTC, datetime
from urllib.parse import quote

import requests

from odoo.addons.sms.tools.sms_api import SmsApiBase

_logger = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com/"
API_VERSION = "2017-05-25"

# The provider's error codes (错误码) that say the number is wrong, the
# account or template must be fixed, or the service asks to wait.
NUMBER_ERRORS = {"isv.MOBILE_NUMBER_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT"}
RATE_ERRORS = {
    "isv.BUSINESS_LIMIT_CONTROL",
    "Throttling.User",
    "Throttling",
    "isv.DAY_LIMIT_CONTROL",
}
ACCOUNT_ERRORS = {
    "SignatureDoesNotMatch",
    "InvalidAccessKeyId.NotFound",
    "InvalidAccessKeyId.Inactive",
    "isv.AMOUNT_NOT_ENOUGH",
    "isv.OUT_OF_SERVICE",
    "isv.ACCOUNT_ABNORMAL",
    "isv.SMS_SIGNATURE_ILLEGAL",
    "isv.SMS_TEMPLATE_ILLEGAL",
    "isv.TEMPLATE_MISSING_PARAMETERS",
    "isv.INVALID_PARAMETERS",
}


def percent_encode(value):
    """RFC 3986 encoding as the signature needs it (space as %20, ``~`` kept)."""
    return quote(str(value), safe="~")


def string_to_sign(method, params):
    query = "&".join(
        f"{percent_encode(key)}={percent_encode(value)}" for key, value in sorted(params.items())
    )
    return f"{method}&{percent_encode('/')}&{percent_encode(query)}"


def sign(method, params, access_key_secret):
    """The ``Signature`` of ``params`` (without it) for an HTTP ``method``."""
    digest = hmac.new(
        f"{access_key_secret}&".encode(),
        string_to_sign(method, params).encode(),
        hashlib.sha1,
    ).digest()
    return base64.b64encode(digest).decode()


def aliyun_number(number):
    """Mainland numbers without their +86, others as country code and number."""
    digits = (number or "").replace(" ", "").replace("-", "")
    if digits.startswith("+86"):
        return digits[3:]
    return digits.lstrip("+")


class SmsApiAliyun(SmsApiBase):
    """``_send_sms_batch`` on Alibaba Cloud: one ``SendSms`` call per SMS, with
    the template code and parameters the SMS carries (the provider sends only
    templates it approved), the ``BizId`` answered kept for delivery reports."""

    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        "aliyun_rate_limit": "pm_sms_rate_limit",
        "aliyun_account": "pm_sms_provider_account",
        "aliyun_template_missing": "pm_sms_template_missing",
    }

    def _get_sms_api_error_messages(self):
        return {
            "aliyun_template_missing": self.env._(
                "The SMS template has no Alibaba Cloud template code: set it on the SMS template."
            ),
        }

    def _prepare_request_params(self, company, number, template_code, template_params, out_id):
        return {
            "AccessKeyId": company.pm_aliyun_access_key_id or "",
            "Action": "SendSms",
            "Format": "JSON",
            "OutId": out_id,
            "PhoneNumbers": aliyun_number(number),
            "RegionId": company.pm_aliyun_region or "cn-hangzhou",
            "SignName": company.pm_aliyun_sign_name or "",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": template_code,
            "TemplateParam": json.dumps(template_params or {}, ensure_ascii=False),
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": API_VERSION,
        }

    def _send_request(self, session, params):
        company = (self.company or self.env.company).sudo()
        params = dict(params)
        params["Signature"] = sign("POST", params, company.pm_aliyun_access_key_secret or "")
        try:
            return session.post(
                company.pm_aliyun_endpoint or DEFAULT_ENDPOINT,
                data=params,
                timeout=10,
            )
        except requests.exceptions.RequestException as error:
            _logger.warning("Alibaba Cloud SMS unreachable: %s", error)
        return None

    def _parse_response(self, response):
        """(state, failure_reason, biz_id) of one ``SendSms`` answer."""
        if response is None:
            return "server_error", self.env._("The SMS provider could not be reached."), False
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        code = answer.get("Code")
        message = answer.get("Message") or response.reason or ""
        if response.ok and code == "OK":
            return "success", False, answer.get("BizId")
        reason = f"{code or response.status_code}: {message}"
        if code in NUMBER_ERRORS:
            return "wrong_number_format", reason, False
        if code in RATE_ERRORS or response.status_code == 429:
            return "aliyun_rate_limit", reason, False
        if code in ACCOUNT_ERRORS or response.status_code in (401, 403):
            return "aliyun_account", reason, False
        return "server_error", reason, False

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        """See ``sms.tools.sms_api.SmsApi._send_sms_batch``: the template code
        and parameters come from each SMS (``sms.sms`` by its uuid)."""
        company = (self.company or self.env.company).sudo()
        uuids = [n["uuid"] for m in messages for n in m.get("numbers") or []]
        sms_by_uuid = self.env["sms.sms"].sudo().search([("uuid", "in", uuids)]).grouped("uuid")
        session = requests.Session()
        results = []
        for message in messages:
            for number_info in message.get("numbers") or []:
                sms = sms_by_uuid.get(number_info["uuid"])
                template_code, template_params = (
                    sms._pm_get_provider_payload() if sms else (False, {})
                )
                if not template_code:
                    results.append(
                        {
                            "uuid": number_info["uuid"],
                            "state": "aliyun_template_missing",
                            "failure_reason": self._get_sms_api_error_messages()[
                                "aliyun_template_missing"
                            ],
                        }
                    )
                    continue
                params = self._prepare_request_params(
                    company,
                    number_info["number"],
                    template_code,
                    template_params,
                    number_info["uuid"],
                )
                state, reason, biz_id = self._parse_response(self._send_request(session, params))
                results.append(
                    {
                        "uuid": number_info["uuid"],
                        "state": state,
                        "failure_reason": reason,
                        "pm_aliyun_biz_id": biz_id,
                    }
                )
        return results
