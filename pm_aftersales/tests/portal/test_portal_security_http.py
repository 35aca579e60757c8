"""Security of the portal and of the routes portal users reach (issue 12),
through HTTP as an attacker would: each test fails on the insecure code."""

import base64
import io
import re

from PIL import Image

from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user

from ..common import PmCommon
from ..common_rectification import PmRectificationCommon
from ..common_service import PmServiceCommon

XSS = "<b>x</b><img src=x onerror=alert(1)>"

# Fields of the staff on records the portal users read (owners; developer and
# contractor representatives: the rectification models). The portal pages that
# show such records read what they show as sudo.
INTERNAL_FIELDS = {
    "helpdesk.ticket": [
        "parts_cost",
        "parts_below_minimum",
        "escalation_level",
        "sla_rule_id",
        "maintenance_request_id",
        "notice_undelivered",
    ],
    "pm.rectification.order": [
        "assistant_id",
        "supervisor_id",
        "rect_owner_id",
        "opinion_signed_by_id",
        "budget_amount",
        "budget_state",
        "budget_approved_by_id",
        "budget_approved_date",
        "budget_reject_reason",
        "escalation_level",
        "escalation_reason",
        "last_escalation_date",
    ],
    "pm.defect": ["reported_by_id", "verified_by_id", "verify_note"],
    "pm.rectification.progress": ["user_id"],
    "pm.rectification.notice": ["mail_id"],
    "pm.notice": ["recipient_count"],
    "pm.estate": ["manager_id", "cs_supervisor_id", "eng_supervisor_id", "warehouse_id", "note"],
}
EXE = b"MZ\x90\x00\x03" + b"\x00" * 2000


