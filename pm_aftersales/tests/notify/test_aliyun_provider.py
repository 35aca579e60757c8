"""Alibaba Cloud SMS as the company's provider: the documented signing, the
requests the provider checks, its answers and errors, retries, and delivery
reports (issue 16)."""

import json
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.pm_aftersales.tools.notify import aliyun_sms

from .common_notify import DAYTIME, PmNotifyCommon
from .fake_aliyun import FakeAliyun

KEY_ID, SECRET = "LTAI5tTestKeyId", "TestSecretOfTheCompany"


@tagged("post_install", "-at_install")
class TestAliyunSigning(PmNotifyCommon):
    def test_signature_of_the_documentation(self):
        """The SendSms example of Alibaba Cloud's signature documentation
        (AccessKey testId / testSecret, GET)."""
        params = {
            "AccessKeyId": "testId",
            "Action": "SendSms",
            "Format": "XML",
            "OutId": "123",
            "PhoneNumbers": "15300000001",
            "RegionId": "cn-hangzhou",
            "SignName": "阿里云短信测试专用",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            "SignatureVersion": "1.0",
            "TemplateCode": "SMS_71390007",
            "TemplateParam": '{"customer":"test"}',
            "Timestamp": "2017-07-12T02:42:19Z",
            "Version": "2017-05-25",
        }
        self.assertTrue(
            aliyun_sms.string_to_sign("GET", params).startswith(
                "GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML"
            )
        )
        self.assertEqual(
            aliyun_sms.sign("GET", params, "testSecret"), "zJDF+Lrzhj/ThnlvIToysFRq6t4="
        )

    def test_signature_of_the_common_example(self):
        """The DescribeRegions example of the RPC signature documentation."""
        params = {
            "Timestamp": "2016-02-23T12:46:24Z",
            "Format": "XML",
            "AccessKeyId": "testid",
            "Action": "DescribeRegions",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            "Version": "2014-05-26",
            "SignatureVersion": "1.0",
        }
        self.assertEqual(
            aliyun_sms.sign("GET", params, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        )

    def test_numbers(self):
        self.assertEqual(aliyun_sms.aliyun_number("+86 138 0013 8000"), "13800138000")
        self.assertEqual(aliyun_sms.aliyun_number("+852 9123 4567"), "85291234567")


class AliyunCase(PmNotifyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sudo().write(
            {
                "sms_provider": "pm_aliyun",
                "pm_aliyun_access_key_id": KEY_ID,
                "pm_aliyun_access_key_secret": SECRET,
                "pm_aliyun_sign_name": "幸福里物业",
            }
        )
        cls.env.ref(
            "pm_aftersales.sms_template_ticket_accepted"
        ).pm_provider_template_code = "SMS_480000001"
        cls.owner_a.pm_notify_channel = "sms"
        cls.env.user.company_id = cls.company

    def _queue(self, phone="13800138000"):
        self.owner_a.phone = phone
        job = self._create_job()
        with freeze_time(DAYTIME):
            job._send_acknowledgement()
        sms = self._sms_of(self.owner_a)
        self.assertEqual(sms.state, "outgoing")
        return job, sms

    def _send(self, sms, when=DAYTIME):
        with freeze_time(when):
            sms.with_company(self.company).send(unlink_sent=False)

    def _notification(self, job):
        return job.message_ids.notification_ids.filtered(lambda n: n.notification_type == "sms")


@tagged("post_install", "-at_install")
class TestAliyunSending(AliyunCase):
    def test_sent_as_the_provider_documents(self):
        job, sms = self._queue()
        with FakeAliyun(KEY_ID, SECRET) as fake:
            self.company.sudo().pm_aliyun_endpoint = fake.url
            self._send(sms)
        self.assertEqual(fake.errors, [])
        self.assertEqual(len(fake.requests), 1)
        request = fake.requests[0]
        self.assertEqual(request["PhoneNumbers"], "13800138000")
        self.assertEqual(request["SignName"], "幸福里物业")
        self.assertEqual(request["TemplateCode"], "SMS_480000001")
        self.assertEqual(request["OutId"], sms.uuid)
        self.assertEqual(
            json.loads(request["TemplateParam"]),
            {"company": job.company_id.name, "number": job.number, "link": job.pm_sms_link},
        )
        self.assertEqual(sms.state, "pending")  # sent, awaiting the delivery report
        self.assertTrue(sms.sms_tracker_id.pm_aliyun_biz_id.endswith("^0"))
        self.assertEqual(self._notification(job).notification_status, "pending")

    def test_invalid_number_is_marked_failed_with_the_reason(self):
        job, sms = self._queue(phone="10000000000")
        with FakeAliyun(KEY_ID, SECRET) as fake:
            fake.numbers["10000000000"] = (
                200,
                {
                    "RequestId": "X",
                    "Code": "isv.MOBILE_NUMBER_ILLEGAL",
                    "Message": "手机号码格式错误",
                },
            )
            self.company.sudo().pm_aliyun_endpoint = fake.url
            self._send(sms)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_number_format")
        self.assertIn("MOBILE_NUMBER_ILLEGAL", sms.pm_failure_reason)
        notif = self._notification(job)
        self.assertEqual(notif.notification_status, "exception")
        # The assistants see the job whose owner was not told.
        self.assertTrue(job.notice_undelivered)
        self.assertIn(job, self.env["helpdesk.ticket"].search([("notice_undelivered", "=", True)]))

    def test_rate_limit_is_retried_later_then_marked_failed(self):
        job, sms = self._queue()
        state_before = job.service_state
        with FakeAliyun(KEY_ID, SECRET) as fake:
            fake.numbers["13800138000"] = (
                200,
                {
                    "RequestId": "X",
                    "Code": "isv.BUSINESS_LIMIT_CONTROL",
                    "Message": "触发分钟级流控",
                },
            )
            self.company.sudo().pm_aliyun_endpoint = fake.url
            self._send(sms)
            self.assertEqual(sms.state, "pm_scheduled")
            self.assertEqual(sms.pm_attempts, 1)
            self.assertEqual(sms.pm_not_before, DAYTIME + timedelta(minutes=5))
            self.assertEqual(self._notification(job).notification_status, "ready")
            when = DAYTIME
            for _attempt in range(4):
                when = sms.pm_not_before
                with freeze_time(when):
                    self.env["sms.sms"]._pm_release_scheduled()
                self._send(sms, when)
        self.assertEqual(len(fake.requests), 5)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "pm_sms_rate_limit")
        self.assertIn("BUSINESS_LIMIT_CONTROL", sms.pm_failure_reason)
        self.assertEqual(self._notification(job).notification_status, "exception")
        self.assertEqual(job.service_state, state_before)  # the job never waited

    def test_bad_signature_is_marked_failed(self):
        job, sms = self._queue()
        with FakeAliyun(KEY_ID, "another secret") as fake:
            self.company.sudo().pm_aliyun_endpoint = fake.url
            self._send(sms)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "pm_sms_provider_account")
        self.assertIn("SignatureDoesNotMatch", sms.pm_failure_reason)
        self.assertEqual(self._notification(job).failure_type, "pm_sms_provider_account")

    def test_provider_down_loses_nothing(self):
        job, sms = self._queue()
        with FakeAliyun(KEY_ID, SECRET) as fake:
            url = fake.url
        self.company.sudo().pm_aliyun_endpoint = url  # nobody listens there any more
        self._send(sms)
        self.assertTrue(sms.exists())
        self.assertEqual(sms.state, "pm_scheduled")
        self.assertEqual(sms.pm_attempts, 1)
        self.assertEqual(self._notification(job).notification_status, "ready")
        # Back up: the next attempt goes through.
        with FakeAliyun(KEY_ID, SECRET) as fake:
            self.company.sudo().pm_aliyun_endpoint = fake.url
            with freeze_time(sms.pm_not_before):
                self.env["sms.sms"]._pm_release_scheduled()
            self._send(sms, sms.pm_not_before)
        self.assertEqual(sms.state, "pending")

    def test_template_without_provider_code_fails_clearly(self):
        self.env.ref("pm_aftersales.sms_template_ticket_accepted").pm_provider_template_code = False
        _job, sms = self._queue()
        with FakeAliyun(KEY_ID, SECRET) as fake:
            self.company.sudo().pm_aliyun_endpoint = fake.url
            self._send(sms)
        self.assertFalse(fake.requests)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "pm_sms_template_missing")


