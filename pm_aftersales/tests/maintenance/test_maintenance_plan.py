from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tests.common import new_test_user

from ..common_service import PmServiceCommon

TODAY = date(2026, 3, 2)  # a Monday


@tagged("post_install", "-at_install")
class TestMaintenanceCommon(PmServiceCommon):
    """Pumps and lifts of the estate, a maintenance team, plans per category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.cat_pump = ref("pm_aftersales.equipment_category_pump")
        cls.cat_lift = ref("pm_aftersales.equipment_category_lift")
        cls.kind_inspection = ref("pm_aftersales.maintenance_kind_inspection")
        cls.team = cls.env["maintenance.team"].create(
            {"name": "Plant crew", "member_ids": [Command.set(cls.tech_plumber.ids)]}
        )
        cls.plant_room = cls.env["pm.public.area"].create(
            {"name": "Pump room", "estate_id": cls.estate.id, "area_type": "plant_room"}
        )
        cls.pumps = cls.env["maintenance.equipment"].create(
            [
                {
                    "name": f"Pump {i}",
                    "category_id": cls.cat_pump.id,
                    "pm_public_area_id": cls.plant_room.id,
                    "maintenance_team_id": cls.team.id,
                    "effective_date": date(2020, 1, 1),
                }
                for i in (1, 2)
            ]
        )
        cls.pump_elsewhere = cls.env["maintenance.equipment"].create(
            {
                "name": "Pump of Riverside",
                "category_id": cls.cat_pump.id,
                "pm_estate_id": cls.estate_other.id,
            }
        )

    def _plan(self, **vals):
        values = {
            "name": "Weekly pump inspection",
            "pm_category_id": self.cat_pump.id,
            "pm_estate_id": self.estate.id,
            "maintenance_kind_id": self.kind_inspection.id,
            "interval": 1,
            "interval_step": "week",
            "maintenance_plan_horizon": 1,
            "planning_step": "month",
            "start_maintenance_date": TODAY - timedelta(days=10),
            "maintenance_team_id": self.team.id,
            "pm_user_id": self.tech_plumber.id,
            "pm_checklist_item_ids": [
                Command.create({"sequence": 10, "name": "Noise and vibration"}),
                Command.create({"sequence": 20, "name": "Mechanical seal tight"}),
            ],
        }
        values.update(vals)
        return self.env["maintenance.plan"].create(values)

    def _requests(self, plan):
        return self.env["maintenance.request"].search(
            [("maintenance_plan_id", "=", plan.id)], order="equipment_id, request_date"
        )


@tagged("post_install", "-at_install")
class TestPlanGeneration(TestMaintenanceCommon):
    def test_category_plan_generates_up_to_horizon(self):
        plan = self._plan()
        with freeze_time(TODAY):
            plan._pm_generate_requests()
        requests = self._requests(plan)
        # start 10 days ago, weekly: next occurrences on or after today are
        # today + 4 days, then every 7 days until today + 1 month
        expected = [TODAY + timedelta(days=d) for d in (4, 11, 18, 25)]
        for pump in self.pumps:
            mine = requests.filtered(lambda r, p=pump: r.equipment_id == p)
            self.assertEqual(mine.mapped("request_date"), expected)
        # only this estate's pumps
        self.assertNotIn(self.pump_elsewhere, requests.equipment_id)
        request = requests[0]
        self.assertEqual(request.maintenance_type, "preventive")
        self.assertEqual(request.user_id, self.tech_plumber)
        self.assertEqual(request.maintenance_team_id, self.team)
        self.assertEqual(
            request.pm_check_ids.mapped("name"), ["Noise and vibration", "Mechanical seal tight"]
        )
        self.assertEqual(request.pm_estate_id, self.estate)
        self.assertIn(self.tech_plumber.partner_id, request.message_partner_ids)

    def test_running_twice_creates_no_duplicate(self):
        plan = self._plan()
        with freeze_time(TODAY):
            first = plan._pm_generate_requests()
            second = plan._pm_generate_requests()
        self.assertEqual(len(first), 8)
        self.assertFalse(second)
        self.assertEqual(len(self._requests(plan)), 8)
        # a week later only the new week is added, for each pump
        with freeze_time(TODAY + timedelta(days=7)):
            third = plan._pm_generate_requests()
        self.assertEqual(len(third), 2)
        self.assertEqual(set(third.mapped("request_date")), {TODAY + timedelta(days=32)})

    def test_cron_generates_for_all_plans(self):
        plan = self._plan()
        with freeze_time(TODAY):
            self.env["maintenance.equipment"]._cron_generate_requests()
        self.assertEqual(len(self._requests(plan)), 8)

    def test_new_equipment_joins_its_category_plan(self):
        plan = self._plan()
        with freeze_time(TODAY):
            plan._pm_generate_requests()
            pump = self.env["maintenance.equipment"].create(
                {
                    "name": "Pump 3",
                    "category_id": self.cat_pump.id,
                    "pm_estate_id": self.estate.id,
                }
            )
            new = plan._pm_generate_requests()
        self.assertEqual(new.equipment_id, pump)
        self.assertEqual(len(new), 4)

    def test_single_equipment_plan_and_monthly_step(self):
        plan = self._plan(
            pm_category_id=False,
            pm_estate_id=False,
            equipment_id=self.pumps[0].id,
            interval_step="month",
            maintenance_plan_horizon=3,
            start_maintenance_date=date(2025, 12, 31),
        )
        with freeze_time(TODAY):
            requests = plan._pm_generate_requests()
        self.assertEqual(requests.equipment_id, self.pumps[0])
        self.assertEqual(
            requests.mapped("request_date"),
            [date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)],
        )

    def test_plan_targets_one_thing(self):
        with self.assertRaisesRegex(ValidationError, "not both"):
            self._plan(equipment_id=self.pumps[0].id)
        with self.assertRaisesRegex(ValidationError, "targets nothing"):
            self._plan(pm_category_id=False)

    def test_generation_queries_do_not_grow_with_equipment(self):
        """Finding what to create costs the same for 2 or 12 pumps: only the
        batched creation itself grows, by batch."""
        plan = self._plan(
            maintenance_plan_horizon=0, planning_step="day", start_maintenance_date=TODAY
        )

        def count_queries():
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            with freeze_time(TODAY):
                start = self.cr.sql_log_count
                created = plan._pm_generate_requests()
                return self.cr.sql_log_count - start, len(created)

        few, created_few = count_queries()
        self.assertEqual(created_few, 2)
        self.env["maintenance.request"].search([("maintenance_plan_id", "=", plan.id)]).unlink()
        self.env["maintenance.equipment"].create(
            [
                {
                    "name": f"Pump x{i}",
                    "category_id": self.cat_pump.id,
                    "pm_estate_id": self.estate.id,
                }
                for i in range(10)
            ]
        )
        many, created_many = count_queries()
        self.assertEqual(created_many, 12)
        self.assertLessEqual(many, few + 3, f"{few} queries for 2 pumps, {many} for 12")

    def test_plan_without_equipment_generates_as_oca(self):
        """A plan on no equipment (OCA's own kind, e.g. from before the addon)
        gets OCA's requests without equipment, the plan's technician and its
        checklist; the cron and the button both generate them, once."""
        plan = self.env["maintenance.plan"].create(
            {
                "name": "Gutter cleaning",
                "maintenance_kind_id": self.kind_inspection.id,
                "interval": 1,
                "interval_step": "week",
                "maintenance_plan_horizon": 1,
                "planning_step": "month",
                "start_maintenance_date": TODAY,
                "pm_user_id": self.tech_plumber.id,
                "pm_checklist_item_ids": [Command.create({"name": "Downpipes clear"})],
            }
        )
        with freeze_time(TODAY):
            self.env["maintenance.equipment"]._cron_generate_requests()
            plan.button_manual_request_generation()
        requests = self._requests(plan)
        self.assertEqual(
            requests.mapped("request_date"), [TODAY + timedelta(days=d) for d in (0, 7, 14, 21, 28)]
        )
        self.assertFalse(requests.equipment_id)
        self.assertEqual(
            requests[0].name,
            f"Preventive Maintenance ({self.kind_inspection.name}) - Gutter cleaning",
        )
        self.assertEqual(requests.user_id, self.tech_plumber)
        self.assertEqual(requests[0].pm_check_ids.mapped("name"), ["Downpipes clear"])

    def test_skip_notify_follower_on_requests(self):
        """By default (OCA's) the technician is not told of each generated
        request; a plan that asks for it notifies him and gives him the
        request's to-do, as OCA's generator does."""
        quiet = self._plan()
        loud = self._plan(
            name="Weekly lift inspection",
            pm_category_id=self.cat_lift.id,
            skip_notify_follower_on_requests=False,
        )
        self.env["maintenance.equipment"].create(
            {"name": "Lift 1", "category_id": self.cat_lift.id, "pm_estate_id": self.estate.id}
        )
        with freeze_time(TODAY):
            # with the chatter on, as in production (the tests' is off)
            (quiet | loud).with_context(tracking_disable=False)._pm_generate_requests()

        def told(requests):
            return self.env["mail.message"].search(
                [
                    ("model", "=", "maintenance.request"),
                    ("res_id", "in", requests.ids),
                    ("message_type", "=", "user_notification"),
                    ("partner_ids", "in", self.tech_plumber.partner_id.ids),
                ]
            )

        quiet_requests, loud_requests = self._requests(quiet), self._requests(loud)
        self.assertEqual(len(quiet_requests), 8)
        self.assertFalse(told(quiet_requests))
        self.assertFalse(quiet_requests.activity_ids)
        self.assertEqual(len(loud_requests), 4)
        # told of each: assigned to it, and its to-do
        self.assertEqual(set(told(loud_requests).mapped("res_id")), set(loud_requests.ids))
        self.assertEqual(loud_requests.activity_ids.user_id, self.tech_plumber)
        self.assertEqual(len(loud_requests.activity_ids), 4)
        for requests in (quiet_requests, loud_requests):
            self.assertIn(self.tech_plumber.partner_id, requests[0].message_partner_ids)


@tagged("post_install", "-at_install")
class TestChecklist(TestMaintenanceCommon):
    def setUp(self):
        super().setUp()
        self.plan = self._plan()
        with freeze_time(TODAY):
            self.plan._pm_generate_requests()
        self.request = self._requests(self.plan)[0]
        self.done_stage = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)

    def test_closing_needs_every_check_ticked(self):
        request = self.request.with_user(self.tech_plumber)
        request.pm_check_ids[0].result = "ok"
        with self.assertRaisesRegex(UserError, "Mechanical seal tight"):
            request.stage_id = self.done_stage
        self.assertFalse(self.request.done)
        request.pm_check_ids[1].result = "na"
        request.stage_id = self.done_stage
        self.assertTrue(self.request.done)
        self.assertFalse(self.request.pm_ticket_ids)

    def test_failed_check_opens_a_repair_job(self):
        request = self.request.with_user(self.tech_plumber)
        request.pm_check_ids[0].result = "ok"
        request.pm_check_ids[1].write({"result": "failed", "note": "Seal leaking"})
        request.stage_id = self.done_stage
        ticket = self.request.pm_ticket_ids
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.equipment_id, self.request.equipment_id)
        self.assertEqual(ticket.public_area_id, self.plant_room)
        self.assertEqual(ticket.estate_id, self.estate)
        self.assertEqual(ticket.category_id, self.cat_pump.pm_ticket_category_id)
        self.assertTrue(ticket.is_repair)
        self.assertEqual(self.request.pm_check_ids[1].ticket_id, ticket)
        self.assertIn("Seal leaking", ticket.description)
        self.assertIn("Mechanical seal tight", ticket.name)
        self.assertEqual(self.request.pm_failed_count, 1)

    def test_failed_check_needs_a_note(self):
        from psycopg2 import IntegrityError

        from odoo.tools import mute_logger

        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.request.pm_check_ids[0].result = "failed"
            self.request.pm_check_ids.flush_recordset()

    def test_technician_ticks_only_requests_of_his_team(self):
        other_team = self.env["maintenance.team"].create({"name": "Lift crew"})
        lift = self.env["maintenance.equipment"].create(
            {
                "name": "Lift A",
                "category_id": self.cat_lift.id,
                "maintenance_team_id": other_team.id,
            }
        )
        other = self.env["maintenance.request"].create(
            {
                "name": "Lift round",
                "equipment_id": lift.id,
                "maintenance_team_id": other_team.id,
                "pm_check_ids": [Command.create({"name": "Doors"})],
            }
        )
        Request = self.env["maintenance.request"].with_user(self.tech_mason)
        self.assertFalse(Request.search([("id", "=", self.request.id)]))
        with self.assertRaises(AccessError):
            other.pm_check_ids.with_user(self.tech_plumber).result = "ok"
        with self.assertRaises(AccessError):
            self.request.pm_check_ids.with_user(self.tech_mason).result = "ok"
        # the team member does
        self.request.pm_check_ids.with_user(self.tech_plumber).result = "ok"
        # a technician cannot rewrite the plan's checklist
        with self.assertRaises(AccessError):
            self.plan.pm_checklist_item_ids.with_user(self.tech_plumber).name = "x"
        # engineering supervisors do
        self.plan.pm_checklist_item_ids[0].with_user(self.users["eng_supervisor"]).name = "Noise"


@tagged("post_install", "-at_install")
class TestEquipmentFile(TestMaintenanceCommon):
    def test_place_follows_public_area(self):
        pump = self.pumps[0]
        self.assertEqual(pump.pm_estate_id, self.estate)
        with self.assertRaisesRegex(ValidationError, "is not in estate"):
            pump.pm_building_id = self.building_other

    def test_technicians_read_all_equipment_but_do_not_edit(self):
        equipment = self.env["maintenance.equipment"].with_user(self.tech_mason)
        self.assertIn(self.pumps[0], equipment.search([]))
        with self.assertRaises(AccessError):
            self.pumps[0].with_user(self.tech_mason).name = "x"
        self.pumps[0].with_user(self.users["eng_supervisor"]).pm_specs = "11 kW"

    def test_equipment_form_for_maintenance_staff_outside_after_sales(self):
        """An equipment manager in no after-sales group opens and creates
        equipment: the repair history shows without the jobs' time limits."""
        manager = new_test_user(
            self.env,
            login="equipment_manager",
            groups="maintenance.group_equipment_manager",
            company_id=self.company.id,
        )
        pump = self.pumps[0]
        job = self._create_job(
            unit_id=False, public_area_id=self.plant_room.id, equipment_id=pump.id
        )
        # internal users read the jobs they follow (helpdesk_mgmt)
        job.message_subscribe(partner_ids=manager.partner_id.ids)
        self.env.invalidate_all()
        form = Form(pump.with_user(manager))
        self.assertEqual(len(form.pm_ticket_ids), 1)
        self.assertEqual(form.record.pm_ticket_ids, job)
        form = Form(self.env["maintenance.equipment"].with_user(manager))
        form.name = "Booster pump"
        self.assertEqual(form.save().name, "Booster pump")

    def test_history_failures_and_mtbf(self):
        pump = self.pumps[0]
        starts = [datetime(2025, 1, 1, 9), datetime(2025, 7, 1, 9), datetime(2026, 1, 1, 9)]
        for start in starts:
            job = self._create_job(
                category=self.env.ref("pm_aftersales.helpdesk_category_equipment_pump"),
                when=start,
                unit_id=False,
                public_area_id=self.plant_room.id,
                equipment_id=pump.id,
            )
            with freeze_time(start):
                job._dispatch(self.tech_plumber)
                job.with_user(self.tech_plumber).action_check_in()
                job.with_user(self.tech_plumber).write(
                    {"work_done": "Fixed", "failure_cause_id": self.cause_wear.id}
                )
                job.with_user(self.tech_plumber).action_complete()
        # a job still open is not a failure yet
        self._create_job(unit_id=False, public_area_id=self.plant_room.id, equipment_id=pump.id)
        pump.invalidate_recordset()
        self.assertEqual(pump.pm_ticket_count, 4)
        self.assertEqual(pump.pm_failure_count, 3)
        self.assertEqual(pump.pm_last_failure_date, date(2026, 1, 1))
        # in service since 2020-01-01: 2192 days to the last failure / 3
        self.assertAlmostEqual(
            pump.pm_mtbf_days, (date(2026, 1, 1) - date(2020, 1, 1)).days / 3, places=1
        )
        self.assertEqual(self.pumps[1].pm_failure_count, 0)
        self.assertEqual(self.pumps[1].pm_mtbf_days, 0)

    def test_history_in_constant_queries(self):
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=5):
            self.pumps[:1].mapped("pm_mtbf_days")
        many = self.env["maintenance.equipment"].search([])
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=5):
            many.mapped("pm_mtbf_days")