def _png(color="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, format="PNG")
    return buffer.getvalue()


class PortalHttpMixin:
    def _login(self, user):
        self.authenticate(user.login, f"{user.login}-pass")

    def _csrf(self, url="/my/account"):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _jsonrpc(self, route, params):
        """The JSON-RPC answer as a dict: {"result": ...} or {"error": ...}."""
        response = self.url_open(
            route, json={"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        )
        self.assertEqual(response.status_code, 200, route)
        return response.json()

    def _call_kw(self, model, method, args, kwargs=None):
        return self._jsonrpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _assert_refused(self, response, what):
        self.assertIn(response.status_code, (400, 403, 404, 405, 415), what)

    def _chatter_fetch(self, record, **access):
        return self._jsonrpc(
            "/mail/chatter_fetch",
            dict({"thread_model": record._name, "thread_id": record.id}, **access),
        )

    def _chatter_post(self, record, body, **access):
        return self._jsonrpc(
            "/mail/message/post",
            dict(
                {
                    "thread_model": record._name,
                    "thread_id": record.id,
                    "post_data": {"body": body, "message_type": "comment"},
                },
                **access,
            ),
        )

    def _assert_link_opens_nothing(self, record, secret, follower, access):
        """Whoever is logged in now reaches nothing of ``record``'s chatter
        through the link ``access`` (token, or signed hash and pid): neither
        its messages (``secret`` is one), nor its followers (``follower`` is
        one), nor its chatter box."""
        what = f"{record._name} {sorted(access)}"
        fetched = self._chatter_fetch(record, **access)
        self.assertNotIn(secret, str(fetched), what)
        # (the route reads a token only: without one, what the user may read)
        self.assertIn("error" if "token" in access else "result", fetched, what)
        messages = record.message_ids
        self.assertIn("error", self._chatter_post(record, "Intruder was here", **access), what)
        self.assertEqual(record.message_ids, messages, what)
        data = self._jsonrpc(
            "/mail/data",
            {
                "fetch_params": [
                    [
                        "mail.thread",
                        {
                            "thread_model": record._name,
                            "thread_id": record.id,
                            "request_list": ["followers", "messages"],
                            "access_params": access,
                        },
                    ]
                ]
            },
        )
        self.assertNotIn(follower, str(data), what)
        self.assertNotIn(secret, str(data), what)
        init = self._jsonrpc(
            "/portal/chatter_init",
            dict({"thread_model": record._name, "thread_id": record.id}, **access),
        )
        self.assertNotIn("hasReadAccess", str(init), what)

    def _assert_stays_text(self, html):
        """The owner's XSS text is shown as typed: escaped, no tag of it."""
        html = str(html)
        self.assertIn("&lt;b&gt;x&lt;/b&gt;&lt;img src=x onerror=alert(1)&gt;", html)
        self.assertNotIn("<b>", html)
        self.assertNotIn("<img", html)


@tagged("post_install", "-at_install")
class TestPortalSecurityHttp(PortalHttpMixin, PmServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant = cls.env["res.partner"].create({"name": "Tenant T", "email": "t@example.com"})
        cls.env["pm.unit.occupant"].create(
            {"unit_id": cls.unit_a.id, "partner_id": cls.tenant.id, "role": "tenant"}
        )
        cls.user_tenant = cls._create_owner_user(cls.tenant, "tenant_t")
        cls.vendor = cls.env["res.partner"].create(
            {"name": "Fix-It Ltd", "is_company": True, "pm_is_vendor": True}
        )
        cls.user_vendor = new_test_user(
            cls.env,
            login="fixit_sec",
            groups="pm_aftersales.group_pm_vendor",
            parent_id=cls.vendor.id,
            name="Fix-It tech",
        )
        developer = cls.env["res.partner"].create(
            {"name": "Lake Development", "is_company": True, "pm_party_type": "developer"}
        )
        cls.user_developer = new_test_user(
            cls.env,
            login="dev_sec",
            groups="pm_aftersales.group_pm_rect_party",
            parent_id=developer.id,
            name="Dev Rep",
        )
        cls.user_customer = new_test_user(
            cls.env, login="customer_sec", groups="base.group_portal", name="Plain Customer"
        )
        cls.assistant = cls.users["assistant"]
        for user in (
            cls.user_owner_a,
            cls.user_owner_b,
            cls.user_tenant,
            cls.user_vendor,
            cls.user_developer,
            cls.user_customer,
            cls.assistant,
        ):
            user.password = f"{user.login}-pass"
        cls.job_a = cls._class_job("Leak in A's kitchen", cls.unit_a, cls.owner_a)
        cls.job_b = cls._class_job("Crack in B's wall", cls.unit_b, cls.owner_b)
        cls.job_vendor = cls._class_job("Lift door stuck", cls.unit_a, cls.owner_a)
        cls.job_vendor._dispatch(vendor=cls.vendor)
        cls.cancelled = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        cls.cancelled.close_from_portal = True

    @classmethod
    def _class_job(cls, name, unit, partner, **vals):
        return cls.env["helpdesk.ticket"].create(
            dict(
                {
                    "name": name,
                    "description": "<p>x</p>",
                    "category_id": cls.cat_water_leak.id,
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "team_id": cls.crew.id,
                },
                **vals,
            )
        )

    def _finish(self, job):
        job._dispatch(self.tech_plumber)
        job.with_user(self.tech_plumber).action_check_in()
        job.with_user(self.tech_plumber).write(
            {"work_done": "Fixed", "failure_cause_id": self.cause_wear.id}
        )
        job.with_user(self.tech_plumber).action_complete()

    def _tickets(self):
        return self.env["helpdesk.ticket"].search_count([])

    # ------------------------------------------------------------------
    # /ticket/close
    # ------------------------------------------------------------------
    def test_close_route_refuses_get_and_readers(self):
        """Owner, tenant and vendor read the job: neither an <img> (GET) nor a
        posted form of theirs cancels it."""
        for job, user in (
            (self.job_a, self.user_owner_a),
            (self.job_a, self.user_tenant),
            (self.job_vendor, self.user_vendor),
        ):
            stage = job.stage_id
            self._login(user)
            url = f"/ticket/close?ticket_id={job.id}&stage_id={self.cancelled.id}"
            self._assert_refused(self.url_open(url), user.login)
            self.assertEqual(job.stage_id, stage, user.login)
            response = self.url_open(
                "/ticket/close",
                data={
                    "csrf_token": self._csrf(),
                    "ticket_id": job.id,
                    "stage_id": self.cancelled.id,
                },
            )
            self.assertEqual(response.status_code, 404, user.login)
            self.assertEqual(job.stage_id, stage, user.login)

    def test_close_form_posts_with_csrf_for_who_may_change_the_job(self):
        # helpdesk_mgmt's close buttons are a form posted with a CSRF token...
        arch = self.env.ref("helpdesk_mgmt.portal_helpdesk_ticket_page")._get_combined_arch()
        (form,) = arch.xpath("//div[@name='ticket_close_buttons']//form")
        self.assertEqual(form.get("method"), "POST")
        self.assertTrue(form.xpath("input[@name='csrf_token']"))
        # ...which the staff, who may change the job, still use.
        self._login(self.assistant)
        self.url_open(
            "/ticket/close",
            data={
                "csrf_token": self._csrf(),
                "ticket_id": self.job_a.id,
                "stage_id": self.cancelled.id,
            },
        )
        self.assertEqual(self.job_a.stage_id, self.cancelled)
        # Without the token: refused.
        stage = self.job_b.stage_id
        response = self.url_open(
            "/ticket/close", data={"ticket_id": self.job_b.id, "stage_id": self.cancelled.id}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.job_b.stage_id, stage)

    # ------------------------------------------------------------------
    # /new/ticket and /submitted/ticket
    # ------------------------------------------------------------------
    def test_generic_ticket_form_by_role(self):
        self._login(self.user_owner_a)
        self.assertTrue(self.url_open("/new/ticket").url.endswith("/my/report"))
        for user in (self.user_vendor, self.user_developer):
            self._login(user)
            self.assertEqual(self.url_open("/new/ticket").status_code, 404, user.login)
            before = self._tickets()
            response = self.url_open(
                "/submitted/ticket",
                data={"csrf_token": self._csrf(), "subject": "Mine", "description": "x"},
                files=[("attachment", ("../../evil.png", _png(), "image/png"))],
            )
            self.assertEqual(response.status_code, 404, user.login)
            self.assertEqual(self._tickets(), before, user.login)

    def test_generic_ticket_form_checks_uploads(self):
        self._login(self.user_customer)
        self.assertEqual(self.url_open("/new/ticket").status_code, 200)
        csrf = self._csrf("/new/ticket")
        before = self._tickets()
        attachments = self.env["ir.attachment"].search_count([])
        response = self.url_open(
            "/submitted/ticket",
            data={"csrf_token": csrf, "subject": "Broken", "description": "x", "attachment": "1"},
            files=[("attachment", ("../../photo.png.exe", EXE, "image/png"))],
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("is not a photo or a video", response.text)
        self.assertEqual(self._tickets(), before)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        response = self.url_open(
            "/submitted/ticket",
            data={"csrf_token": csrf, "subject": "Broken", "description": "x"},
            files=[("attachment", ("../../厨房 照片.png", _png(), "image/png"))],
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.user_customer.partner_id.id)]
        )
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["厨房 照片.png"])
        self.assertEqual(ticket.attachment_ids.mimetype, "image/png")

    # ------------------------------------------------------------------
    # Files of internal notes
    # ------------------------------------------------------------------
    def _attach(self, name, job):
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(_png()),
                "res_model": "helpdesk.ticket",
                "res_id": job.id,
            }
        )

    def test_internal_note_files_never_reach_the_portal(self):
        internal = self._attach("staff-only-report.png", self.job_a)
        shared = self._attach("shared-photo.png", self.job_a)
        self.job_a.message_post(
            body="Between us", subtype_xmlid="mail.mt_note", attachment_ids=internal.ids
        )
        self.job_a.message_post(
            body="For the owner",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=shared.ids,
        )
        self._login(self.user_owner_a)
        page = self.url_open(f"/my/ticket/{self.job_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("shared-photo.png", page.text)
        self.assertNotIn("staff-only-report.png", page.text)
        self.assertNotIn(f"/web/content/{internal.id}?", page.text)
        # Nor over JSON-RPC, the chatter's data route or a direct download.
        self.assertIn("error", self._call_kw("ir.attachment", "read", [internal.ids], {}))
        data = self._jsonrpc(
            "/mail/data",
            {
                "fetch_params": [
                    [
                        "mail.thread",
                        {
                            "thread_model": "helpdesk.ticket",
                            "thread_id": self.job_a.id,
                            "request_list": ["attachments"],
                        },
                    ]
                ]
            },
        )
        self.assertNotIn("staff-only-report.png", str(data))
        self._assert_refused(self.url_open(f"/web/content/{internal.id}"), "download")
        # The staff still have it.
        self.assertIn(internal, self.job_a.with_user(self.assistant).attachment_ids)

    # ------------------------------------------------------------------
    # Internal fields
    # ------------------------------------------------------------------
    def test_internal_fields_are_not_readable_by_owners(self):
        employee = self.env["hr.employee"].search([("user_id", "=", self.tech_plumber.id)])
        complaint = self._class_job(
            "Rude technician",
            self.unit_a,
            self.owner_a,
            category_id=self.cat_complaint_attitude.id,
            concerned_employee_id=employee.id,
            complaint_cause_id=self.env.ref("pm_aftersales.pm_complaint_cause_attitude").id,
            complaint_upheld="upheld",
            investigation="Confirmed by the supervisor",
        )
        self.unit_a.note = "<p>Owner is difficult</p>"
        self.estate.note = "<p>Estate internal</p>"
        self._login(self.user_owner_a)
        for field_name in (
            "investigation",
            "complaint_upheld",
            "concerned_employee_id",
            "complaint_cause_id",
        ):
            answer = self._call_kw("helpdesk.ticket", "read", [complaint.ids, [field_name]])
            self.assertIn("error", answer, field_name)
        fields = self._call_kw("helpdesk.ticket", "fields_get", [], {"attributes": ["type"]})
        self.assertIn("answer", fields["result"])  # what the owner is told
        self.assertNotIn("investigation", fields["result"])
        answer = self._call_kw(
            "helpdesk.ticket",
            "search_read",
            [[("id", "=", complaint.id)]],
            {"fields": ["name", "answer"]},
        )
        self.assertEqual([r["name"] for r in answer["result"]], ["Rude technician"])
        for model, record in (("pm.unit", self.unit_a), ("pm.estate", self.estate)):
            self.assertIn("error", self._call_kw(model, "read", [record.ids, ["note"]]), model)
            fields = self._call_kw(model, "fields_get", [], {"attributes": ["type"]})
            self.assertIn("name", fields["result"], model)
            self.assertNotIn("note", fields["result"], model)
        occupant = self.unit_a.occupant_ids[:1]
        occupant.note = "Pays late"
        self.assertIn("error", self._call_kw("pm.unit.occupant", "read", [occupant.ids, ["note"]]))
        # The portal pages that show these records still render.
        for url in (f"/my/ticket/{complaint.id}", f"/my/units/{self.unit_a.id}", "/my/units"):
            self.assertEqual(self.url_open(url).status_code, 200, url)
        # ...and the staff still see the fields in the job form.
        Ticket = self.env["helpdesk.ticket"].with_user(self.tech_plumber)
        views = Ticket.get_views([(False, "form")])
        self.assertIn("investigation", views["views"]["form"]["arch"])

    # ------------------------------------------------------------------
    # Tokens of somebody else's job
    # ------------------------------------------------------------------
    def test_foreign_token_is_ignored_on_chatter_routes(self):
        self.job_a.message_post(
            body="A's private message", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        token = self.job_a.sudo()._portal_ensure_token()
        self._login(self.user_owner_b)
        fetched = self._jsonrpc(
            "/mail/chatter_fetch",
            {"thread_model": "helpdesk.ticket", "thread_id": self.job_a.id, "token": token},
        )
        self.assertNotIn("A's private message", str(fetched))
        self.assertIn("error", fetched)
        messages = self.job_a.message_ids
        posted = self._jsonrpc(
            "/mail/message/post",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": self.job_a.id,
                "post_data": {"body": "B was here", "message_type": "comment"},
                "token": token,
            },
        )
        self.assertIn("error", posted)
        self.assertEqual(self.job_a.message_ids, messages)
        data = self._jsonrpc(
            "/mail/data",
            {
                "fetch_params": [
                    [
                        "mail.thread",
                        {
                            "thread_model": "helpdesk.ticket",
                            "thread_id": self.job_a.id,
                            "request_list": ["followers"],
                            "access_params": {"token": token},
                        },
                    ]
                ]
            },
        )
        self.assertNotIn("Owner A", str(data))
        init = self._jsonrpc(
            "/portal/chatter_init",
            {"thread_model": "helpdesk.ticket", "thread_id": self.job_a.id, "token": token},
        )
        self.assertNotIn('"hasReadAccess": true', str(init).replace("True", "true"))
        # Owner A posts on their own job without any token...
        self._login(self.user_owner_a)
        posted = self._jsonrpc(
            "/mail/message/post",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": self.job_a.id,
                "post_data": {"body": "Still leaking", "message_type": "comment"},
            },
        )
        self.assertNotIn("error", posted)
        self.assertIn("Still leaking", self.job_a.message_ids[:1].body)
        # ...and the link still serves whoever is not logged in.
        self.logout()
        fetched = self._jsonrpc(
            "/mail/chatter_fetch",
            {"thread_model": "helpdesk.ticket", "thread_id": self.job_a.id, "token": token},
        )
        self.assertIn("A's private message", str(fetched))

    # ------------------------------------------------------------------
    # Owner text in staff HTML
    # ------------------------------------------------------------------
    def test_low_score_comment_stays_text_in_the_complaint(self):
        self.company.pm_low_score_threshold = 2
        self._finish(self.job_a)
        self._login(self.user_owner_a)
        accepted = self._jsonrpc(
            f"/my/ticket/{self.job_a.id}/accept",
            {"name": "Owner A", "signature": base64.b64encode(_png("black")).decode()},
        )
        self.assertTrue(accepted["result"].get("force_refresh"), accepted)
        csrf = self._csrf(f"/my/ticket/{self.job_a.id}")
        self.url_open(
            f"/my/ticket/{self.job_a.id}/rate",
            data={
                "csrf_token": csrf,
                "score_speed": "1",
                "score_attitude": "1",
                "score_quality": "1",
                "comment": XSS,
            },
        )
        complaint = self.job_a.followup_ids.complaint_id
        self.assertTrue(complaint)
        self._assert_stays_text(complaint.description)

    # ------------------------------------------------------------------
    # Chatter uploads
    # ------------------------------------------------------------------
    def test_chatter_upload_checks_type_size_and_name(self):
        self._login(self.user_owner_a)
        csrf = self._csrf()
        attachments = self.env["ir.attachment"].search_count([])

        def upload(filename, content, **params):
            return self.url_open(
                "/mail/attachment/upload",
                data=dict(
                    {
                        "csrf_token": csrf,
                        "thread_id": self.job_a.id,
                        "thread_model": "helpdesk.ticket",
                        "is_pending": "true",
                    },
                    **params,
                ),
                files={"ufile": (filename, content, "image/png")},
            ).json()

        refused = upload("../../photo.png.exe", EXE)
        self.assertIn("is not a photo or a video", refused.get("error", ""))
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self.env["ir.config_parameter"].set_param("pm_aftersales.portal_max_file_mb", 1)
        refused = upload("big.png", _png() + b"\x00" * (1024 * 1024 + 1))
        self.assertIn("is larger than 1 MB", refused.get("error", ""))
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        accepted = upload("../../厨房.png", _png())
        attachment = self.env["ir.attachment"].browse(accepted["data"]["attachment_id"])
        self.assertEqual((attachment.name, attachment.mimetype), ("厨房.png", "image/png"))

    # ------------------------------------------------------------------
    # Every state-changing route refuses GET
    # ------------------------------------------------------------------
    def test_state_changing_routes_refuse_get(self):
        """A link or an <img> (GET) changes nothing, wherever it points."""
        self._finish(self.job_a)
        self._login(self.user_owner_a)
        before = self._tickets()
        for url in (
            f"/ticket/close?ticket_id={self.job_a.id}&stage_id={self.cancelled.id}",
            "/submitted/ticket?subject=Drive-by&description=x",
            f"/mail/attachment/upload?thread_id={self.job_a.id}&thread_model=helpdesk.ticket",
        ):
            self._assert_refused(self.url_open(url), url)
        # These only POST; a GET at their address shows the job page.
        for url in (
            f"/my/ticket/{self.job_a.id}/reject?reason=Drive-by",
            f"/my/ticket/{self.job_a.id}/rate?score_speed=1&score_attitude=1&score_quality=1",
            f"/my/ticket/{self.job_a.id}/accept?name=A&signature=AAAA",
            f"/my/report?place=unit-{self.unit_a.id}&description=Drive-by",
        ):
            self.assertNotIn("pm_done", self.url_open(url).url, url)
        self.assertEqual(self.job_a.service_state, "done")
        self.assertFalse(self.job_a.acceptance_ids)
        self.assertEqual(self._tickets(), before)
        self._login(self.user_vendor)
        for action in ("accept", "check_in", "complete"):
            url = f"/my/jobs/{self.job_vendor.id}/{action}"
            self._assert_refused(self.url_open(url), url)
        self.assertEqual(self.job_vendor.service_state, "dispatched")


