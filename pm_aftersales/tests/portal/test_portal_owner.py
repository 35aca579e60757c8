import base64
import io
import os
import re

from freezegun import freeze_time
from PIL import Image

from odoo.tests import HttpCase, tagged

from ..common_service import T0, PmServiceCommon


def _png(color="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, format="PNG")
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestOwnerPortal(PmServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user, password in (
            (cls.user_owner_a, "owner-a-pass"),
            (cls.user_owner_b, "owner-b-pass"),
        ):
            user.password = password
        cls.job_a = cls.env["helpdesk.ticket"].create(
            {
                "name": "Leak in A's kitchen",
                "description": "<p>A's secret leak</p>",
                "category_id": cls.cat_water_leak.id,
                "unit_id": cls.unit_a.id,
                "partner_id": cls.owner_a.id,
                "team_id": cls.crew.id,
            }
        )
        cls.job_b = cls.env["helpdesk.ticket"].create(
            {
                "name": "Crack in B's wall",
                "description": "<p>B's secret crack</p>",
                "category_id": cls.cat_wall_crack.id,
                "unit_id": cls.unit_b.id,
                "partner_id": cls.owner_b.id,
                "team_id": cls.crew.id,
            }
        )

    def _login_a(self):
        self.authenticate(self.user_owner_a.login, "owner-a-pass")

    def _login_b(self):
        self.authenticate(self.user_owner_b.login, "owner-b-pass")

    def _csrf(self, url="/my/report"):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _finish(self, job):
        job._dispatch(self.tech_plumber)
        job.with_user(self.tech_plumber).action_check_in()
        job.with_user(self.tech_plumber).write(
            {"work_done": "Fixed", "failure_cause_id": self.cause_wear.id}
        )
        job.with_user(self.tech_plumber).action_complete()

    # ------------------------------------------------------------------ units
    def test_my_units(self):
        self._login_a()
        page = self.url_open("/my/units")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Building 1 / 801", page.text)
        self.assertIn("Building 2 / 101", page.text)
        self.assertNotIn("1202", page.text)
        self.assertIn(self.job_a.number, page.text)
        unit_page = self.url_open(f"/my/units/{self.unit_a.id}")
        self.assertEqual(unit_page.status_code, 200)
        self.assertIn("Waterproofing", unit_page.text)

    def test_another_owners_unit_is_not_found(self):
        self._login_a()
        self.assertEqual(self.url_open(f"/my/units/{self.unit_b.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/units/999999").status_code, 404)

    # ------------------------------------------------------------------ report
    def test_report_a_problem(self):
        self._login_a()
        csrf = self._csrf()
        with freeze_time(T0):
            response = self.url_open(
                "/my/report",
                data={
                    "csrf_token": csrf,
                    "place": f"unit-{self.unit_a.id}",
                    "category_id": self.cat_burst_pipe.id,
                    "description": "Water <script>alert(1)</script> everywhere",
                    "appointment": "2026-03-02T19:30",
                },
                files=[
                    ("attachments", ("../../厨房 照片.png", _png(), "image/png")),
                    ("attachments", ("second.png", _png("blue"), "image/png")),
                ],
            )
        self.assertEqual(response.status_code, 200)
        job = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.owner_a.id)], order="id desc", limit=1
        )
        self.assertIn(f"/my/ticket/{job.id}", response.url)
        self.assertEqual(job.unit_id, self.unit_a)
        self.assertEqual(job.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web"))
        self.assertEqual(job.ticket_type_id, self.type_urgent)
        self.assertTrue(self._milestone(job, "arrival").deadline)
        self.assertNotIn("<script>", job.description)
        # 19:30 in Shanghai is 11:30 UTC
        self.assertEqual(job.appointment_date.strftime("%H:%M"), "11:30")
        names = sorted(job.attachment_ids.mapped("name"))
        self.assertEqual(names, ["second.png", "厨房 照片.png"])
        self.assertEqual(set(job.attachment_ids.mapped("mimetype")), {"image/png"})
        # the owner is told, on the job page
        self.assertTrue(job.message_ids.filtered(lambda m: self.owner_a in m.partner_ids))
        self.assertIn("Water &lt;script&gt;", response.text)

    def _refused(self, data, files=None, message=""):
        self._login_a()
        before = self.env["helpdesk.ticket"].search_count([])
        attachments = self.env["ir.attachment"].search_count([])
        payload = {
            "csrf_token": self._csrf(),
            "place": f"unit-{self.unit_a.id}",
            "category_id": self.cat_water_leak.id,
            "description": "Leak",
        }
        payload.update(data)
        response = self.url_open("/my/report", data=payload, files=files)
        self.assertEqual(response.status_code, 400)
        self.assertIn(message, response.text)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), before)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        return response

    def test_report_refuses_another_owners_unit(self):
        self._refused({"place": f"unit-{self.unit_b.id}"}, message="This unit is not one of yours")

    def test_report_refuses_an_empty_description(self):
        self._refused({"description": "   "}, message="the description is required")

    def test_report_refuses_an_executable(self):
        exe = b"MZ\x90\x00\x03" + b"\x00" * 2000
        response = self._refused(
            {},
            files=[("attachments", ("photo.png.exe", exe, "image/png"))],
            message="is not a photo or a video",
        )
        self.assertIn("photo.png.exe", response.text)

    def test_report_refuses_a_50_mb_file(self):
        big = _png() + os.urandom(50 * 1024 * 1024)  # a real video is noise, not zeros
        self._refused(
            {},
            files=[("attachments", ("huge.png", big, "image/png"))],
            message="is larger than 20 MB",
        )

    def test_report_refuses_too_many_files(self):
        files = [("attachments", (f"p{i}.png", _png(), "image/png")) for i in range(7)]
        self._refused({}, files=files, message="Attach at most 6 files")

    def test_report_keeps_what_was_typed(self):
        response = self._refused(
            {"description": "", "title": "Kept title"}, message="the description is required"
        )
        self.assertIn("Kept title", response.text)

    def test_report_without_csrf_is_refused(self):
        self._login_a()
        before = self.env["helpdesk.ticket"].search_count([])
        response = self.url_open(
            "/my/report",
            data={
                "place": f"unit-{self.unit_a.id}",
                "category_id": self.cat_water_leak.id,
                "description": "x",
            },
        )
        self.assertIn(response.status_code, (400, 403))
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), before)

    def test_helpdesk_generic_form_sends_owners_to_theirs(self):
        self._login_a()
        self.assertTrue(self.url_open("/new/ticket").url.endswith("/my/report"))

    # ------------------------------------------------------------------ follow
    def test_job_page_shows_time_limits_and_delays(self):
        self.env["pm.ticket.delay"].create(
            {
                "ticket_id": self.job_a.id,
                "milestone_id": self._milestone(self.job_a, "completion").id,
                "reason_id": self.env.ref("pm_aftersales.pm_delay_reason_parts").id,
                "explanation": "Valve on order",
                "promised_date": "2099-01-01 10:00:00",
            }
        )
        self._login_a()
        page = self.url_open(f"/my/ticket/{self.job_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_pm_timeline", page.text)
        self.assertIn("Valve on order", page.text)
        self.assertIn("Waiting for Spare Parts", page.text)

    def test_another_owners_job_is_never_shown(self):
        self._login_b()
        for url in (
            f"/my/ticket/{self.job_a.id}",
            f"/my/ticket/{self.job_a.id}/{self.job_b.sudo()._portal_ensure_token()}",
            f"/my/ticket/{self.job_a.id}/{self.job_a.sudo()._portal_ensure_token()}",
        ):
            page = self.url_open(url)
            self.assertNotIn("secret leak", page.text, url)
            self.assertNotIn(self.job_a.number, page.text, url)
        my_list = self.url_open("/my/tickets")
        self.assertIn(self.job_b.number, my_list.text)
        self.assertNotIn(self.job_a.number, my_list.text)

    def test_json_rpc_never_reaches_another_owners_data(self):
        self._login_b()
        attachment = self.env["ir.attachment"].create(
            {
                "name": "a.png",
                "datas": base64.b64encode(_png()),
                "res_model": "helpdesk.ticket",
                "res_id": self.job_a.id,
            }
        )
        self.job_a.message_post(body="A's private message", message_type="comment")

        def call(model, method, args, kwargs=None):
            return self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            )

        tickets = call("helpdesk.ticket", "search_read", [[]], {"fields": ["number"]})
        self.assertEqual({t["number"] for t in tickets}, {self.job_b.number})
        messages = call(
            "mail.message",
            "search_read",
            [[("model", "=", "helpdesk.ticket"), ("res_id", "=", self.job_a.id)]],
            {"fields": ["body"]},
        )
        self.assertEqual(messages, [])
        self.assertEqual(
            call(
                "ir.attachment", "search_read", [[("id", "=", attachment.id)]], {"fields": ["name"]}
            ),
            [],
        )
        self.assertIn(self.url_open(f"/web/content/{attachment.id}").status_code, (403, 404))

    def test_closing_someone_elses_ticket_is_refused(self):
        closing = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        closing.close_from_portal = True
        stage = self.job_a.stage_id
        self._login_b()
        response = self.url_open(
            "/ticket/close",
            data={"csrf_token": self._csrf(), "ticket_id": self.job_a.id, "stage_id": closing.id},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.job_a.stage_id, stage)

    # ------------------------------------------------------------------ accept / reject / rate
    def _accept_rpc(self, ticket, name="Owner A", signature=None):
        return self.make_jsonrpc_request(
            f"/my/ticket/{ticket.id}/accept",
            {"name": name, "signature": signature or base64.b64encode(_png("black")).decode()},
        )

    def test_accept_with_signature(self):
        self._finish(self.job_a)
        self._login_a()
        page = self.url_open(f"/my/ticket/{self.job_a.id}")
        self.assertIn("o_pm_accept", page.text)
        self.assertIn(self.tech_plumber.name, page.text)  # who did the work
        result = self._accept_rpc(self.job_a)
        self.assertTrue(result.get("force_refresh"), result)
        acceptance = self.job_a.acceptance_ids
        self.assertEqual((acceptance.result, acceptance.channel), ("accepted", "portal"))
        self.assertTrue(acceptance.signature)
        self.assertEqual(self.job_a.service_state, "verified")
        page = self.url_open(f"/my/ticket/{self.job_a.id}")
        self.assertIn("o_pm_rate", page.text)

    def test_signature_on_unfinished_or_foreign_job_is_refused(self):
        self._login_a()
        self.assertIn("Only finished work", self._accept_rpc(self.job_a)["error"])
        self._finish(self.job_b)
        self.assertIn("not yours", self._accept_rpc(self.job_b)["error"])
        self.assertFalse((self.job_a | self.job_b).acceptance_ids)
        self._finish(self.job_a)
        self.assertIn("Sign", self._accept_rpc(self.job_a, name=" ")["error"])
        self.assertIn("could not be read", self._accept_rpc(self.job_a, signature="@@@")["error"])
        self.assertFalse(self.job_a.acceptance_ids)

    def test_reject_sends_back(self):
        self._finish(self.job_a)
        self._login_a()
        csrf = self._csrf(f"/my/ticket/{self.job_a.id}")
        response = self.url_open(
            f"/my/ticket/{self.job_a.id}/reject", data={"csrf_token": csrf, "reason": " "}
        )
        self.assertIn("pm_error=reason", response.url)
        self.assertEqual(self.job_a.service_state, "done")
        self.url_open(
            f"/my/ticket/{self.job_a.id}/reject",
            data={"csrf_token": csrf, "reason": "Still dripping"},
        )
        self.assertEqual(self.job_a.service_state, "on_site")
        self.assertEqual(self.job_a.acceptance_ids.reason, "Still dripping")

    def test_rate(self):
        self._finish(self.job_a)
        self._login_a()
        self._accept_rpc(self.job_a)
        csrf = self._csrf(f"/my/ticket/{self.job_a.id}")
        response = self.url_open(
            f"/my/ticket/{self.job_a.id}/rate",
            data={
                "csrf_token": csrf,
                "score_speed": "5",
                "score_attitude": "7",
                "score_quality": "4",
            },
        )
        self.assertIn("pm_error=scores", response.url)
        self.assertFalse(self.job_a.followup_ids)
        self.url_open(
            f"/my/ticket/{self.job_a.id}/rate",
            data={
                "csrf_token": csrf,
                "score_speed": "5",
                "score_attitude": "4",
                "score_quality": "5",
                "comment": "Quick and clean",
            },
        )
        followup = self.job_a.followup_ids
        self.assertEqual((followup.method, followup.score_attitude), ("portal", 4))
        self.assertEqual(self.job_a.service_state, "closed")

    def test_foreign_job_actions_are_not_found(self):
        self._finish(self.job_b)
        self._login_a()
        csrf = self._csrf()
        for action, data in (
            ("reject", {"reason": "x"}),
            ("rate", {"score_speed": "1", "score_attitude": "1", "score_quality": "1"}),
        ):
            response = self.url_open(
                f"/my/ticket/{self.job_b.id}/{action}", data=dict(data, csrf_token=csrf)
            )
            self.assertEqual(response.status_code, 404, action)
        self.assertEqual(self.job_b.service_state, "done")
        self.assertFalse(self.job_b.acceptance_ids)

    # ------------------------------------------------------------------ login language
    def test_portal_speaks_the_owners_language_after_login(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.user_owner_a.lang = "zh_CN"
        self.url_open("/web/login")  # sets an English frontend_lang cookie
        csrf = self._csrf("/web/login")
        response = self.url_open(
            "/web/login",
            data={"login": self.user_owner_a.login, "password": "owner-a-pass", "csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertIn("frontend_lang=zh_CN", response.headers.get("Set-Cookie", ""))
