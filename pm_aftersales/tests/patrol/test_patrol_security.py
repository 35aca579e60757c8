from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common_service import T0
from .common_patrol import PmPatrolCommon

OPERATIONS = {"r": "read", "w": "write", "c": "create", "d": "unlink"}
# Expected rights per model and role (on a record of the role's estate/crew).
RIGHTS = {
    "pm.patrol.route": {
        "technician": "r",
        "assistant": "r",
        "cs_supervisor": "r",
        "eng_supervisor": "rwcd",
        "manager": "rwcd",
    },
    "pm.patrol.escalation": {
        "technician": "r",
        "assistant": "r",
        "eng_supervisor": "rwcd",
        "manager": "rwcd",
    },
    "pm.patrol.round": {
        "technician": "rw",
        "assistant": "r",
        "cs_supervisor": "r",
        "eng_supervisor": "rwc",
        "manager": "rwcd",
    },
}


@tagged("post_install", "-at_install")
class TestPatrolSecurity(PmPatrolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.crew.user_ids = [Command.link(cls.users["technician"].id)]
        with freeze_time(T0):
            cls.Round._cron_patrol()
        cls.round = cls.route.round_ids.filtered(lambda r: r.scheduled_date == T0)
        # a route of the night crew, and one of a person
        cls.night_route = cls.route.copy({"name": "Night crew round", "team_id": cls.night_crew.id})
        cls.own_route = cls.route.copy(
            {"name": "Tech night's own", "team_id": False, "user_id": cls.tech_night.id}
        )
        with freeze_time(T0):
            (cls.night_route | cls.own_route)._pm_plan_rounds()
        cls.night_round = cls.night_route.round_ids[:1]
        cls.own_round = cls.own_route.round_ids[:1]

    def _visible(self, user, model="pm.patrol.round"):
        return self.env[model].with_user(user).search([])

    def test_access_rights_matrix(self):
        samples = {
            "pm.patrol.route": self.route,
            "pm.patrol.escalation": self.company.pm_patrol_escalation_ids[:1],
            "pm.patrol.round": self.round,
        }
        for model, rights in RIGHTS.items():
            record = samples[model]
            self.assertTrue(record)
            for role, allowed in rights.items():
                for letter, operation in OPERATIONS.items():
                    target = record if operation != "create" else record.browse()
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            target.with_user(self.users[role]).has_access(operation),
                            letter in allowed,
                        )

    def test_technician_sees_his_rounds_and_his_crews(self):
        plumber = self._visible(self.tech_plumber)
        self.assertIn(self.round, plumber)
        self.assertNotIn(self.night_round, plumber)
        self.assertNotIn(self.own_round, plumber)
        night = self._visible(self.tech_night)
        self.assertIn(self.night_round, night)
        self.assertIn(self.own_round, night)
        self.assertNotIn(self.round, night)
        with self.assertRaises(AccessError):
            self.round.with_user(self.tech_night).read(["name"])
        with self.assertRaises(AccessError):
            self.round.line_ids[:1].with_user(self.tech_night).read(["name"])
        self.assertNotIn(
            self.round.line_ids[0], self._visible(self.tech_night, "pm.patrol.round.point")
        )
        # the lines and checks follow their round
        self.assertEqual(
            self._visible(self.tech_plumber, "pm.patrol.round.point") & self.round.line_ids,
            self.round.line_ids,
        )
        self.assertIn(
            self.round.line_ids.check_ids[0],
            self._visible(self.tech_plumber, "pm.patrol.round.check"),
        )
        # the routes are read by every technician
        self.assertIn(self.night_route, self._visible(self.tech_plumber, "pm.patrol.route"))

    def test_a_round_taken_is_the_takers(self):
        gate = self._line(self.round, self.area)
        self._scan(gate, self.area, 1, user=self.tech_plumber)
        self.assertEqual(self.round.user_id, self.tech_plumber)
        # a crew mate sees it, but does not scan it
        self.assertIn(self.round, self._visible(self.tech_mason))
        car_park = self._line(self.round, self.car_park)
        with self.assertRaisesRegex(UserError, "Tech plumber"):
            self._scan(car_park, self.car_park, 20, user=self.tech_mason)
        self.assertFalse(car_park.scan_date)
        # nor does a technician of another crew
        with self.assertRaises(AccessError):
            self._scan(car_park, self.car_park, 20, user=self.tech_night)

    def test_technician_cannot_plan(self):
        Route = self.env["pm.patrol.route"].with_user(self.tech_plumber)
        with self.assertRaises(AccessError):
            Route.create({"name": "Mine", "estate_id": self.estate.id, "team_id": self.crew.id})
        with self.assertRaises(AccessError):
            self.route.with_user(self.tech_plumber).write({"interval_number": 1})
        with self.assertRaises(AccessError):
            self.route.with_user(self.tech_plumber).action_pm_plan_rounds()
        with self.assertRaises(AccessError):
            self.route.point_ids[:1].with_user(self.tech_plumber).unlink()
        with self.assertRaisesRegex(UserError, "Patroller"):
            self.round.with_user(self.tech_plumber).write({"user_id": self.tech_mason.id})

    def test_supervisor_plans_a_route(self):
        supervisor = self.users["eng_supervisor"]
        route = (
            self.env["pm.patrol.route"]
            .with_user(supervisor)
            .create(
                {
                    "name": "Fire exits",
                    "estate_id": self.estate.id,
                    "route_type": "fire",
                    "user_id": self.tech_mason.id,
                    "point_ids": [
                        Command.create(
                            {
                                "public_area_id": self.stairwell.id,
                                "check_ids": [Command.create({"name": "Exit not blocked"})],
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(route.point_ids.name, "Stairwell 1")
        route.point_ids.with_user(supervisor).offset_minutes = 5
        # he gives a round to another technician, and sees the estate's rounds
        self.round.with_user(supervisor).user_id = self.tech_mason
        self.assertEqual(self.round.user_id, self.tech_mason)
        self.assertIn(self.night_round, self._visible(supervisor))
        level = (
            self.env["pm.patrol.escalation"]
            .with_user(supervisor)
            .create({"level": 2, "target": "manager", "delay_minutes": 60})
        )
        self.assertEqual(level.company_id, self.company)
        route.with_user(supervisor).unlink()
        self.assertFalse(route.exists())

    def test_customer_service_reads_the_rounds(self):
        assistant = self.users["assistant"]
        self.assertIn(self.night_round, self._visible(assistant))
        with self.assertRaises(AccessError):
            self.night_round.with_user(assistant).write({"line_ids": []})

    def test_the_other_companys_patrols_are_hidden(self):
        estate_b = self.estate_company_b
        team_b = self.env["helpdesk.ticket.team"].create(
            {"name": "Crew B", "alias_name": "crew-b-patrol-test", "company_id": self.company_b.id}
        )
        area_b = self.env["pm.public.area"].create({"name": "Gate B", "estate_id": estate_b.id})
        route_b = self.env["pm.patrol.route"].create(
            {
                "name": "Route B",
                "estate_id": estate_b.id,
                "team_id": team_b.id,
                "first_start": T0,
                "point_ids": [Command.create({"public_area_id": area_b.id})],
            }
        )
        self.assertEqual(route_b.company_id, self.company_b)
        with freeze_time(T0):
            round_b = route_b._pm_plan_rounds()[:1]
        self.assertTrue(round_b)
        manager = self.users["manager"]
        self.assertNotIn(route_b, self._visible(manager, "pm.patrol.route"))
        self.assertNotIn(round_b, self._visible(manager))
        self.assertNotIn(round_b.line_ids, self._visible(manager, "pm.patrol.round.point"))
        with self.assertRaises(AccessError):
            round_b.with_user(manager).read(["name"])
        self.assertIn(self.round, self._visible(manager))

    def test_escalation_goes_to_the_estate_supervisor_who_reads_the_round(self):
        with freeze_time(T0 + timedelta(hours=2)):
            self.Round._cron_patrol()
        supervisor = self.users["eng_supervisor"]
        self.assertEqual(self.night_round.activity_ids.user_id, supervisor)
        self.night_round.with_user(supervisor).read(["name", "missed_count"])
