from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common_service import T0, PmServiceCommon


@tagged("post_install", "-at_install")
class TestFailureAnalysis(PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.cause_blockage = ref("pm_aftersales.pm_failure_cause_blockage")
        cls.cat_pump = ref("pm_aftersales.equipment_category_pump")
        cls.cat_lift = ref("pm_aftersales.equipment_category_lift")
        cls.pump = cls.env["maintenance.equipment"].create(
            {
                "name": "Pump",
                "category_id": cls.cat_pump.id,
                "pm_estate_id": cls.estate.id,
                "pm_building_id": cls.building.id,
            }
        )
        cls.lift = cls.env["maintenance.equipment"].create(
            {
                "name": "Lift",
                "category_id": cls.cat_lift.id,
                "pm_estate_id": cls.estate.id,
                "pm_building_id": cls.building_2.id,
            }
        )

    def _repair(self, equipment, cause, hours_ago, unit=None):
        when = T0 - timedelta(hours=hours_ago)
        job = self._create_job(
            when=when,
            unit_id=(unit or self.env["pm.unit"]).id,
            equipment_id=equipment.id if equipment else False,
        )
        with freeze_time(when):
            job._dispatch(self.tech_plumber)
            job.with_user(self.tech_plumber).action_check_in()
            job.with_user(self.tech_plumber).write(
                {"work_done": "Repaired", "failure_cause_id": cause.id}
            )
        with freeze_time(when + timedelta(hours=2)):
            job.with_user(self.tech_plumber).action_complete()
        return job

    def test_cause_required_to_complete_a_repair(self):
        job = self._create_job()
        self.assertTrue(job.is_repair)
        job._dispatch(self.tech_plumber)
        job.with_user(self.tech_plumber).action_check_in()
        job.with_user(self.tech_plumber).work_done = "Pipe replaced"
        with self.assertRaisesRegex(UserError, "Give the failure cause"):
            job.with_user(self.tech_plumber).action_complete()
        self.assertEqual(job.service_state, "on_site")
        job.with_user(self.tech_plumber).failure_cause_id = self.cause_wear
        job.with_user(self.tech_plumber).action_complete()
        self.assertEqual(job.service_state, "done")

    def test_enquiries_need_no_cause(self):
        self.assertFalse(self.type_enquiry.is_repair)
        self.assertFalse(self.type_complaint.is_repair)

    def test_most_frequent_causes_per_category_and_building(self):
        for hours in (500, 400, 300):
            self._repair(self.pump, self.cause_blockage, hours)
        self._repair(self.pump, self.cause_wear, 200)
        self._repair(self.lift, self.cause_wear, 100)
        self._repair(None, self.cause_wear, 50, unit=self.unit_a)
        Report = self.env["pm.failure.report"]
        domain = [("estate_id", "=", self.estate.id)]
        by_cause = Report._read_group(
            domain + [("equipment_category_id", "=", self.cat_pump.id)],
            ["failure_cause_id"],
            ["repair_count:sum"],
            order="repair_count:sum desc",
        )
        self.assertEqual(by_cause, [(self.cause_blockage, 3), (self.cause_wear, 1)])
        by_building = {
            (building, cause): count
            for building, cause, count in Report._read_group(
                domain, ["building_id", "failure_cause_id"], ["repair_count:sum"]
            )
        }
        self.assertEqual(by_building[(self.building, self.cause_blockage)], 3)
        self.assertEqual(by_building[(self.building_2, self.cause_wear)], 1)
        # the unit repair counts too, without equipment
        self.assertEqual(by_building[(self.building, self.cause_wear)], 2)
        rows = Report.search(domain + [("equipment_id", "=", self.lift.id)])
        self.assertEqual(len(rows), 1)
        self.assertAlmostEqual(rows.repair_hours, 2.0)

    def test_open_jobs_and_complaints_are_not_failures(self):
        job = self._create_job()
        complaint = self._create_job(category=self.cat_complaint_attitude)
        rows = self.env["pm.failure.report"].search([("ticket_id", "in", (job | complaint).ids)])
        self.assertFalse(rows)

    def test_preventive_measure_recorded(self):
        measure = (
            self.env["pm.preventive.measure"]
            .with_user(self.users["eng_supervisor"])
            .create(
                {
                    "name": "Clean pump strainers monthly",
                    "failure_cause_id": self.cause_blockage.id,
                    "equipment_id": self.pump.id,
                }
            )
        )
        measure._onchange_equipment_id()
        self.assertEqual(measure.equipment_category_id, self.cat_pump)
        self.assertEqual(measure.building_id, self.building)
        self.assertEqual(measure.user_id, self.users["eng_supervisor"])

    def test_analysis_is_for_supervisors(self):
        self._repair(self.pump, self.cause_wear, 10)
        self.assertTrue(
            self.env["pm.failure.report"].with_user(self.users["eng_supervisor"]).search([])
        )
        for model in ("pm.failure.report", "pm.part.consumption.report"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.tech_plumber).search([])
        with self.assertRaises(AccessError):
            self.env["pm.preventive.measure"].with_user(self.tech_plumber).create({"name": "x"})

    def test_other_company_never_in_the_analysis(self):
        self._repair(self.pump, self.cause_wear, 10)
        user_b = self.users["eng_supervisor"].copy(
            {"login": "eng_b", "company_id": self.company_b.id, "company_ids": [self.company_b.id]}
        )
        self.assertFalse(self.env["pm.failure.report"].with_user(user_b).search([]))