@tagged("post_install", "-at_install")
class TestRectificationPortalSecurityHttp(PortalHttpMixin, PmRectificationCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.user_owner_a, cls.user_contractor):
            user.password = f"{user.login}-pass"

    def setUp(self):
        super().setUp()
        self.order = self._advance(self._create_order(), "done")

    def test_foreign_link_opens_no_order_chatter(self):
        """Owner B, logged in, holds links to owner A's order: they open
        nothing. Nor do they for a visitor: the order's page asks for a login,
        nothing of the product opens the order through a link. Owner A still
        reads the order's messages through his rights."""
        order = self.order
        order.message_post(
            body="A's order message", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        follower = self.env["res.partner"].create({"name": "Quiet Follower"})
        order.message_subscribe(partner_ids=follower.ids)
        order_su = order.sudo()
        links = (
            {"token": order_su._portal_ensure_token()},
            {"hash": order_su._sign_token(self.owner_a.id), "pid": self.owner_a.id},
        )
        self._login(self.user_owner_b)
        for access in links:
            self._assert_link_opens_nothing(order, "A's order message", "Quiet Follower", access)
        self.logout()
        for access in links:
            self._assert_link_opens_nothing(order, "A's order message", "Quiet Follower", access)
        self._login(self.user_owner_a)
        self.assertIn("A's order message", str(self._chatter_fetch(order)))
        self.assertIn("A's order message", str(self._chatter_fetch(order, **links[0])))
        # The contractor's representative too, through the record rules.
        self._login(self.user_contractor)
        self.assertIn("A's order message", str(self._chatter_fetch(order)))

    def test_internal_fields_are_not_readable_on_the_portal(self):
        """Each internal field, read over JSON-RPC by a portal user who reads
        the record, is refused; the record's other fields still come."""
        order = self.order
        order.write({"escalation_level": 2, "escalation_reason": "overdue"})
        job = self.env["helpdesk.ticket"].create(
            {
                "name": "Leak in A's kitchen",
                "description": "<p>x</p>",
                "unit_id": self.unit_a.id,
                "partner_id": self.owner_a.id,
            }
        )
        rect_notice = self.env["pm.rectification.notice"].create(
            {
                "partner_id": self.owner_a.id,
                "date": "2026-03-05",
                "company_id": self.company.id,
                "order_ids": [(6, 0, order.ids)],
            }
        )
        notice = self.env["pm.notice"].create(
            {"name": "Water cut", "body": "<p>Tuesday</p>", "estate_id": self.estate.id}
        )
        notice.write({"state": "sent"})
        records = {
            "helpdesk.ticket": job,
            "pm.rectification.order": order,
            "pm.defect": order.defect_ids,
            "pm.rectification.progress": order.progress_ids,
            "pm.rectification.notice": rect_notice,
            "pm.notice": notice,
            "pm.estate": self.estate,
        }
        readers = {self.user_owner_a: list(records)}
        readers[self.user_contractor] = [
            "pm.rectification.order",
            "pm.defect",
            "pm.rectification.progress",
        ]
        for user, models in readers.items():
            self._login(user)
            for model in models:
                record = records[model]
                self.assertTrue(record, model)
                # The record is theirs to read...
                answer = self._call_kw(model, "read", [record.ids, ["display_name"]])
                self.assertEqual(
                    [r["id"] for r in answer.get("result", [])], record.ids, (user.login, model)
                )
                # ...not its internal fields, one by one nor in a search.
                for field_name in INTERNAL_FIELDS[model]:
                    what = (user.login, model, field_name)
                    answer = self._call_kw(model, "read", [record.ids, [field_name]])
                    self.assertIn("AccessError", str(answer.get("error")), what)
                    answer = self._call_kw(
                        model, "search_read", [[("id", "in", record.ids)]], {"fields": [field_name]}
                    )
                    self.assertIn("AccessError", str(answer.get("error")), what)
                fields = self._call_kw(model, "fields_get", [], {"attributes": ["type"]})
                self.assertFalse(
                    set(INTERNAL_FIELDS[model]) & set(fields["result"]), (user.login, model)
                )
        # The portal pages still show the order and the notices to their readers.
        for user, url in (
            (self.user_owner_a, f"/my/rectifications/{order.id}"),
            (self.user_owner_a, f"/my/rectification-notices/{rect_notice.id}"),
            (self.user_owner_a, f"/my/notices/{notice.id}"),
            (self.user_owner_a, f"/my/ticket/{job.id}"),
            (self.user_owner_a, f"/my/units/{self.unit_a.id}"),
            (self.user_contractor, f"/my/rectifications/{order.id}"),
        ):
            self._login(user)
            self.assertEqual(self.url_open(url).status_code, 200, (user.login, url))

    def test_inspection_note_stays_text_in_the_assistants_todo(self):
        self._login(self.user_owner_a)
        url = f"/my/rectifications/{self.order.id}"
        self.url_open(f"{url}/inspection", data={"csrf_token": self._csrf(url), "note": XSS})
        activity = self.order.activity_ids.filtered(lambda a: "inspection" in (a.summary or ""))
        self.assertTrue(activity)
        self._assert_stays_text(activity.note)

    def test_signature_must_be_an_image(self):
        self._login(self.user_owner_a)
        for payload in (b"<html><script>alert(1)</script></html>", EXE):
            answer = self._jsonrpc(
                f"/my/rectifications/{self.order.id}/sign",
                {"name": "Owner A", "signature": base64.b64encode(payload).decode()},
            )
            self.assertIn("could not be read", answer["result"].get("error", ""), answer)
        self.assertFalse(self.order.signature_ids)
        answer = self._jsonrpc(
            f"/my/rectifications/{self.order.id}/sign",
            {"name": "Owner A", "signature": base64.b64encode(_png("black")).decode()},
        )
        self.assertTrue(answer["result"].get("force_refresh"), answer)
        self.assertEqual(self.order.signature_ids.party, "owner")

    def test_state_changing_routes_refuse_get(self):
        self._login(self.user_owner_a)
        url = f"/my/rectifications/{self.order.id}"
        for action in ("reject?reason=x", "inspection?note=x", "sign?name=A&signature=AAAA"):
            self._assert_refused(self.url_open(f"{url}/{action}"), action)
        self._login(self.user_contractor)
        self._assert_refused(self.url_open(f"{url}/sign?name=C&signature=AAAA"), "sign")
        self.assertEqual(self.order.state, "done")
        self.assertFalse(self.order.signature_ids)
        self.assertFalse(self.order.inspection_requested)


@tagged("post_install", "-at_install")
class TestSurveyLinkSecurityHttp(PortalHttpMixin, PmCommon, HttpCase):
    """A survey's link (shared with every owner invited) and an answer's link
    (the invitee's) open the survey pages only: never the chatter of the
    survey or of the answer, whoever holds them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.user_owner_a, cls.user_owner_b):
            user.password = f"{user.login}-pass"
        cls.survey = cls.env["survey.survey"].create(
            {"title": "Satisfaction 2026", "access_mode": "token"}
        )
        cls.env["survey.question"].create(
            {
                "survey_id": cls.survey.id,
                "title": "How satisfied are you?",
                "question_type": "text_box",
            }
        )
        cls.answer_a = cls.env["survey.user_input"].create(
            {"survey_id": cls.survey.id, "partner_id": cls.owner_a.id}
        )
        cls.answer_a.message_post(
            body="Reminder sent to A", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        cls.survey.message_post(
            body="Draft wording discussed", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        cls.follower = cls.env["res.partner"].create({"name": "Quiet Follower"})
        for record in (cls.survey, cls.answer_a):
            record.message_subscribe(partner_ids=cls.follower.ids)

    def _assert_survey_links_open_nothing(self):
        self._assert_link_opens_nothing(
            self.answer_a,
            "Reminder sent to A",
            "Quiet Follower",
            {"token": self.answer_a.access_token},
        )
        self._assert_link_opens_nothing(
            self.survey,
            "Draft wording discussed",
            "Quiet Follower",
            {"token": self.survey.access_token},
        )

    def test_survey_links_open_no_chatter(self):
        self._login(self.user_owner_b)
        self._assert_survey_links_open_nothing()
        self.logout()
        self._assert_survey_links_open_nothing()
        # Owner A still answers through his link (what the portal offers him).
        self._login(self.user_owner_a)
        page = self.url_open(
            f"/survey/start/{self.survey.access_token}?answer_token={self.answer_a.access_token}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("Satisfaction 2026", page.text)
