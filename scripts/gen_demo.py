#!/usr/bin/env python3
"""Generate pm_aftersales demo data (deterministic): one estate, 3 buildings,
200 units, ~150 owners, 16 staff users.

Run from the repository root: python3 scripts/gen_demo.py
The generated XML files are committed; rerun after changing this script.
"""

import random
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parent.parent / "pm_aftersales" / "demo"
rng = random.Random(2026)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "文",
    "华",
    "红",
    "建国",
    "志强",
    "晓东",
    "海燕",
    "玉兰",
    "春梅",
    "国强",
    "丹",
    "萍",
    "鹏",
    "辉",
    "慧",
    "宇",
    "婷",
    "浩",
    "雪",
    "琳",
    "波",
    "斌",
    "晨",
    "欣怡",
    "子涵",
    "梓萱",
    "浩然",
    "宇轩",
    "佳怡",
    "俊杰",
    "思远",
]
PHONE_PREFIXES = [
    "138",
    "139",
    "136",
    "137",
    "150",
    "151",
    "158",
    "159",
    "186",
    "187",
    "188",
    "177",
    "135",
]


def attr(text):
    return escape(str(text), {'"': "&quot;"})


def rec(xmlid, model, fields, context=None):
    ctx = f' context="{attr(context)}"' if context else ""
    lines = [f'    <record id="{xmlid}" model="{model}"{ctx}>']
    for name, value in fields:
        if isinstance(value, tuple) and value[0] == "ref":
            lines.append(f'        <field name="{name}" ref="{value[1]}" />')
        elif isinstance(value, tuple) and value[0] == "eval":
            lines.append(f'        <field name="{name}" eval="{attr(value[1])}" />')
        else:
            lines.append(f'        <field name="{name}">{escape(str(value))}</field>')
    lines.append("    </record>")
    return lines


used_names = set()


def person_name():
    while True:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name not in used_names:
            used_names.add(name)
            return name


used_phones = set()


def phone():
    while True:
        number = f"{rng.choice(PHONE_PREFIXES)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        if number not in used_phones:
            used_phones.add(number)
            return number


def write(filename, lines, header=None):
    body = ['<?xml version="1.0" encoding="utf-8" ?>', "<odoo>"]
    if header:
        body += header
    body += lines + ["</odoo>", ""]
    (OUT / filename).write_text("\n".join(body), encoding="utf-8")


# ---------------------------------------------------------------- staff
STAFF = [
    # xmlid, login, name, role group, team
    ("user_manager", "manager", "王建国", "group_pm_manager", None),
    ("user_cs_supervisor", "supervisor", "李敏", "group_pm_cs_supervisor", None),
    ("user_assistant", "assistant", "陈静", "group_pm_cs_assistant", None),
    ("user_eng_supervisor", "engineer", "刘强", "group_pm_eng_supervisor", None),
    ("user_tech", "tech", "张伟", "group_pm_technician", "water_electric"),
]
# Team names are translatable: English source, Chinese in i18n/zh_CN.po.
TEAMS = [
    ("water_electric", "Water and Electric Crew", "water_electric"),
    ("civil", "Civil Works Crew", "civil"),
    ("general", "General Maintenance Crew", "general"),
]
members = {"water_electric": ["user_tech"], "civil": [], "general": []}
for team_key, _label, _trade in TEAMS:
    while len(members[team_key]) < 4:
        n = sum(len(m) for m in members.values()) + 1
        xmlid = f"user_tech_{n:02d}"
        STAFF.append((xmlid, f"tech{n:02d}", person_name(), "group_pm_technician", team_key))
        members[team_key].append(xmlid)

staff_lines = []
for xmlid, login, name, group, _team in STAFF:
    used_names.add(name)
    staff_lines += rec(
        xmlid.replace("user_", "partner_staff_"),
        "res.partner",
        [
            ("name", name),
            ("email", f"{login}@cuihu-pm.example.com"),
            ("phone", phone()),
            ("lang", "zh_CN"),
        ],
    )
    staff_lines += rec(
        xmlid,
        "res.users",
        [
            ("partner_id", ("ref", xmlid.replace("user_", "partner_staff_"))),
            ("login", login),
            ("password", login),
            ("lang", "zh_CN"),
            ("tz", "Asia/Shanghai"),
            ("group_ids", ("eval", f"[Command.set([ref('{group}')])]")),
        ],
        context="{'no_reset_password': True}",
    )
