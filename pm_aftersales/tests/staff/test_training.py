from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError

from ..common_staff import PmStaffCommon


class TestTraining(PmStaffCommon):
    def test_mandatory_training_overdue(self):
        mandatory = self.env["pm.training.course"].search([("mandatory", "=", True)])
        self.assertTrue(mandatory)
        # The shipped courses hold for every company, this test's own included.
        self.assertFalse(mandatory.filtered(lambda c: c.get_external_id()[c.id]).company_id)
        course = self.env.ref("pm_aftersales.course_safety")  # valid 6 months
        with freeze_time("2026-02-20"):
            self.assertTrue(self.emp_plumber.pm_training_overdue)
            for other in mandatory - course:
                self._session(other, "2026-02-01", [(self.emp_plumber, True, 90)])
            self._session(course, "2026-02-01", [(self.emp_plumber, True, 59)])  # failed
            self.emp_plumber.invalidate_recordset()
            self.assertEqual(self.emp_plumber.pm_training_overdue_ids, course)
            self._session(course, "2026-02-10", [(self.emp_plumber, True, 75)])
            self.emp_plumber.invalidate_recordset()
            self.assertFalse(self.emp_plumber.pm_training_overdue)
            overdue = self.env["hr.employee"].search([("pm_training_overdue", "=", True)])
            self.assertNotIn(self.emp_plumber, overdue)
            self.assertIn(self.emp_mason, overdue)
        # Six months after the pass, the safety certificate has expired.
        with freeze_time("2026-08-11"):
            self.emp_plumber.invalidate_recordset()
            self.assertEqual(self.emp_plumber.pm_training_overdue_ids, course)

    def test_certificate_validity_and_pass_mark(self):
        course = self.env.ref("pm_aftersales.course_process")  # pass mark 60, 12 months
        session = self._session(
            course,
            "2026-02-12",
            [
                (self.emp_plumber, True, 60),
                (self.emp_mason, True, 59.5),
                (self.emp_leader, False, 0),
            ],
        )
        lines = {a.employee_id: a for a in session.attendance_ids}
        self.assertTrue(lines[self.emp_plumber].passed)
        self.assertEqual(str(lines[self.emp_plumber].valid_until), "2027-02-12")
        self.assertFalse(lines[self.emp_mason].passed)
        self.assertFalse(lines[self.emp_leader].assessed)
        self.assertEqual((session.attendee_count, session.present_count), (3, 2))

    def test_passing_a_skill_course_feeds_dispatch(self):
        electrical = self.env.ref("pm_aftersales.pm_trade_electrical")
        course = self.env.ref("pm_aftersales.course_skill_electrical")
        self.assertNotIn(electrical, self.emp_mason.pm_trade_ids)
        self._session(
            course, "2026-02-12", [(self.emp_mason, True, 80), (self.emp_leader, True, 40)]
        )
        self.assertIn(electrical, self.emp_mason.pm_trade_ids)  # dispatch proposes him now
        self.assertNotIn(electrical, self.emp_leader.pm_trade_ids)

    def test_absent_has_no_score_and_session_needs_attendees(self):
        course = self.env.ref("pm_aftersales.course_process")
        with self.assertRaisesRegex(ValidationError, "absent"), self.env.cr.savepoint():
            self._session(course, "2026-02-12", [(self.emp_plumber, False, 80)], state="planned")
        empty = self._session(course, "2026-02-12", [], state="planned")
        with self.assertRaisesRegex(UserError, "no attendee"):
            empty.action_done()

    def test_plan_review_records_the_effect(self):
        self._build_february()
        course = self.env.ref("pm_aftersales.course_process")
        plan = self.env["pm.training.plan"].create(
            {
                "name": "Q1 2026 water crew",
                "team_id": self.crew.id,
                "period": "quarter",
                "date_start": "2026-01-01",
                "date_end": "2026-03-31",
            }
        )
        with self.assertRaisesRegex(UserError, "lists no course"):
            plan.action_confirm()
        plan.line_ids = [(0, 0, {"course_id": course.id})]
        plan.action_confirm()
        self.env["pm.training.session"].search(
            [
                ("course_id", "=", course.id),
                ("date", ">=", "2026-02-01"),
                ("date", "<=", "2026-02-28"),
            ]
        ).plan_id = plan
        with self.assertRaisesRegex(UserError, "changes decided"):
            plan.action_review()
        plan.review_changes = "Repeat the process course for the plumber."
        plan.action_review()
        # Sessions held: 12 Feb (present, 70) and 19 Feb (absent): 1 of 2.
        self.assertEqual(plan.state, "reviewed")
        self.assertAlmostEqual(plan.review_attendance_rate, 50.0)
        self.assertAlmostEqual(plan.review_pass_rate, 100.0)
        self.assertAlmostEqual(plan.review_average_score, 70.0)
        # Three upheld complaints in the quarter (two in February, one in March).
        self.assertEqual(plan.review_complaints, 3)
        self.assertEqual(plan.review_rework, 1)
