"""The technician's check-in proven by the place's QR label, by his phone's
position within the estate, or else with a reason; the arrival milestone
keeps the proof and the analysis shows the share of proven arrivals
(issue 17)."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..common_service import T0, PmServiceCommon

M = timedelta(minutes=1)
# The estate's centre, and points 100 m and 1 km north of it (1° latitude is
# about 111.2 km).
LAT, LON = 30.2741, 120.1551
NEAR = LAT + 100 / 111195
FAR = LAT + 1000 / 111195


@tagged("post_install", "-at_install")
class TestQrCheckin(PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.pm_checkin_proof_required = True
        cls.estate.write({"pm_latitude": LAT, "pm_longitude": LON, "pm_checkin_radius": 300})

    def _accepted_job(self, **vals):
        job = self._create_job(ticket_type_id=self.type_urgent.id, **vals)
        self._dispatch(job, self.tech_plumber, T0 + M)
        with freeze_time(T0 + 2 * M):
            job.with_user(self.tech_plumber).action_take_job()
        return job

    def test_label_of_the_place_proves_the_arrival(self):
        job = self._accepted_job()
        with freeze_time(T0 + 10 * M):
            job.with_user(self.tech_plumber).action_pm_scan(self.unit_a.pm_qr_url)
        self.assertEqual(job.service_state, "on_site")
        self.assertEqual(job.checkin_date, T0 + 10 * M)
        self.assertEqual((job.checkin_method, job.checkin_proven), ("qr", True))
        arrival = self._milestone(job, "arrival")
        self.assertEqual((arrival.state, arrival.proof_method), ("met", "qr"))
        # the bare token (a hardware scanner may give the path only) works too
        other = self._accepted_job()
        with freeze_time(T0 + 11 * M):
            other.with_user(self.tech_plumber).action_pm_scan(f"/pm/qr/{self.unit_a.pm_qr_token}")
        self.assertEqual(other.checkin_method, "qr")

    def test_label_of_another_place_is_refused(self):
        job = self._accepted_job()
        with (
            freeze_time(T0 + 10 * M),
            self.assertRaisesRegex(UserError, r"label of .*2.*101.*job .* is at .*801"),
        ):
            job.with_user(self.tech_plumber).action_pm_scan(self.unit_a2.pm_qr_url)
        self.assertEqual(job.service_state, "accepted")
        self.assertFalse(job.checkin_date or job.checkin_method)
        with self.assertRaisesRegex(UserError, "not a place label"):
            job.with_user(self.tech_plumber).action_pm_scan("https://example.com/pm/qr/nothing")
        # a renewed label: the old code no longer proves anything
        old_url = self.unit_a.pm_qr_url
        self.unit_a.with_user(self.users["assistant"]).action_pm_renew_qr_token()
        self.assertNotEqual(self.unit_a.pm_qr_url, old_url)
        with self.assertRaisesRegex(UserError, "not a place label"):
            job.with_user(self.tech_plumber).action_pm_scan(old_url)
        self.assertEqual(job.service_state, "accepted")

    def test_only_its_technicians_scan(self):
        job = self._accepted_job()
        # the assistant sees every job but is not on this one
        with self.assertRaisesRegex(UserError, "not assigned to you"):
            job.with_user(self.users["assistant"]).action_pm_scan(self.unit_a.pm_qr_url)
        self.assertEqual(job.service_state, "accepted")

    def test_equipment_and_public_area_labels(self):
        lift = self.env["maintenance.equipment"].create(
            {"name": "Lift 1", "pm_estate_id": self.estate.id, "pm_public_area_id": self.area.id}
        )
        job = self._accepted_job(unit_id=False, public_area_id=self.area.id)
        # the label of equipment installed in the job's public area
        job.with_user(self.tech_plumber).action_pm_scan(lift.pm_qr_url)
        self.assertEqual(job.checkin_method, "qr")
        area_job = self._accepted_job(unit_id=False, public_area_id=self.area.id)
        with self.assertRaisesRegex(UserError, "job .* is at"):
            area_job.with_user(self.tech_plumber).action_pm_scan(self.unit_a.pm_qr_url)
        area_job.with_user(self.tech_plumber).action_pm_scan(self.area.pm_qr_url)
        self.assertEqual(area_job.checkin_method, "qr")

    def test_position_within_the_radius_proves_the_arrival(self):
        job = self._accepted_job()
        with freeze_time(T0 + 10 * M):
            job.with_user(self.tech_plumber)._pm_check_in_gps(NEAR, LON)
        self.assertEqual((job.checkin_method, job.checkin_proven), ("gps", True))
        self.assertAlmostEqual(job.checkin_distance, 100, delta=2)
        self.assertEqual(self._milestone(job, "arrival").proof_method, "gps")

    def test_position_outside_the_radius_needs_a_reason(self):
        job = self._accepted_job()
        wizard = (
            self.env["pm.checkin.wizard"]
            .with_user(self.tech_plumber)
            .create({"ticket_id": job.id, "method": "gps", "latitude": FAR, "longitude": LON})
        )
        self.assertTrue(wizard.outside)
        self.assertAlmostEqual(wizard.distance, 1000, delta=5)
        with self.assertRaisesRegex(UserError, r"You are 10\d\d m from estate Green Lake"):
            wizard.action_confirm()
        self.assertEqual(job.service_state, "accepted")
        wizard.reason = "Basement car park: the phone places me at the next gate"
        with freeze_time(T0 + 12 * M):
            wizard.action_confirm()
        self.assertEqual(job.service_state, "on_site")
        self.assertEqual((job.checkin_method, job.checkin_proven), ("manual", False))
        self.assertIn("Basement", job.checkin_reason)
        self.assertAlmostEqual(job.checkin_distance, 1000, delta=5)
        self.assertEqual(self._milestone(job, "arrival").proof_method, "manual")

    def test_no_position_for_the_estate_needs_a_reason(self):
        self.estate.write({"pm_latitude": 0, "pm_longitude": 0})
        job = self._accepted_job()
        with self.assertRaisesRegex(UserError, "position of estate Green Lake is not set"):
            job.with_user(self.tech_plumber)._pm_check_in_gps(NEAR, LON)
        job.with_user(self.tech_plumber)._pm_check_in_gps(NEAR, LON, reason="New estate")
        self.assertEqual(job.checkin_method, "manual")

    def test_manual_check_in_needs_a_reason(self):
        job = self._accepted_job()
        wizard = (
            self.env["pm.checkin.wizard"]
            .with_user(self.tech_plumber)
            .create({"ticket_id": job.id, "method": "manual", "reason": "  "})
        )
        with self.assertRaisesRegex(UserError, "Give the reason"):
            wizard.action_confirm()
        self.assertEqual(job.service_state, "accepted")
        wizard.reason = "Label missing at the door"
        wizard.action_confirm()
        self.assertEqual((job.service_state, job.checkin_method), ("on_site", "manual"))

    def test_plain_check_in_is_refused_when_proof_is_required(self):
        job = self._accepted_job()
        with self.assertRaisesRegex(UserError, "Prove that you are on site"):
            job.with_user(self.tech_plumber).action_check_in()
        self.assertEqual(job.service_state, "accepted")
        self.assertFalse(job.checkin_date)
        # a context written by a client proves nothing
        with self.assertRaisesRegex(UserError, "Prove that you are on site"):
            job.with_user(self.tech_plumber).with_context(
                pm_checkin_proof={"method": "qr"}
            ).action_check_in()
        self.assertFalse(job.checkin_method)
        # the company may do without: then the check-in is recorded unproven
        self.company.pm_checkin_proof_required = False
        job.with_user(self.tech_plumber).action_check_in()
        self.assertEqual((job.service_state, job.checkin_method), ("on_site", "none"))

    def test_share_of_proven_arrivals(self):
        jobs = [self._accepted_job() for _i in range(4)]
        jobs[0].with_user(self.tech_plumber).action_pm_scan(self.unit_a.pm_qr_url)
        jobs[1].with_user(self.tech_plumber)._pm_check_in_gps(NEAR, LON)
        jobs[2].with_user(self.tech_plumber)._pm_check_in_manual("No signal")
        # jobs[3] not checked in yet: not counted
        self.env.flush_all()
        Analysis = self.env["pm.job.analysis"]
        groups = Analysis._read_group(
            [("ticket_id", "in", [job.id for job in jobs])], [], ["arrival_proven:avg"]
        )
        self.assertAlmostEqual(groups[0][0], 200 / 3, places=1)
