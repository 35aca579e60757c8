from odoo.exceptions import AccessError, UserError
from odoo.tests.common import new_test_user

from ..common_staff import PmStaffCommon


class TestStaffAccess(PmStaffCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period.action_compute()
        cls.hr_officer = new_test_user(cls.env, login="pm_hr", groups="hr.group_hr_user")
        Record = cls.env["pm.reward.penalty"]
        cls.praise = Record.create(
            {"employee_id": cls.emp_plumber.id, "kind": "praise", "reason": "Thanks letter"}
        )
        cls.fine = Record.create(
            {
                "employee_id": cls.emp_plumber.id,
                "kind": "fine",
                "reason": "Lost tools",
                "amount": 200,
            }
        )
        cls.praise_mason = Record.create(
            {"employee_id": cls.emp_mason.id, "kind": "praise", "reason": "Thanks letter"}
        )

    def _visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_employee_sees_own_records(self):
        cards = self._visible(self.tech_plumber, "pm.scorecard")
        self.assertEqual(cards.employee_id, self.emp_plumber)
        lines = self._visible(self.tech_plumber, "pm.scorecard.line")
        self.assertEqual(lines.scorecard_id, cards)
        self.assertEqual(self._visible(self.tech_plumber, "pm.reward.penalty"), self.praise)
        with self.assertRaises(AccessError):
            cards.with_user(self.tech_plumber).write({"rank": 1})
        with self.assertRaises(AccessError):
            self.fine.with_user(self.tech_plumber).read(["amount"])

    def test_supervisor_leading_a_team_sees_the_team(self):
        # A technician leading the crew is still a technician: own card only.
        self.assertEqual(self._visible(self.leader, "pm.scorecard").employee_id, self.emp_leader)
        supervisor = self.users["cs_supervisor"]
        self.assertFalse(self._visible(supervisor, "pm.scorecard"))
        self.crew.user_id = supervisor
        cards = self._visible(supervisor, "pm.scorecard")
        self.assertEqual(
            set(cards.employee_id.ids),
            {self.emp_plumber.id, self.emp_mason.id, self.emp_leader.id},
        )
        other = self._create_technician("outsider", self.trade_plumbing)
        self.env["helpdesk.ticket.team"].create(
            {"name": "Other crew", "user_id": other.id, "user_ids": [(6, 0, other.ids)]}
        )
        self.period.action_compute()
        self.assertIn(other.employee_id, self.period.scorecard_ids.employee_id)
        self.assertNotIn(other.employee_id, self._visible(supervisor, "pm.scorecard").employee_id)

    def test_supervisor_sees_the_employees_under_them(self):
        supervisor = self.users["cs_supervisor"]
        self.assertFalse(self._visible(supervisor, "pm.scorecard"))
        boss = self.env["hr.employee"].create({"name": "Boss", "user_id": supervisor.id})
        self.emp_mason.parent_id = boss
        self.assertEqual(self._visible(supervisor, "pm.scorecard").employee_id, self.emp_mason)
        # Never the fines and dismissals, even of their people.
        self.emp_plumber.parent_id = boss
        visible = self._visible(supervisor, "pm.reward.penalty")
        self.assertIn(self.praise, visible)
        self.assertNotIn(self.fine, visible)
        with self.assertRaisesRegex(UserError, "Only managers and HR"):
            self.env["pm.reward.penalty"].with_user(self.users["eng_supervisor"]).create(
                {"employee_id": self.emp_mason.id, "kind": "fine", "reason": "x", "amount": 5}
            )

    def test_managers_and_hr_see_all(self):
        for user in (self.users["manager"], self.hr_officer):
            with self.subTest(user=user.login):
                visible = self._visible(user, "pm.reward.penalty")
                self.assertGreaterEqual(visible, self.praise | self.fine | self.praise_mason)
                self.assertGreaterEqual(
                    self._visible(user, "pm.scorecard"), self.period.scorecard_ids
                )
        fine = (
            self.env["pm.reward.penalty"]
            .with_user(self.hr_officer)
            .create(
                {"employee_id": self.emp_mason.id, "kind": "dismissal", "reason": "Repeated fraud"}
            )
        )
        self.assertEqual(fine.kind, "dismissal")

    def test_tool_checks_and_training_by_supervisors(self):
        Check = self.env["pm.tool.check"]
        check = Check.with_user(self.users["eng_supervisor"]).create(
            {"employee_id": self.emp_plumber.id, "score": 95}
        )
        self.assertEqual(check.checker_id, self.users["eng_supervisor"])
        with self.assertRaises(AccessError):
            Check.with_user(self.tech_plumber).create({"employee_id": self.emp_plumber.id})
        self.assertEqual(self._visible(self.tech_mason, "pm.tool.check"), Check)
        self.assertIn(check, self._visible(self.tech_plumber, "pm.tool.check"))
        with self.assertRaises(AccessError):
            self.period.with_user(self.tech_plumber).action_compute()
        with self.assertRaises(AccessError):
            self.scheme.with_user(self.users["eng_supervisor"]).write({"low_score_threshold": 1})

    def test_other_company_invisible(self):
        other = self.env["pm.scorecard.period"].create(
            {
                "name": "B 2026-02",
                "date_from": "2026-02-01",
                "date_to": "2026-02-28",
                "company_id": self.company_b.id,
            }
        )
        self.assertNotIn(other, self._visible(self.users["manager"], "pm.scorecard.period"))
