import base64
import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from ..common_rectification import PmRectificationCommon, signature_png


class TestRectificationAccess(PmRectificationCommon):
    """Who sees and changes which rectification records, through the ORM
    (what RPC reaches)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._class_order(cls.unit_a, cls.contractor)
        cls.order_b = cls._class_order(cls.unit_b, cls.contractor_2)
        cls.order_other_company = cls.env["pm.rectification.order"].create(
            {
                "unit_id": cls.unit_company_b.id,
                "trade_id": cls.env.ref("pm_aftersales.pm_trade_civil").id,
                "contractor_id": cls.contractor.id,
            }
        )

    @classmethod
    def _class_order(cls, unit, contractor):
        defect = cls.env["pm.defect"].create(
            {"name": "Crack", "unit_id": unit.id, "trade_id": cls.trade.id}
        )
        return cls.env["pm.rectification.order"].create(
            {
                "unit_id": unit.id,
                "trade_id": cls.trade.id,
                "contractor_id": contractor.id,
                "defect_ids": [(6, 0, defect.ids)],
            }
        )

    def _visible(self, user, model="pm.rectification.order"):
        return self.env[model].with_user(user).search([])

    def test_owner_sees_only_the_orders_of_their_units(self):
        self.assertEqual(self._visible(self.user_owner_a), self.order_a)
        self.assertEqual(self._visible(self.user_owner_b), self.order_b)
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.user_owner_a).read(["name"])
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.user_owner_a).write({"deadline": "2027-01-01"})
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.user_owner_a).unlink()
        self.assertEqual(self._visible(self.user_owner_a, "pm.defect"), self.order_a.defect_ids)

    def test_tenant_does_not_see_the_owner_orders(self):
        tenant = self.env["res.partner"].create({"name": "Tenant T"})
        self.env["pm.unit.occupant"].create(
            {"unit_id": self.unit_a.id, "partner_id": tenant.id, "role": "tenant"}
        )
        user = self._create_owner_user(tenant, "tenant_t")
        self.assertFalse(self._visible(user))

    def test_parties_see_only_their_company_orders(self):
        self.assertEqual(self._visible(self.user_contractor), self.order_a)
        self.assertEqual(self._visible(self.user_contractor_2), self.order_b)
        # The developer of the first estate only (unit_b's estate has none).
        self.assertEqual(self._visible(self.user_developer), self.order_a)
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.user_contractor).read(["name"])
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.user_contractor).write({"handler": "me"})
        self.assertEqual(self._visible(self.user_contractor, "pm.defect"), self.order_a.defect_ids)
        # Owners' notices and the registry are none of their business.
        for model in ("pm.rectification.notice", "pm.unit"):
            with self.assertRaises(AccessError, msg=model):
                self._visible(self.user_contractor, model)
        self.assertFalse(self._visible(self.user_contractor, "helpdesk.ticket"))

    def test_staff_roles(self):
        for role in ("technician", "assistant", "cs_supervisor", "eng_supervisor", "manager"):
            visible = self._visible(self.users[role])
            self.assertIn(self.order_a, visible, role)
            self.assertNotIn(self.order_other_company, visible, f"{role}: other company")
        technician = self.users["technician"]
        with self.assertRaises(AccessError):
            self.order_a.with_user(technician).write({"handler": "me"})
        with self.assertRaises(AccessError):
            self._create_defect().with_user(technician).write({"name": "x"})
        self.order_a.with_user(self.users["assistant"]).write({"handler": "Zhang"})
        self.order_a.with_user(self.users["eng_supervisor"]).write({"handler": "Li"})
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.users["cs_supervisor"]).unlink()
        with self.assertRaises(AccessError):
            self.env["tier.definition"].with_user(self.users["cs_supervisor"]).create(
                {
                    "model_id": self.env["ir.model"]._get_id("pm.rectification.order"),
                    "review_type": "pm_groups",
                    "pm_reviewer_group_ids": self.env.ref("pm_aftersales.group_pm_technician").ids,
                }
            )
        self.order_b.with_user(self.users["manager"]).unlink()

    def test_portal_signature_rights(self):
        order = self._advance(self._create_order(), "done")
        # Owner B cannot even sign an order they cannot see.
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["pm.rectification.signature"].with_user(self.user_owner_b).create(
                {
                    "order_id": order.id,
                    "party": "owner",
                    "signed_by": "B",
                    "signature": signature_png(),
                }
            )
        # Owners and parties may not change or delete a signature, even their own.
        signature = self._sign(order, "owner")
        with self.assertRaises(AccessError):
            signature.with_user(self.user_owner_a).unlink()
        with self.assertRaises(AccessError):
            signature.with_user(self.user_owner_a).write({"comment": "changed"})
        self.assertEqual(
            self._visible(self.user_owner_b, "pm.rectification.signature"),
            self.env["pm.rectification.signature"],
        )
        self.assertEqual(self._visible(self.user_owner_a, "pm.rectification.signature"), signature)

    def test_notices_are_read_by_their_owner_only(self):
        notice_a = self.env["pm.rectification.notice"].create(
            {"partner_id": self.owner_a.id, "date": "2026-03-06", "company_id": self.company.id}
        )
        self.env["pm.rectification.notice"].create(
            {"partner_id": self.owner_b.id, "date": "2026-03-06", "company_id": self.company.id}
        )
        self.assertEqual(self._visible(self.user_owner_a, "pm.rectification.notice"), notice_a)
        with self.assertRaises(AccessError):
            notice_a.with_user(self.user_owner_a).write({"date": "2026-03-07"})


@tagged("post_install", "-at_install")
class TestRectificationPortal(PmRectificationCommon, HttpCase):
    """The same rules through HTTP: pages, JSON-RPC and forms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (
            cls.user_owner_a,
            cls.user_owner_b,
            cls.user_contractor,
            cls.user_contractor_2,
            cls.user_developer,
        ):
            user.password = f"{user.login}-pass"

    def setUp(self):
        super().setUp()
        self.order_a = self._advance(self._create_order(), "done")
        self.order_b = self._advance(
            self._create_order(unit=self.unit_b, contractor=self.contractor_2), "in_progress"
        )

    def _login(self, user):
        self.authenticate(user.login, f"{user.login}-pass")

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'csrf_token(?:" value=|: )"([^"]+)"', page.text).group(1)

    def _sign_rpc(self, order, name="Signer"):
        return self.make_jsonrpc_request(
            f"/my/rectifications/{order.id}/sign",
            {
                "name": name,
                "signature": base64.b64encode(base64.b64decode(signature_png())).decode(),
            },
        )

    def test_owner_pages(self):
        self._login(self.user_owner_a)
        listing = self.url_open("/my/rectifications")
        self.assertIn(self.order_a.name, listing.text)
        self.assertNotIn(self.order_b.name, listing.text)
        page = self.url_open(f"/my/rectifications/{self.order_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_pm_rect_sign", page.text)
        self.assertIn("o_pm_rect_inspection", page.text)
        self.assertEqual(self.url_open(f"/my/rectifications/{self.order_b.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/rectifications/999999").status_code, 404)
        unit_page = self.url_open(f"/my/units/{self.unit_a.id}")
        self.assertIn(self.order_a.name, unit_page.text)
        home = self.url_open("/my")
        self.assertIn("/my/rectifications", home.text)

    def test_owner_signs_and_is_refused_elsewhere(self):
        self._login(self.user_owner_a)
        result = self._sign_rpc(self.order_b)
        self.assertIn("not yours", result["error"])
        result = self._sign_rpc(self.order_a, name=" ")
        self.assertIn("Sign and write your name", result["error"])
        result = self._sign_rpc(self.order_a, name="Owner A")
        self.assertTrue(result.get("force_refresh"), result)
        signature = self.order_a.signature_ids
        self.assertEqual((signature.party, signature.partner_id), ("owner", self.owner_a))
        self.assertEqual(signature.user_id, self.user_owner_a)
        # Signed already: refused, clearly.
        result = self._sign_rpc(self.order_a, name="Owner A")
        self.assertIn("already signed", result["error"])
        self.assertEqual(len(self.order_a.signature_ids), 1)

    def test_owner_rejects_with_reason_and_asks_for_inspection(self):
        self._login(self.user_owner_a)
        url = f"/my/rectifications/{self.order_a.id}"
        csrf = self._csrf(url)
        response = self.url_open(f"{url}/reject", data={"csrf_token": csrf, "reason": " "})
        self.assertIn("pm_error=reason", response.url)
        self.assertEqual(self.order_a.state, "done")
        response = self.url_open(
            f"{url}/reject", data={"csrf_token": csrf, "reason": "The crack is back"}
        )
        self.assertIn("pm_done=rejected", response.url)
        self.assertEqual(self.order_a.state, "in_progress")
        self.assertEqual(self.order_a.signature_ids.comment, "The crack is back")
        response = self.url_open(
            f"{url}/inspection", data={"csrf_token": csrf, "note": "Saturday morning"}
        )
        self.assertIn("pm_done=inspection", response.url)
        self.assertTrue(self.order_a.inspection_requested)
        self.assertTrue(
            self.order_a.activity_ids.filtered(lambda a: "inspection" in (a.summary or ""))
        )
        # Without the CSRF token: refused, nothing recorded.
        before = self.order_a.inspection_requested
        response = self.url_open(f"{url}/inspection", data={"note": "no token"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.order_a.inspection_requested, before)

    def test_owner_b_cannot_act_on_owner_a_orders(self):
        self._login(self.user_owner_b)
        url = f"/my/rectifications/{self.order_a.id}"
        self.assertEqual(self.url_open(url).status_code, 404)
        csrf = self._csrf("/my/rectifications")
        for action, data in (("reject", {"reason": "x"}), ("inspection", {"note": "x"})):
            response = self.url_open(f"{url}/{action}", data=dict(data, csrf_token=csrf))
            self.assertEqual(response.status_code, 404, action)
        self.assertIn("not yours", self._sign_rpc(self.order_a)["error"])
        self.assertFalse(self.order_a.signature_ids)
        self.assertFalse(self.order_a.inspection_requested)
        # Nor through RPC.
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/pm.rectification.order/search_read",
            {
                "model": "pm.rectification.order",
                "method": "search_read",
                "args": [[]],
                "kwargs": {"fields": ["name"]},
            },
        )
        self.assertEqual([r["name"] for r in result], [self.order_b.name])

    def test_contractor_signs_its_orders_only(self):
        self._login(self.user_contractor_2)
        self.assertEqual(self.url_open(f"/my/rectifications/{self.order_a.id}").status_code, 404)
        self.assertIn("not yours", self._sign_rpc(self.order_a)["error"])
        self._login(self.user_contractor)
        page = self.url_open(f"/my/rectifications/{self.order_a.id}")
        self.assertIn("o_pm_rect_sign", page.text)
        self.assertNotIn("o_pm_rect_inspection", page.text)  # owners only
        result = self._sign_rpc(self.order_a, name="Con Rep")
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.order_a.signature_ids.party, "contractor")
        # Not an owner: the inspection request is refused.
        csrf = self._csrf(f"/my/rectifications/{self.order_a.id}")
        response = self.url_open(
            f"/my/rectifications/{self.order_a.id}/inspection",
            data={"csrf_token": csrf, "note": "x"},
        )
        self.assertEqual(response.status_code, 404)

    def test_developer_signs_and_all_four_accept(self):
        self._sign(self.order_a, "property")
        self._sign(self.order_a, "contractor")
        self._sign(self.order_a, "owner")
        self._login(self.user_developer)
        self.assertIn(self.order_a.name, self.url_open("/my/rectifications").text)
        result = self._sign_rpc(self.order_a, name="Dev Rep")
        self.assertTrue(result.get("force_refresh"), result)
        self.assertEqual(self.order_a.state, "accepted")

    def test_staff_is_sent_to_the_backend(self):
        self.authenticate(self.users["assistant"].login, self.users["assistant"].login)
        response = self.url_open(f"/my/rectifications/{self.order_a.id}")
        self.assertEqual(response.status_code, 404)
