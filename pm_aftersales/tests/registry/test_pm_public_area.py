from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..common import PmCommon


@tagged("post_install", "-at_install")
class TestPmPublicArea(PmCommon):
    def test_complete_name(self):
        lobby = self.env["pm.public.area"].create(
            {
                "name": "Lobby",
                "estate_id": self.estate.id,
                "building_id": self.building.id,
                "area_type": "lobby",
            }
        )
        self.assertEqual(lobby.complete_name, "Green Lake / Building 1 / Lobby")
        self.assertEqual(self.area.complete_name, "Green Lake / Main gate")
        self.assertEqual(lobby.company_id, self.company)

    def test_building_of_another_estate(self):
        with self.assertRaisesRegex(ValidationError, "is not in estate"):
            self.env["pm.public.area"].create(
                {
                    "name": "Lobby",
                    "estate_id": self.estate.id,
                    "building_id": self.building_other.id,
                }
            )

    def test_search_by_code(self):
        self.area.code = "GATE-1"
        self.assertEqual(
            self.env["pm.public.area"].search([("display_name", "ilike", "GATE-1")]), self.area
        )
