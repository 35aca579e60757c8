from psycopg2 import IntegrityError
from psycopg2.errors import NotNullViolation

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common import PmCommon


@tagged("post_install", "-at_install")
class TestPmUnit(PmCommon):
    def test_related_places(self):
        self.assertEqual(self.unit_a.estate_id, self.estate)
        self.assertEqual(self.unit_a.company_id, self.company)
        self.assertEqual(self.unit_a.display_name, "Green Lake / Building 1 / 801")

    def test_unit_number_unique_per_building(self):
        with self.assertRaises(IntegrityError) as cm, mute_logger("odoo.sql_db"):
            self._create_unit(self.building, "801", floor=8)
        message = self.env["pm.unit"]._sql_error_to_message(cm.exception)
        self.assertIn("unique within its building", message)

    def test_unit_number_reused_in_other_building(self):
        unit = self._create_unit(self.building_2, "801", floor=8)
        self.assertEqual(unit.building_id, self.building_2)

    def test_floor_area_must_be_positive(self):
        for area in (0, -12.5):
            with (
                self.subTest(area=area),
                self.assertRaises(IntegrityError) as cm,
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self._create_unit(self.building, "1001", floor=10, floor_area=area)
            self.assertIn(
                "greater than zero",
                self.env["pm.unit"]._sql_error_to_message(cm.exception),
            )

    def test_unit_needs_a_building(self):
        with self.assertRaises(NotNullViolation) as cm, mute_logger("odoo.sql_db"):
            self.env["pm.unit"].create({"name": "999", "floor_area": 50})
        message = self.env["pm.unit"]._sql_error_to_message(cm.exception)
        self.assertIn("building_id", message)
        self.assertIn("Building", message)

    def test_floor_within_building(self):
        with self.assertRaisesRegex(ValidationError, "has only 18 floors"):
            self._create_unit(self.building, "1901", floor=19)
        with self.assertRaisesRegex(ValidationError, "basement floors"):
            self._create_unit(self.building, "B301", floor=-3)
        with self.assertRaisesRegex(ValidationError, "floor 0 does not exist"):
            self._create_unit(self.building, "001", floor=0)
        basement = self._create_unit(self.building, "B201", floor=-2, usage="parking")
        self.assertEqual(basement.floor, -2)

    def test_owners_and_residents(self):
        co_owner = self.env["res.partner"].create({"name": "Co-owner"})
        tenant = self.env["res.partner"].create({"name": "Tenant"})
        self.env["pm.unit.occupant"].create(
            [
                {"unit_id": self.unit_a.id, "partner_id": co_owner.id, "role": "co_owner"},
                {"unit_id": self.unit_a.id, "partner_id": tenant.id, "role": "tenant"},
            ]
        )
        self.assertEqual(self.unit_a.owner_ids, self.owner_a | co_owner)
        self.assertEqual(self.unit_a.owner_names, "Owner A, Co-owner")
        self.assertEqual(self.unit_a.resident_ids, tenant)

    def test_moved_out_owner_is_not_an_owner(self):
        self.unit_a.occupant_ids.action_archive()
        self.assertFalse(self.unit_a.owner_ids)
        self.assertFalse(self.unit_a.owner_names)

    def test_search_by_owner(self):
        units = self.env["pm.unit"].search([("owner_ids", "=", self.owner_a.id)])
        self.assertEqual(units, self.unit_a | self.unit_a2)
        units = self.env["pm.unit"].search([("owner_ids", "=", False)])
        self.assertNotIn(self.unit_a, units)
        self.assertIn(self.unit_company_b, units)

    def test_search_by_name_parts(self):
        found = self.env["pm.unit"].name_search("Building 1 / 801")
        self.assertEqual([r[0] for r in found], [self.unit_a.id])

    def test_action_view_occupants(self):
        action = self.unit_a.action_view_occupants()
        occupants = self.env["pm.unit.occupant"].search(action["domain"])
        self.assertEqual(occupants.partner_id, self.owner_a)