@tagged("post_install", "-at_install")
class TestAliyunDeliveryReport(AliyunCase, HttpCase):
    def _report(self, token, reports):
        return self.url_open(
            f"/pm_aftersales/sms/aliyun/report/{token}",
            data=json.dumps(reports),
            headers={"Content-Type": "application/json"},
        )

    def test_delivery_report_updates_the_notification(self):
        job, sms = self._queue()
        with FakeAliyun(KEY_ID, SECRET) as fake:
            self.company.sudo().pm_aliyun_endpoint = fake.url
            self._send(sms)
        token = self.company.sudo().pm_aliyun_report_token
        self.assertEqual(self._report("wrong-token", [{"out_id": sms.uuid}]).status_code, 403)
        self.assertEqual(self._notification(job).notification_status, "pending")
        response = self._report(
            token,
            [
                {
                    "phone_number": "13800138000",
                    "send_time": "2026-03-02 18:00:01",
                    "report_time": "2026-03-02 18:00:05",
                    "success": True,
                    "err_code": "DELIVERED",
                    "err_msg": "用户接收成功",
                    "sms_size": "1",
                    "biz_id": sms.sms_tracker_id.pm_aliyun_biz_id,
                    "out_id": sms.uuid,
                }
            ],
        )
        self.assertEqual(response.json(), {"code": 0, "msg": "成功"})
        self.assertEqual(self._notification(job).notification_status, "sent")

    def test_failed_delivery_report_keeps_the_reason(self):
        job, sms = self._queue()
        with FakeAliyun(KEY_ID, SECRET) as fake:
            self.company.sudo().pm_aliyun_endpoint = fake.url
            self._send(sms)
        token = self.company.sudo().pm_aliyun_report_token
        self._report(
            token,
            [{"success": False, "err_code": "MK:0001", "err_msg": "用户关机", "out_id": sms.uuid}],
        )
        notif = self._notification(job)
        self.assertEqual(notif.notification_status, "exception")
        self.assertEqual(notif.failure_type, "sms_not_delivered")
        self.assertIn("用户关机", notif.failure_reason)
