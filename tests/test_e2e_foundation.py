"""Foundation, end to end: the server `make run` starts serves the login page,
Chinese users see Chinese, owners reach the portal and see only their units,
and bad input is refused with a translated message that loses nothing."""

import pytest
from conftest import RpcError


def test_login_page(odoo_server, login):
    page = login("admin").get("/web/login")
    assert page.status_code == 200


def test_zh_cn_user_sees_the_registry_in_chinese(login):
    assistant = login("assistant")
    assert assistant.context["lang"] == "zh_CN"
    menus = assistant.call("ir.ui.menu", "load_menus", False)
    names = {m["name"] for m in menus.values() if isinstance(m, dict)}
    assert {"物业售后", "楼盘项目", "楼栋", "房屋", "服务工单"} <= names
    # one app for the after-sales staff: helpdesk_mgmt's is hidden from them
    assert "服务台" not in names
    estates = assistant.call(
        "pm.estate", "search_read", [], ["name", "building_count", "unit_count"]
    )
    assert [(e["name"], e["building_count"], e["unit_count"]) for e in estates] == [
        ("翠湖花园", 3, 200)
    ]
    buildings = assistant.call("pm.building", "search_read", [], ["name"], order="name")
    assert [b["name"] for b in buildings] == ["1号楼", "2号楼", "3号楼"]
    fields = assistant.call(
        "pm.unit", "fields_get", ["building_id", "handover_date", "floor_area"], ["string"]
    )
    assert fields["building_id"]["string"] == "楼栋"
    assert fields["handover_date"]["string"] == "交付日期"
    trades = assistant.call("pm.trade", "search_read", [("code", "=", "waterproofing")], ["name"])
    assert trades[0]["name"] == "防水"


def test_owner_reaches_portal_and_sees_only_own_units(login):
    owner = login("owner")
    page = owner.get("/my")
    assert page.status_code == 200
    assert "/web/login" not in page.url
    units = owner.call("pm.unit", "search_read", [], ["display_name"])
    assert sorted(u["display_name"] for u in units) == [
        "翠湖花园 / 1号楼 / 1202",
        "翠湖花园 / 1号楼 / 801",
    ]


def test_owner_cannot_read_another_owners_unit(login):
    owner = login("owner")
    other_ids = login("assistant").call(
        "pm.unit", "search", [("owner_ids.name", "!=", False), ("name", "=", "101")]
    )
    assert other_ids
    with pytest.raises(RpcError) as info:
        owner.call("pm.unit", "read", other_ids, ["name", "owner_names"])
    assert info.value.name == "odoo.exceptions.AccessError"
    assert owner.call("pm.unit", "search_count", [("id", "in", other_ids)]) == 0
    # searches are filtered: another owner's occupancy lines never come back
    assert (
        owner.call(
            "pm.unit.occupant", "search_read", [("unit_id", "in", other_ids)], ["partner_id"]
        )
        == []
    )
    with pytest.raises(RpcError) as info:
        owner.call("pm.unit", "write", other_ids, {"floor_area": 1})
    assert info.value.name == "odoo.exceptions.AccessError"


def _unit_vals(assistant, name, **vals):
    building = assistant.call("pm.building", "search", [("name", "=", "1号楼")])[0]
    return dict({"name": name, "building_id": building, "floor": 8, "floor_area": 88.0}, **vals)


@pytest.mark.parametrize(
    "vals, message",
    [
        ({"name": "801"}, "已存在此房号"),
        ({"name": "E2E-1", "floor_area": 0}, "建筑面积必须大于零"),
        ({"name": "E2E-2", "floor_area": -5}, "建筑面积必须大于零"),
        ({"name": "E2E-3", "building_id": False}, "楼栋"),
        ({"name": "E2E-4", "floor": 30}, "只有 18 层"),
    ],
)
def test_bad_unit_is_refused_in_chinese(login, vals, message):
    supervisor = login("supervisor")
    before = supervisor.call("pm.unit", "search_count", [])
    with pytest.raises(RpcError) as info:
        supervisor.call("pm.unit", "create", _unit_vals(supervisor, **vals))
    assert info.value.name in ("odoo.exceptions.ValidationError", "odoo.exceptions.UserError")
    assert message in str(info.value)
    assert supervisor.call("pm.unit", "search_count", []) == before


@pytest.mark.parametrize("duration", [0, -1])
def test_bad_warranty_period_is_refused_in_chinese(login, duration):
    manager = login("manager")
    trade = manager.call("pm.trade", "search", [("code", "=", "lift")])[0]
    with pytest.raises(RpcError) as info:
        manager.call("pm.warranty.period", "create", {"trade_id": trade, "duration": duration})
    assert "保修期必须大于零" in str(info.value)
    assert manager.call("pm.warranty.period", "search_count", [("trade_id", "=", trade)]) == 0
