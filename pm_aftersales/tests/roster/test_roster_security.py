from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_roster import NIGHT_END, NIGHT_START, PmRosterCommon


@tagged("post_install", "-at_install")
class TestRosterSecurity(PmRosterCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider, cls.other_crew = cls._new_technician("outsider", "Lift crew")
        cls.other_shift = cls._shift(cls.outsider, NIGHT_START, NIGHT_END, team=cls.other_crew)
        cls.hotline_shift = cls._shift(
            cls.users["assistant"], NIGHT_START, NIGHT_END, duty_type="hotline"
        )
        cls.manager_shift = cls._shift(
            cls.users["manager"], NIGHT_START, NIGHT_END, duty_type="manager"
        )
        cls.company_b_shift = cls.env["pm.duty.shift"].create(
            {
                "duty_type": "hotline",
                "company_id": cls.company_b.id,
                "user_id": cls.users["cs_supervisor"].id,
                "date_start": NIGHT_END,
                "date_end": NIGHT_END + (NIGHT_END - NIGHT_START),
            }
        )
        cls.all_shifts = (
            cls.day_shift
            | cls.night_shift
            | cls.other_shift
            | cls.hotline_shift
            | cls.manager_shift
        )

    def _visible(self, user):
        return self.env["pm.duty.shift"].with_user(user).search([])

    def test_technician_sees_his_own_and_his_crews_shifts(self):
        self.assertEqual(self._visible(self.tech_mason), self.day_shift | self.night_shift)
        self.assertEqual(self._visible(self.outsider), self.other_shift)
        with self.assertRaises(AccessError):
            self.night_shift.with_user(self.outsider).read(["user_id"])
        with self.assertRaises(AccessError):
            self.hotline_shift.with_user(self.tech_mason).read(["user_id"])

    def test_customer_service_and_supervisors_see_every_shift(self):
        for role in ("assistant", "cs_supervisor", "eng_supervisor", "manager"):
            with self.subTest(role=role):
                self.assertEqual(self._visible(self.users[role]), self.all_shifts)

    def test_other_company_hidden(self):
        self.assertNotIn(self.company_b_shift, self._visible(self.users["manager"]))
        with self.assertRaises(AccessError):
            self.company_b_shift.with_user(self.users["manager"]).read(["user_id"])

    def test_who_plans_what(self):
        vals = {
            "user_id": self.tech_mason.id,
            "date_start": NIGHT_END,
            "date_end": NIGHT_END + (NIGHT_END - NIGHT_START),
        }
        crew_vals = dict(vals, duty_type="crew", team_id=self.crew.id)
        hotline_vals = dict(vals, duty_type="hotline", user_id=self.users["assistant"].id)
        manager_vals = dict(vals, duty_type="manager", user_id=self.users["manager"].id)
        Shift = self.env["pm.duty.shift"]
        for user in (self.tech_plumber, self.users["assistant"]):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Shift.with_user(user).create(crew_vals)
        with self.assertRaises(AccessError):
            self.night_shift.with_user(self.tech_plumber).write({"user_id": self.tech_mason.id})
        cases = {
            "eng_supervisor": {"crew": True, "hotline": False, "manager": False},
            "cs_supervisor": {"crew": False, "hotline": True, "manager": False},
            "manager": {"crew": True, "hotline": True, "manager": True},
        }
        all_vals = {"crew": crew_vals, "hotline": hotline_vals, "manager": manager_vals}
        for role, allowed in cases.items():
            for duty, may in allowed.items():
                with self.subTest(role=role, duty=duty), self.env.cr.savepoint() as savepoint:
                    if may:
                        shift = Shift.with_user(self.users[role]).create(all_vals[duty])
                        self.assertEqual(shift.duty_type, duty)
                    else:
                        with self.assertRaises(AccessError):
                            Shift.with_user(self.users[role]).create(all_vals[duty])
                    savepoint.rollback()
        # a supervisor edits and deletes the shifts he plans only
        self.night_shift.with_user(self.users["eng_supervisor"]).note = "Key in the box"
        with self.assertRaises(AccessError):
            self.hotline_shift.with_user(self.users["eng_supervisor"]).unlink()
        self.hotline_shift.with_user(self.users["cs_supervisor"]).unlink()

    def test_swaps_of_others_hidden(self):
        with freeze_time(NIGHT_START - timedelta(days=1)):
            swap = (
                self.env["pm.duty.swap"]
                .with_user(self.outsider)
                .create(
                    {
                        "shift_id": self.other_shift.id,
                        "to_user_id": self.tech_mason.id,
                        "reason": "Dentist",
                    }
                )
            )
        Swap = self.env["pm.duty.swap"]
        self.assertEqual(Swap.with_user(self.outsider).search([]), swap)
        self.assertEqual(Swap.with_user(self.tech_mason).search([]), swap, "asked to take it")
        self.assertFalse(Swap.with_user(self.tech_plumber).search([]))
        # the mason reads the shift he is asked to take
        self.assertEqual(
            self._visible(self.tech_mason), self.day_shift | self.night_shift | self.other_shift
        )
        with self.assertRaises(AccessError):
            swap.with_user(self.outsider).write({"state": "approved"})
