"""Rectification end to end on the demo database: the owner follows and
signs on the portal in a real browser, the developer's representative signs
on the portal, staff record the contractor on a tablet, and the order is
accepted only then; companies see only their orders; bad input is refused in
Chinese over JSON-RPC."""

import re

import pytest
from conftest import RpcError


@pytest.fixture(scope="module")
def order_1202(login):
    """The demo order of the owner's unit 1号楼 1202, awaiting acceptance."""
    orders = login("assistant").call(
        "pm.rectification.order",
        "search_read",
        [("unit_id.name", "=", "1202"), ("unit_id.building_id.code", "=", "B1")],
        ["name", "state", "contractor_id"],
    )
    assert orders and orders[0]["state"] == "done"
    return orders[0]


def test_companies_see_only_their_orders(login, order_1202):
    contractor = login("contractor")  # 浙江宏远建设: not the contractor of 1202
    visible = contractor.call("pm.rectification.order", "search_read", [], ["contractor_id"])
    assert visible, "宏远建设 has demo orders"
    assert {o["contractor_id"][1] for o in visible} == {"浙江宏远建设集团有限公司"}
    with pytest.raises(RpcError) as info:
        contractor.call("pm.rectification.order", "read", [order_1202["id"]], ["name"])
    assert info.value.name == "odoo.exceptions.AccessError"
    page = contractor.get(f"/my/rectifications/{order_1202['id']}")
    assert page.status_code == 404
    developer = login("developer")  # the developer of the whole estate
    assert order_1202["id"] in developer.call("pm.rectification.order", "search", [])
    owner_orders = login("owner").call("pm.rectification.order", "search", [])
    assert order_1202["id"] in owner_orders
    assert len(owner_orders) < len(developer.call("pm.rectification.order", "search", []))


def test_bad_input_refused_in_chinese(login, order_1202):
    assistant = login("assistant")
    with pytest.raises(RpcError) as info:
        assistant.call(
            "pm.rectification.order", "write", [order_1202["id"]], {"deadline": "2000-01-01"}
        )
    assert "整改期限不能早于开单日期" in str(info.value)
    with pytest.raises(RpcError) as info:
        assistant.call("pm.rectification.order", "write", [order_1202["id"]], {"budget_amount": -1})
    # Approved already: the budget must stay above zero (else: not negative).
    assert re.search("费用预算(不能为负数|必须大于零)", str(info.value)), info.value


def test_four_party_acceptance_through_the_portal(page_factory, login, order_1202):
    order_id = order_1202["id"]
    owner = page_factory("owner")
    owner.goto(owner.url_of("/my/rectifications"))
    assert order_1202["name"] in owner.content()
    assert "每日通报" in owner.content()  # the demo's notices
    owner.shot("rect_01_my_rectifications")
    owner.goto(owner.url_of(f"/my/rectifications/{order_id}"))
    owner.wait_for_selector(".o_pm_rect_sign")
    owner.shot("rect_02_awaiting_acceptance")
    owner.click(".o_pm_rect_sign button[data-bs-target='#pm_modal_rect_sign']")
    owner.wait_for_selector("#pm_modal_rect_sign .o_portal_sign_submit:not([disabled])")
    owner.click("#pm_modal_rect_sign .o_portal_sign_submit")
    owner.wait_for_url(re.compile(r".*pm_done=signed.*"))
    assert "您的签字已记录" in owner.content()
    owner.shot("rect_03_owner_signed")

    supervisor = login("supervisor")
    signatures = supervisor.call(
        "pm.rectification.signature",
        "search_read",
        [("order_id", "=", order_id)],
        ["party", "partner_id", "signature"],
    )
    assert [s["party"] for s in signatures] == ["owner"]
    assert signatures[0]["signature"]

    developer = page_factory("developer")
    developer.goto(developer.url_of(f"/my/rectifications/{order_id}"))
    developer.wait_for_selector(".o_pm_rect_sign")
    assert "开发商" in developer.inner_text(".o_pm_rect_sign")
    developer.click(".o_pm_rect_sign button[data-bs-target='#pm_modal_rect_sign']")
    developer.wait_for_selector("#pm_modal_rect_sign .o_portal_sign_submit:not([disabled])")
    developer.click("#pm_modal_rect_sign .o_portal_sign_submit")
    developer.wait_for_url(re.compile(r".*pm_done=signed.*"))

    # The property company signs in the backend; the contractor (no portal
    # user) on the supervisor's tablet.
    signature = signatures[0]["signature"]
    contractor_rep = supervisor.call(
        "res.partner", "search", [("parent_id", "=", order_1202["contractor_id"][0])], limit=1
    )
    for party, partner in (("property", False), ("contractor", contractor_rep[0])):
        state = supervisor.call("pm.rectification.order", "read", [order_id], ["state"])[0]["state"]
        assert state == "done", f"accepted before the {party} signed"
        supervisor.call(
            "pm.rectification.signature",
            "create",
            {
                "order_id": order_id,
                "party": party,
                "partner_id": partner,
                "signed_by": "李敏" if party == "property" else "陈志明",
                "signature": signature,
            },
        )
    order = supervisor.call("pm.rectification.order", "read", [order_id], ["state"])[0]
    assert order["state"] == "accepted"
    owner.reload()
    assert owner.locator(".o_pm_rect_signature").count() == 4
    owner.shot("rect_04_accepted")
    pdf = supervisor.get(f"/report/pdf/pm_aftersales.report_rectification_order/{order_id}")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
