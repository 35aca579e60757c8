"""Service orders end to end over JSON-RPC, as the web client calls them:
a hotline registration, dispatch, the technician's work, and bad input
refused with a Chinese message that leaves nothing half-saved."""

import pytest
from conftest import RpcError


def _ref(client, xmlid):
    module, name = xmlid.split(".")
    rows = client.call(
        "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"]
    )
    return rows[0]["res_id"]


def _label(client, job):
    """The QR label of the job's place, as the technician's camera reads it."""
    unit = client.call("helpdesk.ticket", "read", [job], ["unit_id"])[0]["unit_id"][0]
    return client.call("pm.unit", "read", [unit], ["pm_qr_url"])[0]["pm_qr_url"]


@pytest.fixture(scope="module")
def job(login):
    assistant = login("assistant")
    caller = assistant.call(
        "res.partner",
        "search_read",
        [("pm_unit_ids", "!=", False), ("phone", "!=", False)],
        ["phone", "pm_unit_ids"],
        limit=1,
    )[0]
    wizard_id = assistant.call(
        "pm.hotline.wizard",
        "create",
        {
            "phone": caller["phone"],
            "unit_id": caller["pm_unit_ids"][0],
            "category_id": _ref(login("admin"), "pm_aftersales.helpdesk_category_burst_pipe"),
            "description": "<p>E2E: 厨房水管爆裂</p>",
        },
    )
    action = assistant.call("pm.hotline.wizard", "action_register", [wizard_id])
    return action["res_id"]


def test_hotline_registration_sets_time_limits(login, job):
    assistant = login("assistant")
    ticket = assistant.call(
        "helpdesk.ticket",
        "read",
        [job],
        ["ticket_type_id", "unit_id", "partner_id", "service_state", "next_deadline", "channel_id"],
    )[0]
    assert ticket["ticket_type_id"][1] == "急修"
    assert ticket["unit_id"] and ticket["partner_id"]
    # an urgent call: the demo crew works by the duty roster (a month of day
    # and night shifts), so the technician on duty takes it at once
    assert ticket["service_state"] == "dispatched"
    modes = assistant.call(
        "pm.ticket.assignment", "search_read", [("ticket_id", "=", job)], ["mode"]
    )
    assert [m["mode"] for m in modes] == ["roster"]
    assert ticket["next_deadline"]
    milestones = assistant.call(
        "pm.ticket.milestone", "search_read", [("ticket_id", "=", job)], ["milestone_type", "state"]
    )
    assert {m["milestone_type"] for m in milestones} == {
        "response",
        "arrival",
        "completion",
        "followup",
    }


def test_check_in_on_a_job_not_assigned_to_you(login, job):
    assistant = login("assistant")
    tech = login("tech")
    supervisor = login("supervisor")  # sees every job, is not its technician
    wizard = assistant.call(
        "pm.dispatch.wizard",
        "create",
        {"ticket_id": job, "mode": "assign", "user_id": tech.uid},
    )
    assistant.call("pm.dispatch.wizard", "action_confirm", [wizard])
    with pytest.raises(RpcError) as info:
        supervisor.call("helpdesk.ticket", "action_check_in", [job])
    assert "未指派给您" in str(info.value)
    assert (
        supervisor.call("helpdesk.ticket", "read", [job], ["service_state"])[0]["service_state"]
        == "dispatched"
    )
    # a technician of the crew who is not on the job does not even see it
    with pytest.raises(RpcError) as info:
        login("tech02").call("helpdesk.ticket", "action_check_in", [job])
    assert info.value.name == "odoo.exceptions.AccessError"
    # a chargeable job waits for the owner's approval of its quote
    charge = assistant.call("helpdesk.ticket", "read", [job], ["charge_mode"])[0]["charge_mode"]
    if charge == "chargeable":
        with pytest.raises(RpcError) as info:
            tech.call("helpdesk.ticket", "action_pm_scan", [job], _label(tech, job))
        assert "业主接受报价后" in str(info.value)
        assistant.call("helpdesk.ticket", "action_pm_quote", [job])
        order = assistant.call("sale.order", "search", [("pm_ticket_id", "=", job)])
        # the owner agreed on the phone: the assistant confirms the quote
        assistant.call("sale.order", "action_confirm", order)
    # the technician must prove he is on site: a plain check-in is refused
    with pytest.raises(RpcError) as info:
        tech.call("helpdesk.ticket", "action_check_in", [job])
    assert "二维码" in str(info.value)
    tech.call("helpdesk.ticket", "action_pm_scan", [job], _label(tech, job))
    state = assistant.call("helpdesk.ticket", "read", [job], ["service_state", "checkin_method"])[0]
    assert (state["service_state"], state["checkin_method"]) == ("on_site", "qr")


def test_promised_time_before_now_is_refused(login, job):
    tech = login("tech")
    milestone = tech.call(
        "pm.ticket.milestone",
        "search",
        [("ticket_id", "=", job), ("milestone_type", "=", "completion")],
    )[0]
    reason = _ref(login("admin"), "pm_aftersales.pm_delay_reason_parts")
    with pytest.raises(RpcError) as info:
        tech.call(
            "pm.ticket.delay",
            "create",
            {
                "ticket_id": job,
                "milestone_id": milestone,
                "reason_id": reason,
                "explanation": "E2E",
                "promised_date": "2020-01-01 08:00:00",
            },
        )
    assert "承诺时间必须晚于现在" in str(info.value)
    assert (
        login("assistant").call("pm.ticket.delay", "search_count", [("ticket_id", "=", job)]) == 0
    )


def test_zero_duration_rule_is_refused(login):
    manager = login("manager")
    # inactive: it must not take the jobs of the other end-to-end tests
    rule = manager.call("pm.sla.rule", "create", {"name": "E2E rule", "active": False})
    with pytest.raises(RpcError) as info:
        manager.call(
            "pm.sla.rule.line",
            "create",
            {"rule_id": rule, "milestone_type": "arrival", "duration": 0},
        )
    assert "时限必须大于零" in str(info.value)
    assert manager.call("pm.sla.rule.line", "search_count", [("rule_id", "=", rule)]) == 0
    manager.call("pm.sla.rule", "unlink", [rule])


def test_score_out_of_range_is_refused(login):
    assistant = login("assistant")
    verified = assistant.call("helpdesk.ticket", "search", [("service_state", "=", "verified")])
    assert verified
    with pytest.raises(RpcError) as info:
        assistant.call(
            "pm.ticket.followup",
            "create",
            {"ticket_id": verified[0], "score_speed": 6, "score_attitude": 5, "score_quality": 5},
        )
    assert "评分范围为 1（很差）到 5（很好）" in str(info.value)
    state = assistant.call("helpdesk.ticket", "read", verified[:1], ["service_state"])[0]
    assert state["service_state"] == "verified"