# The department's manager is one of its employees: set it once they exist.
dept_lines = rec(
    "hr_department_aftersales", "hr.department", [("name", "After-Sales Service Centre")]
)
titles = {
    "group_pm_manager": "服务中心经理",
    "group_pm_cs_supervisor": "客服主管",
    "group_pm_cs_assistant": "客户服务助理",
    "group_pm_eng_supervisor": "工程主管",
    "group_pm_technician": "维修技术员",
}
employee_lines = []
for xmlid, _login, name, group, _team in STAFF:
    employee_lines += rec(
        xmlid.replace("user_", "employee_"),
        "hr.employee",
        [
            ("name", name),
            ("user_id", ("ref", xmlid)),
            ("job_title", titles[group]),
            ("department_id", ("ref", "hr_department_aftersales")),
        ],
    )
team_lines = []
for seq, (team_key, label, _trade) in enumerate(TEAMS, 1):
    team_members = members[team_key]
    team_lines += rec(
        f"team_{team_key}",
        "helpdesk.ticket.team",
        [
            ("name", label),
            ("sequence", seq),
            ("alias_name", f"repair-{team_key.replace('_', '-')}"),
            ("user_id", ("ref", team_members[0])),
            (
                "user_ids",
                ("eval", f"[Command.set([{', '.join(f'ref({m!r})' for m in team_members)}])]"),
            ),
        ],
    )
write(
    "res_users_demo.xml",
    staff_lines
    + dept_lines
    + employee_lines
    + [
        '    <record id="hr_department_aftersales" model="hr.department">',
        '        <field name="manager_id" ref="employee_manager" />',
        "    </record>",
    ]
    + team_lines,
    header=[
        "    <!-- Demo staff speak Chinese: the language must be active before their users. -->",
        '    <function model="res.lang" name="_activate_lang" eval="[[], \'zh_CN\']" />',
        '    <record id="base.main_company" model="res.company">',
        '        <field name="name">杭州翠湖物业服务有限公司</field>',
        '        <field name="phone">0571-8888 1234</field>',
        '        <field name="email">service@cuihu-pm.example.com</field>',
        '        <field name="city">杭州市</field>',
        '        <field name="country_id" ref="base.cn" />',
        "    </record>",
    ],
)

# ---------------------------------------------------------------- estate
estate = rec(
    "estate_cuihu",
    "pm.estate",
    [
        ("name", "翠湖花园"),
        ("code", "CHG"),
        ("street", "西溪路 588 号"),
        ("city", "杭州市"),
        ("zip", "310013"),
        ("state_id", ("ref", "base.state_cn_ZJ")),
        ("country_id", ("ref", "base.cn")),
        ("manager_id", ("ref", "user_manager")),
    ],
)
BUILDINGS = [
    # key, name, floors, units per floor, handover
    ("b1", "1号楼", 18, 4, date(2024, 6, 30)),
    ("b2", "2号楼", 18, 4, date(2024, 6, 30)),
    ("b3", "3号楼", 14, 4, date(2025, 10, 15)),
]
for seq, (key, name, floors, _per, _handover) in enumerate(BUILDINGS, 1):
    estate += rec(
        f"building_{key}",
        "pm.building",
        [
            ("name", name),
            ("code", key.upper()),
            ("sequence", seq),
            ("estate_id", ("ref", "estate_cuihu")),
            ("floor_count", floors),
            ("basement_count", 2),
        ],
    )
AREAS = [
    ("gate", "小区大门", "road", None),
    ("garden", "中心花园", "garden", None),
    ("car_park", "地下车库", "car_park", None),
    ("pump_room", "生活水泵房", "plant_room", None),
    ("power_room", "配电房", "plant_room", None),
    ("clubhouse", "会所", "clubhouse", None),
]
for key, _name, _floors, _per, _h in BUILDINGS:
    num = key[1]
    AREAS += [
        (f"{key}_lobby", f"{num}号楼大堂", "lobby", key),
        (f"{key}_lift_a", f"{num}号楼A梯", "lift", key),
        (f"{key}_lift_b", f"{num}号楼B梯", "lift", key),
        (f"{key}_roof", f"{num}号楼屋面", "roof", key),
    ]
for seq, (key, name, area_type, building) in enumerate(AREAS, 1):
    fields = [
        ("name", name),
        ("area_type", area_type),
        ("sequence", seq),
        ("estate_id", ("ref", "estate_cuihu")),
    ]
    if building:
        fields.append(("building_id", ("ref", f"building_{building}")))
    estate += rec(f"public_area_{key}", "pm.public.area", fields)
