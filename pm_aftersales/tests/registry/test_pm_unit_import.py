import csv
import io
from pathlib import Path

from psycopg2 import IntegrityError

from odoo.tools import mute_logger
from odoo.tools.misc import file_path

from ..common import PmCommon

ZH_HEADERS = [
    "小区", "楼栋", "单元", "房号", "面积", "交付日期", "业主", "电话",
    "共有人", "共有人电话", "租户", "租户电话",
]  # fmt: skip
ZH_FIELDS = [
    "import_estate", "import_building", "entrance", "name", "floor_area", "handover_date",
    "import_owner", "import_owner_phone", "import_co_owners", "import_co_owner_phones",
    "import_tenant", "import_tenant_phone",
]  # fmt: skip


class TestPmUnitImport(PmCommon):
    """One import of a property company's sheet (楼栋 / 单元 / 房号 / 面积 /
    交付日期 / 业主 / 电话 ...) through base_import creates the units, their
    buildings and their occupants with their links; a bad row gets its error
    and nothing is imported."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_import = cls.env["pm.estate"].create({"name": "翠湖花园", "code": "CH"})
        # the import works in the test's company only
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))

    def _import(self, rows, headers=ZH_HEADERS, fields=ZH_FIELDS, dryrun=False):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows(rows)
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "pm.unit",
                "file": buffer.getvalue().encode(),
                "file_type": "text/csv",
                "file_name": "units.csv",
            }
        )
        options = {
            "has_headers": True,
            "quoting": '"',
            "separator": ",",
            "date_format": "%Y-%m-%d",
            "float_thousand_separator": ",",
            "float_decimal_separator": ".",
        }
        return wizard, wizard.execute_import(fields, headers, options, dryrun=dryrun)

    def _sheet(self, units=1000, people=1200):
        """``units`` rows in 5 buildings of 2 entrances; ``people`` distinct
        owners: one main owner per unit, the last ones holding a second unit,
        and co-owners on the first units, two to a cell now and then."""
        rows = []
        main = units * 9 // 10  # 100 of them hold two units
        co_owners = people - main
        person = 0
        for index in range(units):
            building, rest = divmod(index, units // 5)
            entrance, rest = divmod(rest, units // 10)
            floor, door = divmod(rest, 4)
            owner = index if index < main else index - main
            co_names, co_phones = "", ""
            if person < co_owners:
                count = 2 if index % 3 == 0 and person + 1 < co_owners else 1
                numbers = range(person, person + count)
                co_names = "、".join(f"共有人{n}" for n in numbers)
                co_phones = "、".join(f"137{n:08d}" for n in numbers)
                person += count
            rows.append(
                [
                    "翠湖花园",
                    f"{building + 1}号楼",
                    str(entrance + 1),
                    f"{floor + 1}{door + 1:02d}",
                    "89.50",
                    "2024-06-30",
                    f"业主{owner}",
                    f"138 {owner:04d} {owner:04d}",
                    co_names,
                    co_phones,
                    f"租户{index}" if index % 50 == 0 else "",
                    f"139{index:08d}" if index % 50 == 0 else "",
                ]
            )
        self.assertEqual(person, co_owners)
        return rows

    def test_templates_exist_and_map_their_chinese_columns(self):
        templates = self.env["pm.unit"].get_import_templates()
        self.assertEqual(len(templates), 2)
        for template in templates:
            path = template["template"]
            self.assertTrue(path.startswith("/pm_aftersales/static/xls/"), path)
            self.assertTrue(Path(file_path(path.lstrip("/"))).is_file(), path)
        # base_import proposes the fields for the columns of the Chinese sheet.
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "pm.unit",
                "file": Path(file_path(templates[0]["template"].lstrip("/"))).read_bytes(),
                "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "file_name": "pm_unit_import_zh_CN.xlsx",
            }
        )
        preview = wizard.parse_preview({"has_headers": True})
        self.assertFalse(preview.get("error"), preview)
        matches = {
            preview["headers"][index]: path[0] for index, path in preview["matches"].items() if path
        }
        expected = dict(zip(ZH_HEADERS, ZH_FIELDS, strict=True))
        expected.update({"楼层": "floor", "用途": "usage"})
        self.assertEqual(matches, expected)

    def test_template_imports_with_its_links(self):
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "pm.unit",
                "file": Path(
                    file_path("pm_aftersales/static/xls/pm_unit_import_zh_CN.xlsx")
                ).read_bytes(),
                "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "file_name": "pm_unit_import_zh_CN.xlsx",
            }
        )
        options = {"has_headers": True, "date_format": "%Y-%m-%d"}
        preview = wizard.parse_preview(options)
        fields = [path[0] if path else False for path in preview["matches"].values()]
        result = wizard.execute_import(fields, preview["headers"], options)
        self.assertFalse(result["messages"], result["messages"])
        units = self.env["pm.unit"].browse(result["ids"])
        self.assertEqual(len(units), 3)
        self.assertEqual(units.building_id.mapped("name"), ["1号楼", "2号楼"])
        self.assertEqual(units.building_id.estate_id, self.estate_import)
        first, second, third = units.sorted("id")
        self.assertEqual((second.entrance, second.name, second.floor), ("1", "1201", 12))
        self.assertEqual(second.floor_area, 120.3)
        self.assertEqual(str(second.handover_date), "2024-06-30")
        self.assertEqual(second.usage, "residential")
        # 张伟 holds two units: one contact, with his phone.
        self.assertEqual(first.owner_ids, third.owner_ids)
        self.assertEqual(first.owner_ids.phone, "13800000001")
        self.assertEqual(first.owner_ids.pm_unit_ids, first | third)
        roles = {(o.partner_id.name, o.role) for o in second.occupant_ids}
        self.assertEqual(roles, {("李娜", "owner"), ("王强", "co_owner"), ("赵敏", "co_owner")})
        self.assertEqual(
            second.occupant_ids.filtered(lambda o: o.partner_id.name == "赵敏").phone,
            "13800000004",
        )
        self.assertEqual(third.resident_ids.name, "刘洋")
        self.assertEqual(
            third.occupant_ids.filtered(lambda o: o.role == "tenant").phone, "13900000005"
        )

    def test_import_1000_units_and_1200_owners(self):
        rows = self._sheet()
        partners_before = self.env["res.partner"].search_count([])
        _wizard, result = self._import(rows, dryrun=True)
        self.assertFalse(result["messages"], result["messages"][:3])
        self.assertEqual(len(result["ids"]), 1000)
        self.assertFalse(
            self.env["pm.unit"].search_count([("estate_id", "=", self.estate_import.id)])
        )
        with self.assertQueryCount(3000):  # in batches: ~25000 row by row
            _wizard, result = self._import(rows)
        self.assertFalse(result["messages"], result["messages"][:3])
        units = self.env["pm.unit"].search([("estate_id", "=", self.estate_import.id)])
        self.assertEqual(len(units), 1000)
        self.assertEqual(len(units.building_id), 5)
        self.assertEqual(set(units.mapped("entrance")), {"1", "2"})
        occupants = units.occupant_ids
        owners = occupants.filtered(lambda o: o.role in ("owner", "co_owner")).partner_id
        self.assertEqual(len(owners), 1200)
        self.assertEqual(len(occupants.filtered(lambda o: o.role == "owner")), 1000)
        self.assertEqual(len(occupants.filtered(lambda o: o.role == "tenant")), 20)
        self.assertEqual(self.env["res.partner"].search_count([]) - partners_before, 1220)
        # the last owners hold a second unit, found by name and phone
        owner = owners.filtered(lambda p: p.name == "业主5")
        self.assertEqual(owner.phone, "138 0005 0005")
        self.assertEqual(len(owner.pm_unit_ids), 2)
        unit = units.filtered(lambda u: u.complete_name == "翠湖花园 / 1号楼 / 1-101")
        self.assertEqual(unit.floor, 1)
        self.assertEqual(len(unit.occupant_ids.filtered(lambda o: o.role == "co_owner")), 2)

    def test_existing_owner_is_found_by_name_and_phone(self):
        _wizard, result = self._import(
            [
                ["Green Lake", "Building 1", "", "1501", "100", "", "Owner A", "13800138000"]
                + [""] * 4,
                ["Green Lake", "Building 1", "", "1502", "100", "", "Owner A", "13900000000"]
                + [""] * 4,
            ]
        )
        self.assertFalse(result["messages"], result["messages"])
        first, second = self.env["pm.unit"].browse(result["ids"]).sorted("id")
        self.assertEqual(first.owner_ids, self.owner_a)  # 138 0013 8000
        self.assertNotEqual(second.owner_ids, self.owner_a)  # same name, other phone
        self.assertEqual(first.building_id, self.building)

    def test_update_adds_the_people_of_the_row(self):
        self.unit_a.entrance = "1"
        xmlid = self.unit_a.export_data(["id"])["datas"][0][0]
        _wizard, result = self._import(
            [[xmlid, "Green Lake", "Building 1", "1", "Owner A", "13800138000", "李四", ""]],
            headers=["id", "小区", "楼栋", "单元", "业主", "电话", "租户", "租户电话"],
            fields=[
                "id",
                "import_estate",
                "import_building",
                "entrance",
                "import_owner",
                "import_owner_phone",
                "import_tenant",
                "import_tenant_phone",
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(result["ids"], self.unit_a.ids)
        self.assertEqual(self.unit_a.owner_ids, self.owner_a)  # not added twice
        self.assertEqual(self.unit_a.resident_ids.mapped("name"), ["李四"])

    def test_bad_rows_get_their_error_and_nothing_is_imported(self):
        rows = self._sheet(units=20, people=20)
        rows[3][0] = "不存在的小区"  # unknown estate
        rows[7][3] = rows[6][3]  # the same number twice in one entrance
        rows[9][4] = "-5"  # negative floor area
        rows[12][8:10] = ["王强", "13800000003、13800000004"]  # more phones than names
        units_before = self.env["pm.unit"].search_count([])
        partners_before = self.env["res.partner"].search_count([])
        for dryrun in (True, False):
            _wizard, result = self._import(rows, dryrun=dryrun)
            self.assertFalse(result["ids"])
            errors = [m for m in result["messages"] if m["type"] == "error"]
            # rows are 0-based in the data (the header is not counted)
            self.assertEqual(sorted({m["rows"]["from"] for m in errors}), [3, 7, 9, 12], errors)
            by_row = {m["rows"]["from"]: m["message"] for m in errors}
            self.assertIn("不存在的小区", by_row[3])
            self.assertIn("2 phone numbers for 1 names", by_row[12])
        self.assertEqual(self.env["pm.unit"].search_count([]), units_before)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertFalse(
            self.env["pm.building"].search([("estate_id", "=", self.estate_import.id)])
        )

    def test_unit_numbers_repeat_on_each_entrance(self):
        unit = self._create_unit(self.building, "1201", floor=12, entrance="1")
        self._create_unit(self.building, "1201", floor=12, entrance="2")
        self.assertEqual(unit.complete_name, "Green Lake / Building 1 / 1-1201")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self._create_unit(self.building, "1201", floor=12, entrance=" 1 ")
        # no entrance: unique in the building as before (NULLS NOT DISTINCT)
        self._create_unit(self.building, "1202", floor=12)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self._create_unit(self.building, "1202", floor=12, entrance="")

    def test_floor_from_the_unit_number(self):
        guess = self.env["pm.unit"]._guess_floor
        self.assertEqual(guess("1201"), 12)
        self.assertEqual(guess("2-1201"), 12)
        self.assertEqual(guess("101"), 1)
        self.assertEqual(guess("A1"), 0)
