from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests.common import new_test_user

from ..common_service import T0, PmServiceCommon


class PmPatrolCommon(PmServiceCommon):
    """A night-security route of the estate for the water crew, every four
    hours from T0 (Monday 10:00 UTC, 18:00 in Shanghai): the main gate, the
    car park, then the fire pump of the stairwell; an hour per round, ten
    minutes of tolerance per point. Another crew with its own technician."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Round = env["pm.patrol.round"]
        cls.car_park = env["pm.public.area"].create(
            {"name": "Car park B1", "estate_id": cls.estate.id, "area_type": "car_park"}
        )
        cls.stairwell = env["pm.public.area"].create(
            {"name": "Stairwell 1", "estate_id": cls.estate.id, "area_type": "stairwell"}
        )
        cls.cat_pump = env.ref("pm_aftersales.equipment_category_pump")
        cls.pump = env["maintenance.equipment"].create(
            {
                "name": "Fire pump",
                "category_id": cls.cat_pump.id,
                "pm_public_area_id": cls.stairwell.id,
            }
        )
        cls.tech_night = new_test_user(
            env,
            login="tech_night",
            groups="pm_aftersales.group_pm_technician",
            name="Tech night",
        )
        cls.night_crew = env["helpdesk.ticket.team"].create(
            {
                "name": "Night crew",
                "alias_name": "night-crew-patrol-test",
                "user_ids": [Command.set(cls.tech_night.ids)],
            }
        )
        cls.route = env["pm.patrol.route"].create(
            {
                "name": "Night security",
                "estate_id": cls.estate.id,
                "route_type": "security",
                "team_id": cls.crew.id,
                "interval_number": 4,
                "interval_unit": "hours",
                "first_start": T0,
                "duration_minutes": 60,
                "point_tolerance_minutes": 10,
                "point_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "public_area_id": cls.area.id,
                            "offset_minutes": 0,
                            "check_ids": [
                                Command.create({"sequence": 1, "name": "Barrier works"}),
                                Command.create({"sequence": 2, "name": "Guard on duty"}),
                            ],
                        }
                    ),
                    Command.create(
                        {"sequence": 2, "public_area_id": cls.car_park.id, "offset_minutes": 20}
                    ),
                    Command.create(
                        {
                            "sequence": 3,
                            "equipment_id": cls.pump.id,
                            "offset_minutes": 40,
                            "check_ids": [Command.create({"name": "No leak"})],
                        }
                    ),
                ],
            }
        )

    def _cron(self, when):
        with freeze_time(when):
            return self.Round._cron_patrol()

    def _first_round(self):
        self._cron(T0)
        round_ = self.route.round_ids.filtered(lambda r: r.scheduled_date == T0)
        self.assertEqual(len(round_), 1)
        return round_

    def _line(self, round_, place):
        return round_.line_ids.filtered(
            lambda line: (line.equipment_id or line.public_area_id) == place
        )

    def _scan(self, line, place, minutes, user=None):
        with freeze_time(line.round_id.scheduled_date + timedelta(minutes=minutes)):
            return line.with_user(user or self.tech_plumber).action_pm_scan(place._pm_qr_code())

    def _scan_ok(self, line, place, minutes, user=None):
        self._scan(line, place, minutes, user=user)
        with freeze_time(line.round_id.scheduled_date + timedelta(minutes=minutes + 1)):
            return line.with_user(user or self.tech_plumber).action_pm_point_ok()
