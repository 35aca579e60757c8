from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common import PmCommon


@tagged("post_install", "-at_install")
class TestPmBuilding(PmCommon):
    def test_complete_name_follows_estate(self):
        self.assertEqual(self.building.complete_name, "Green Lake / Building 1")
        self.estate.name = "Green Lake Garden"
        self.assertEqual(self.building.complete_name, "Green Lake Garden / Building 1")
        self.assertEqual(self.unit_a.complete_name, "Green Lake Garden / Building 1 / 801")

    def test_company_follows_estate(self):
        self.assertEqual(self.building.company_id, self.company)
        self.assertEqual(self.building_company_b.company_id, self.company_b)
        self.assertEqual(self.unit_company_b.company_id, self.company_b)

    def test_name_unique_in_estate(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["pm.building"].create({"name": "Building 1", "estate_id": self.estate.id})

    def test_same_name_other_estate(self):
        building = self.env["pm.building"].create(
            {"name": "Building 1", "estate_id": self.estate_other.id}
        )
        self.assertEqual(building.estate_id, self.estate_other)

    def test_negative_floor_count(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["pm.building"].create(
                {"name": "B", "estate_id": self.estate.id, "floor_count": -1}
            )

    def test_cannot_remove_floors_in_use(self):
        with self.assertRaisesRegex(ValidationError, "fewer floors than its units use"):
            self.building.floor_count = 5  # unit 801 is on floor 8

    def test_unit_count_and_action(self):
        self.assertEqual(self.building.unit_count, 1)
        action = self.building.action_view_units()
        self.assertEqual(self.env["pm.unit"].search(action["domain"]), self.unit_a)

    def test_estate_with_buildings_cannot_be_deleted(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.estate_other.unlink()