write("pm_estate_demo.xml", estate)

# ---------------------------------------------------------------- units & owners
units = []
for key, _name, floors, per, handover in BUILDINGS:
    for floor in range(1, floors + 1):
        for room in range(1, per + 1):
            units.append((key, floor, f"{floor}{room:02d}", handover))
assert len(units) == 200, len(units)

lines = []
for key, floor, number, _handover in units:
    usage = "commercial" if key == "b3" and floor == 1 else "residential"
    area = round(rng.uniform(60, 85) if number.endswith(("02", "03")) else rng.uniform(95, 145), 2)
    fields = [
        ("name", number),
        ("building_id", ("ref", f"building_{key}")),
        ("floor", floor),
        ("floor_area", area),
        ("usage", usage),
    ]
    lines += rec(f"unit_{key}_{number}", "pm.unit", fields)

# 20 units of building 3 are not sold/handed over yet; the others have owners.
unsold = {(k, n) for k, f, n, _h in units if k == "b3" and f >= 10}
sold = [u for u in units if (u[0], u[2]) not in unsold]
owners = []


def new_partner(prefix, idx, with_email=True):
    xmlid = f"{prefix}_{idx:03d}"
    name = person_name()
    fields = [
        ("name", name),
        ("phone", phone()),
        ("lang", "zh_CN"),
        ("city", "杭州市"),
        ("country_id", ("ref", "base.cn")),
    ]
    if with_email:
        fields.append(("email", f"{prefix}{idx:03d}@owner.example.com"))
    lines.extend(rec(xmlid, "res.partner", fields))
    return xmlid


# 130 owners for 180 units: 50 of them hold two units.
owner_count = 130
owner_ids = [new_partner("owner", i + 1, with_email=rng.random() < 0.8) for i in range(owner_count)]
assignments = list(owner_ids) + owner_ids[: len(sold) - owner_count]
rng.shuffle(assignments)
occ = 0


def occupant(unit, partner, role, start):
    global occ
    occ += 1
    lines.extend(
        rec(
            f"occupant_{occ:04d}",
            "pm.unit.occupant",
            [
                ("unit_id", ("ref", unit)),
                ("partner_id", ("ref", partner)),
                ("role", role),
                ("date_start", start.isoformat()),
            ],
        )
    )


# The demo owner login holds two units of building 1.
demo_owner = "owner_001"
first_two = [f"unit_b1_{n}" for n in ("801", "1202")]
for unit in first_two:
    occupant(unit, demo_owner, "owner", date(2024, 6, 30))
rest = [u for u in sold if f"unit_{u[0]}_{u[2]}" not in first_two]
pool = [o for o in assignments if o != demo_owner]
pool = pool[: len(rest)]
handed = []
for (key, _floor, number, handover), partner in zip(rest, pool, strict=True):
    unit = f"unit_{key}_{number}"
    occupant(unit, partner, "owner", handover)
    handed.append(unit)
co_owners = [new_partner("coowner", i + 1) for i in range(20)]
for unit, partner in zip(rng.sample(handed, 20), co_owners, strict=True):
    occupant(unit, partner, "co_owner", date(2024, 6, 30))
tenants = [new_partner("tenant", i + 1, with_email=False) for i in range(15)]
for unit, partner in zip(rng.sample(handed, 15), tenants, strict=True):
    occupant(unit, partner, "tenant", date(2025, 3, 1))

# Handover dates: written after the owners (handed-over units have owners).
for key, _floor, number, handover in units:
    if (key, number) in unsold:
        continue
    lines += [
        f'    <record id="unit_{key}_{number}" model="pm.unit">',
        f'        <field name="handover_date">{handover.isoformat()}</field>',
        "    </record>",
    ]

lines += rec(
    "user_owner",
    "res.users",
    [
        ("partner_id", ("ref", demo_owner)),
        ("login", "owner"),
        ("password", "owner"),
        ("lang", "zh_CN"),
        ("tz", "Asia/Shanghai"),
        ("group_ids", ("eval", "[Command.set([ref('group_pm_owner')])]")),
    ],
    context="{'no_reset_password': True}",
)
write("pm_unit_demo.xml", lines)
print(f"units={len(units)} owners={owner_count} co-owners=20 tenants=15 staff={len(STAFF)}")
