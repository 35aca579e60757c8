"""Staff scorecards and the managers' reports end to end over JSON-RPC, on
the demo database: who reads which scorecard, fines hidden from the
employee, the analyses closed to technicians, the KPI evaluations and the
monthly PDF for managers."""

import pytest
from conftest import RpcError


def test_scorecards_by_role(login):
    tech = login("tech")
    mine = tech.call("pm.scorecard", "search_read", [], ["user_id", "total_score"])
    assert mine, "the demo has three months of scorecards"
    assert {card["user_id"][0] for card in mine} == {tech.uid}
    engineer = login("engineer")  # heads the crews in HR
    crew = engineer.call("pm.scorecard", "search_read", [], ["user_id"])
    assert len({card["user_id"][0] for card in crew}) >= 12
    with pytest.raises(RpcError) as info:
        tech.call("pm.scorecard", "write", [mine[0]["id"]], {"adjustment": 10})
    assert info.value.name == "odoo.exceptions.AccessError"


def test_fines_only_for_managers(login):
    manager = login("manager")
    employee = manager.call("hr.employee", "search", [("user_id.login", "=", "tech")])[0]
    fine = manager.call(
        "pm.reward.penalty",
        "create",
        {"employee_id": employee, "kind": "fine", "reason": "丢失万用表", "amount": 200},
    )
    assert fine not in login("tech").call("pm.reward.penalty", "search", [])
    assert fine not in login("engineer").call("pm.reward.penalty", "search", [])
    assert fine in manager.call("pm.reward.penalty", "search", [])


def test_reports_closed_to_technicians(login):
    with pytest.raises(RpcError) as info:
        login("tech").call("pm.job.analysis", "search_read", [], ["ticket_id"], limit=1)
    assert info.value.name == "odoo.exceptions.AccessError"
    groups = login("supervisor").call(
        "pm.job.analysis",
        "formatted_read_group",
        [("done_date", "!=", False)],
        ["date:month"],
        ["__count", "arrival_met:avg"],
    )
    assert groups and all(g["__count"] for g in groups)


def test_monthly_report_for_managers(login):
    manager = login("manager")
    reports = manager.call("pm.monthly.report", "search_read", [], ["name", "state"])
    assert reports, "the demo has last month's report"
    evaluations = manager.call(
        "pm.kpi.evaluation", "search_read", [("status", "=", "red")], ["action_ids"]
    )
    assert evaluations and all(e["action_ids"] for e in evaluations)
    pdf = manager.get(f"/report/pdf/pm_aftersales.report_monthly/{reports[0]['id']}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with pytest.raises(RpcError):
        login("supervisor").call("pm.monthly.report", "search_read", [], ["name"])
