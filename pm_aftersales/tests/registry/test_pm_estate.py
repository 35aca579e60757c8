from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common import PmCommon


@tagged("post_install", "-at_install")
class TestPmEstate(PmCommon):
    def test_counts(self):
        self.assertEqual(self.estate.building_count, 2)
        self.assertEqual(self.estate.unit_count, 2)
        self.assertEqual(self.estate.public_area_count, 1)
        self.assertEqual(self.estate_other.unit_count, 1)

    def test_counts_batch_query_count(self):
        estates = self.estate | self.estate_other | self.estate_company_b
        estates.invalidate_recordset()
        # one grouped query per counted model, whatever the number of estates
        with self.assertQueryCount(3):
            estates.mapped("unit_count")

    def test_code_unique_per_company(self):
        with self.assertRaises(IntegrityError) as cm, mute_logger("odoo.sql_db"):
            self.env["pm.estate"].create({"name": "Copy", "code": "GL"})
        self.assertIn(
            "already exists in this company",
            self.env["pm.estate"]._sql_error_to_message(cm.exception),
        )

    def test_same_code_other_company(self):
        estate = self.env["pm.estate"].create(
            {"name": "Copy", "code": "GL", "company_id": self.company_b.id}
        )
        self.assertEqual(estate.company_id, self.company_b)

    def test_actions_filter_on_estate(self):
        action = self.estate.action_view_units()
        units = self.env["pm.unit"].search(action["domain"])
        self.assertEqual(units, self.unit_a | self.unit_a2)
        action = self.estate.action_view_buildings()
        self.assertEqual(
            self.env["pm.building"].search(action["domain"]),
            self.building | self.building_2,
        )
        action = self.estate.action_view_public_areas()
        self.assertEqual(self.env["pm.public.area"].search(action["domain"]), self.area)
