"""The technician does a patrol round on his phone: scans each check-point's
QR label with Odoo's camera scanner (fed a real QR image), answers it, and
the round is done (issue 17). The browser keeps the real clock: the round is
planned from now."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from ..common_service import PmServiceCommon


@tagged("post_install", "-at_install")
class TestTechnicianRoundOnPhone(PmServiceCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_technician_completes_a_round(self):
        env = self.env
        gate, car_park = env["pm.public.area"].create(
            [
                {"name": "Tour gate", "estate_id": self.estate.id, "area_type": "road"},
                {"name": "Tour car park", "estate_id": self.estate.id, "area_type": "car_park"},
            ]
        )
        now = fields.Datetime.now()
        route = env["pm.patrol.route"].create(
            {
                "name": "Tour: night round",
                "estate_id": self.estate.id,
                "route_type": "security",
                "user_id": self.tech_plumber.id,
                "interval_number": 4,
                "interval_unit": "hours",
                "first_start": now - timedelta(minutes=1),
                "duration_minutes": 120,
                "point_tolerance_minutes": 60,
                "point_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "public_area_id": gate.id,
                            "check_ids": [Command.create({"name": "Barrier works"})],
                        }
                    ),
                    Command.create(
                        {"sequence": 2, "public_area_id": car_park.id, "offset_minutes": 5}
                    ),
                ],
            }
        )
        route._pm_plan_rounds(now)
        round_ = route.round_ids.sorted("scheduled_date")[:1]
        self.assertEqual(round_.state, "planned")
        self.start_tour(
            "/odoo/action-pm_aftersales.pm_patrol_my_round_action",
            "pm_aftersales_technician_round",
            login=self.tech_plumber.login,
            timeout=180,
        )
        self.assertEqual(round_.state, "done")
        self.assertTrue(round_.on_time)
        self.assertEqual(round_.line_ids.mapped("state"), ["ok", "ok"])
        self.assertTrue(all(round_.line_ids.mapped("scan_date")))
        self.assertEqual(round_.line_ids.scanned_by, self.tech_plumber)
        self.assertEqual(round_.line_ids.check_ids.mapped("result"), ["ok"])
