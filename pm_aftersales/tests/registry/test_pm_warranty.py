from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common import PmCommon


@tagged("post_install", "-at_install")
class TestPmWarranty(PmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_a.handover_date = date(2024, 6, 30)
        cls.trade = {
            code: cls.env.ref(f"pm_aftersales.pm_trade_{code}")
            for code in (
                "waterproofing",
                "electrical",
                "plumbing",
                "hvac",
                "doors_windows",
                "fittings",
                "lift",
            )
        }

    def _end(self, unit, code):
        return unit.get_warranty(self.trade[code]).warranty_end

    def test_default_periods_from_regulation(self):
        expected = {
            "waterproofing": (5, "year"),
            "electrical": (2, "year"),
            "plumbing": (2, "year"),
            "hvac": (2, "season"),
            "doors_windows": (2, "year"),
            "fittings": (2, "year"),
        }
        for code, (duration, uom) in expected.items():
            period = self.trade[code].warranty_period_ids
            self.assertEqual((period.duration, period.duration_uom), (duration, uom), code)
        self.assertFalse(self.trade["lift"].warranty_period_ids)

    def test_end_dates(self):
        self.assertEqual(self._end(self.unit_a, "waterproofing"), date(2029, 6, 29))
        self.assertEqual(self._end(self.unit_a, "electrical"), date(2026, 6, 29))
        # two heating seasons ending 15 March after a June handover
        self.assertEqual(self._end(self.unit_a, "hvac"), date(2026, 3, 15))

    def test_seasons_count_from_next_season_end(self):
        for handover, end in (
            (date(2024, 1, 10), date(2025, 3, 15)),  # inside a season: it counts
            (date(2024, 3, 15), date(2026, 3, 15)),  # on a season end: it does not
            (date(2024, 11, 20), date(2026, 3, 15)),
        ):
            self.unit_a.handover_date = handover
            self.assertEqual(self._end(self.unit_a, "hvac"), end, handover)

    def test_days_and_months(self):
        trade = self.env["pm.trade"].create({"name": "Painting", "code": "paint"})
        period = self.env["pm.warranty.period"].create(
            {"trade_id": trade.id, "duration": 30, "duration_uom": "day"}
        )
        self.assertEqual(self.unit_a.get_warranty(trade).warranty_end, date(2024, 7, 29))
        period.write({"duration": 6, "duration_uom": "month"})
        self.assertEqual(self.unit_a.get_warranty(trade).warranty_end, date(2024, 12, 29))

    def test_in_warranty_on_dates(self):
        electrical = self.trade["electrical"]
        with freeze_time("2026-06-29"):
            self.assertTrue(self.unit_a.is_in_warranty(electrical))
            self.assertEqual(self.unit_a.get_warranty(electrical).state, "valid")
        with freeze_time("2026-06-30"):
            self.unit_a.invalidate_recordset()
            self.assertFalse(self.unit_a.is_in_warranty(electrical))
            self.assertEqual(self.unit_a.get_warranty(electrical).state, "expired")
            self.assertTrue(self.unit_a.is_in_warranty(self.trade["waterproofing"]))
        self.assertTrue(self.unit_a.is_in_warranty(electrical, date=date(2025, 1, 1)))

    @freeze_time("2024-06-01")
    def test_not_handed_over_yet(self):
        line = self.unit_a.get_warranty(self.trade["electrical"])
        self.assertEqual(line.state, "pending")
        self.assertFalse(self.unit_a.is_in_warranty(self.trade["electrical"]))
        no_handover = self.unit_a2.get_warranty(self.trade["electrical"])
        self.assertFalse(no_handover.warranty_end)
        self.assertEqual(no_handover.state, "pending")

    def test_trade_without_period(self):
        self.assertFalse(self.unit_a.get_warranty(self.trade["lift"]))
        self.assertFalse(self.unit_a.is_in_warranty(self.trade["lift"]))

    def test_archived_trade_has_no_warranty(self):
        self.trade["fittings"].action_archive()
        self.assertFalse(self.unit_a.get_warranty(self.trade["fittings"]))

    def test_company_period_overrides_shared_one(self):
        self.env["pm.warranty.period"].create(
            {
                "trade_id": self.trade["electrical"].id,
                "company_id": self.company.id,
                "duration": 3,
                "duration_uom": "year",
            }
        )
        self.unit_company_b.handover_date = date(2024, 6, 30)
        self.assertEqual(self._end(self.unit_a, "electrical"), date(2027, 6, 29))
        self.assertEqual(self._end(self.unit_company_b, "electrical"), date(2026, 6, 29))
        # one line per unit and trade, never two
        lines = self.env["pm.unit.warranty"].search(
            [("unit_id", "=", self.unit_a.id), ("trade_id", "=", self.trade["electrical"].id)]
        )
        self.assertEqual(len(lines), 1)

    @freeze_time("2026-07-01")
    def test_search_matches_compute(self):
        Warranty = self.env["pm.unit.warranty"]
        lines = Warranty.search([("unit_id", "=", self.unit_a.id)])
        for state in ("valid", "expired", "pending"):
            found = Warranty.search([("unit_id", "=", self.unit_a.id), ("state", "=", state)])
            self.assertEqual(found, lines.filtered(lambda w, s=state: w.state == s), state)
        valid = Warranty.search([("unit_id", "=", self.unit_a.id), ("in_warranty", "=", True)])
        self.assertEqual(valid.trade_id.mapped("code"), ["structure", "waterproofing"])
        not_valid = Warranty.search([("unit_id", "=", self.unit_a.id), ("in_warranty", "=", False)])
        self.assertEqual(valid | not_valid, lines)
        self.assertFalse(valid & not_valid)

    def test_reading_warranties_does_not_grow_with_units(self):
        units = self.unit_a | self.unit_a2 | self.unit_b
        units.invalidate_recordset()
        self.env["pm.unit.warranty"].invalidate_model()
        with self.assertQueryCount(2):  # the lines, then their fields
            units.warranty_ids.mapped("warranty_end")

    def test_duration_must_be_positive(self):
        for duration in (0, -2):
            with (
                self.subTest(duration=duration),
                self.assertRaises(IntegrityError) as cm,
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self.env["pm.warranty.period"].create(
                    {"trade_id": self.trade["lift"].id, "duration": duration}
                )
            self.assertIn(
                "longer than zero",
                self.env["pm.warranty.period"]._sql_error_to_message(cm.exception),
            )

    def test_one_period_per_trade_and_company(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["pm.warranty.period"].create(
                {"trade_id": self.trade["electrical"].id, "duration": 3}
            )

    def test_season_end_must_exist(self):
        with self.assertRaisesRegex(ValidationError, "not a valid date"):
            self.env["pm.warranty.period"].create(
                {
                    "trade_id": self.trade["lift"].id,
                    "duration": 2,
                    "duration_uom": "season",
                    "season_end_month": 2,
                    "season_end_day": 29,
                }
            )

    def test_python_and_sql_end_dates_agree(self):
        """Jobs use the Python end date, reports the SQL one: they must agree."""
        trade = self.env["pm.trade"].create({"name": "Probe", "code": "probe"})
        period = self.env["pm.warranty.period"].create({"trade_id": trade.id, "duration": 1})
        Period = self.env["pm.warranty.period"]
        cases = [("day", 30), ("month", 1), ("month", 6), ("year", 2), ("season", 2), ("season", 1)]
        handovers = [
            date(2024, 1, 31),
            date(2024, 2, 29),
            date(2024, 3, 15),
            date(2024, 3, 16),
            date(2024, 12, 31),
            date(2025, 6, 30),
        ]
        for uom, duration in cases:
            period.write({"duration": duration, "duration_uom": uom})
            for handover in handovers:
                self.unit_a.handover_date = handover
                with self.subTest(uom=uom, duration=duration, handover=handover):
                    self.assertEqual(
                        Period._get_warranty_end(handover, trade.id, self.company.id),
                        self.unit_a.get_warranty(trade).warranty_end,
                    )
