"""Spare parts, equipment and preventive maintenance end to end over
JSON-RPC, on the demo database: the technician's parts on his own job, stock
after completion, Chinese messages for bad input, the repair opened by a
failed maintenance check, and the failure analysis."""

import pytest
from conftest import RpcError


@pytest.fixture(scope="module")
def on_site_job(login):
    """The demo burst pipe being repaired by `tech`, its parts reserved."""
    tech = login("tech")
    jobs = tech.call(
        "helpdesk.ticket",
        "search",
        [
            ("service_state", "=", "on_site"),
            ("parts_state", "=", "available"),
            ("user_id", "=", tech.uid),
        ],
    )
    assert jobs, "the demo has an on-site job with its parts reserved"
    return jobs[0]


def _on_hand(admin, product_id, location_id):
    quants = admin.call(
        "stock.quant",
        "search_read",
        [("product_id", "=", product_id), ("location_id", "=", location_id)],
        ["quantity", "reserved_quantity"],
    )
    return sum(q["quantity"] for q in quants), sum(q["reserved_quantity"] for q in quants)


def test_other_technician_cannot_touch_the_parts(login, on_site_job):
    other = login("tech02")
    assert other.call("pm.ticket.part", "search", [("ticket_id", "=", on_site_job)]) == []
    parts = login("assistant").call("pm.ticket.part", "search", [("ticket_id", "=", on_site_job)])
    with pytest.raises(RpcError) as info:
        other.call("pm.ticket.part", "write", parts[:1], {"quantity_used": 1})
    assert info.value.name == "odoo.exceptions.AccessError"


def test_bad_quantities_are_refused_in_chinese(login, on_site_job):
    tech = login("tech")
    line = tech.call(
        "pm.ticket.part",
        "search_read",
        [("ticket_id", "=", on_site_job)],
        ["product_uom_qty", "quantity_used"],
        limit=1,
    )[0]
    with pytest.raises(RpcError) as info:
        tech.call("pm.ticket.part", "write", [line["id"]], {"quantity_used": -1})
    assert "不能为负" in str(info.value)
    with pytest.raises(RpcError) as info:
        tech.call(
            "pm.ticket.part", "write", [line["id"]], {"quantity_used": line["product_uom_qty"] + 1}
        )
    assert "说明多用的原因" in str(info.value)
    after = tech.call("pm.ticket.part", "read", [line["id"]], ["quantity_used"])[0]
    assert after["quantity_used"] == line["quantity_used"]


def test_completion_consumes_what_was_used(login, on_site_job):
    tech, admin = login("tech"), login("admin")
    lines = tech.call(
        "pm.ticket.part",
        "search_read",
        [("ticket_id", "=", on_site_job)],
        ["product_id", "location_id", "product_uom_qty", "state"],
    )
    assert {line["state"] for line in lines} == {"available"}
    first, second = lines[0], lines[1]
    before = {
        line["id"]: _on_hand(admin, line["product_id"][0], line["location_id"][0]) for line in lines
    }
    # the first part fully used, the second not at all
    tech.call("pm.ticket.part", "write", [first["id"]], {"quantity_used": first["product_uom_qty"]})
    cause = tech.call("pm.failure.cause", "search", [("code", "=", "wear")])[0]
    tech.call(
        "helpdesk.ticket",
        "write",
        [on_site_job],
        {"work_done": "E2E: 更换爆裂水管及接头", "failure_cause_id": cause},
    )
    tech.call("helpdesk.ticket", "action_complete", [on_site_job])
    job = tech.call("helpdesk.ticket", "read", [on_site_job], ["service_state", "parts_cost"])[0]
    assert job["service_state"] == "done"
    assert job["parts_cost"] > 0
    on_hand, reserved = _on_hand(admin, first["product_id"][0], first["location_id"][0])
    assert on_hand == before[first["id"]][0] - first["product_uom_qty"]
    assert reserved == before[first["id"]][1] - first["product_uom_qty"]
    on_hand, reserved = _on_hand(admin, second["product_id"][0], second["location_id"][0])
    assert on_hand == before[second["id"]][0], "the unused part stays in the store"
    assert reserved == before[second["id"]][1] - second["product_uom_qty"]
    states = tech.call("pm.ticket.part", "read", [first["id"], second["id"]], ["state"])
    assert [s["state"] for s in states] == ["consumed", "cancelled"]


def test_failed_check_opened_a_repair_with_its_part(login):
    assistant = login("assistant")
    jobs = assistant.call(
        "helpdesk.ticket",
        "search_read",
        [("maintenance_request_id", "!=", False)],
        ["equipment_id", "parts_state", "parts_below_minimum", "public_area_id"],
    )
    assert jobs, "the demo pump inspection failed a check"
    job = jobs[0]
    assert job["equipment_id"] and job["public_area_id"]
    assert job["parts_state"] == "available"
    assert job["parts_below_minimum"], "the last pump seal: below its minimum of 2"


def test_technician_cannot_read_the_failure_analysis(login):
    with pytest.raises(RpcError) as info:
        login("tech").call("pm.failure.report", "search_read", [], ["failure_cause_id"])
    assert info.value.name == "odoo.exceptions.AccessError"
    rows = login("engineer").call(
        "pm.failure.report",
        "read_group",
        [("equipment_id", "!=", False)],
        ["repair_count:sum"],
        ["failure_cause_id"],
    )
    assert sum(row["repair_count"] for row in rows) >= 5
