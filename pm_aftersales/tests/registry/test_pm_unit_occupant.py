from psycopg2 import IntegrityError

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common import PmCommon


@tagged("post_install", "-at_install")
class TestPmUnitOccupant(PmCommon):
    def test_one_main_owner(self):
        other = self.env["res.partner"].create({"name": "Second owner"})
        with self.assertRaises(IntegrityError) as cm, mute_logger("odoo.sql_db"):
            self.env["pm.unit.occupant"].create(
                {"unit_id": self.unit_a.id, "partner_id": other.id, "role": "owner"}
            )
        self.assertIn("co-owners", self.env["pm.unit.occupant"]._sql_error_to_message(cm.exception))

    def test_new_owner_after_sale(self):
        """The seller moves out and the buyer moves in, in one save of the unit."""
        buyer = self.env["res.partner"].create({"name": "Buyer"})
        self.unit_a.write(
            {
                "occupant_ids": [
                    Command.update(self.unit_a.occupant_ids.id, {"active": False}),
                    Command.create({"partner_id": buyer.id, "role": "owner"}),
                ]
            }
        )
        self.assertEqual(self.unit_a.owner_ids, buyer)

    def test_same_role_twice(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["pm.unit.occupant"].create(
                {"unit_id": self.unit_b.id, "partner_id": self.owner_b.id, "role": "owner"}
            )

    def test_owner_can_also_be_resident(self):
        occupant = self.env["pm.unit.occupant"].create(
            {"unit_id": self.unit_a.id, "partner_id": self.owner_a.id, "role": "resident"}
        )
        self.assertEqual(occupant.display_name, "Owner A (Resident)")

    def test_dates_order(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["pm.unit.occupant"].create(
                {
                    "unit_id": self.unit_a.id,
                    "partner_id": self.owner_b.id,
                    "role": "tenant",
                    "date_start": "2025-05-01",
                    "date_end": "2025-04-30",
                }
            )

    def test_places_follow_unit(self):
        occupant = self.unit_a.occupant_ids
        self.assertEqual(occupant.building_id, self.building)
        self.assertEqual(occupant.estate_id, self.estate)
        self.assertEqual(occupant.phone, "138 0013 8000")

    def test_partner_with_units_cannot_be_deleted(self):
        partner = self.env["res.partner"].create({"name": "Tenant"})
        self.env["pm.unit.occupant"].create(
            {"unit_id": self.unit_b.id, "partner_id": partner.id, "role": "tenant"}
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            partner.unlink()

    def test_deleting_unit_removes_its_occupants(self):
        unit = self._create_unit(self.building_2, "201", floor=2)
        occupant = self.env["pm.unit.occupant"].create(
            {"unit_id": unit.id, "partner_id": self.owner_b.id, "role": "tenant"}
        )
        unit.unlink()
        self.assertFalse(occupant.exists())
