from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from ..common_service import T0, PmServiceCommon


@tagged("post_install", "-at_install")
class TestTicketSecurity(PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_plumber = cls._create_job_cls(user_id=cls.tech_plumber.id)
        cls.job_mason = cls._create_job_cls(user_id=cls.tech_mason.id)
        cls.job_pool = cls._create_job_cls()
        cls.job_pool._dispatch(pool=True)
        cls.job_crew = cls._create_job_cls(
            user_id=cls.leader.id, technician_ids=[Command.set(cls.tech_mason.ids)]
        )
        cls.other_crew = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Other crew",
                "alias_name": "other-crew-test",
                "user_ids": [Command.set(cls.tech_mason.ids)],
            }
        )
        cls.job_other_pool = cls._create_job_cls(team_id=cls.other_crew.id)
        cls.job_other_pool._dispatch(pool=True)
        cls.job_company_b = cls.env["helpdesk.ticket"].create(
            {
                "name": "Other company",
                "description": "<p>x</p>",
                "company_id": cls.company_b.id,
                "ticket_type_id": cls.type_minor.id,
            }
        )

    @classmethod
    def _create_job_cls(cls, **vals):
        return cls.env["helpdesk.ticket"].create(
            dict(
                {
                    "name": "Job",
                    "description": "<p>x</p>",
                    "category_id": cls.cat_water_leak.id,
                    "unit_id": cls.unit_a.id,
                    "partner_id": cls.owner_a.id,
                    "team_id": cls.crew.id,
                    "report_date": T0,
                },
                **vals,
            )
        )

    def _visible(self, user, model="helpdesk.ticket", domain=None):
        return self.env[model].with_user(user).search(domain or [])

    def test_technician_sees_own_jobs_crew_jobs_and_the_pool(self):
        visible = self._visible(self.tech_plumber)
        self.assertIn(self.job_plumber, visible)
        self.assertIn(self.job_pool, visible)
        self.assertNotIn(self.job_mason, visible)
        self.assertNotIn(self.job_crew, visible)
        self.assertNotIn(self.job_other_pool, visible)
        mason = self._visible(self.tech_mason)
        self.assertIn(self.job_crew, mason)  # crew member of the leader's job
        self.assertIn(self.job_other_pool, mason)  # pool of his other crew

    def test_technician_edits_own_job_only(self):
        self.job_plumber.with_user(self.tech_plumber).write({"diagnosis": "Corroded joint"})
        self.assertEqual(self.job_plumber.diagnosis, "Corroded joint")
        with self.assertRaises(AccessError):
            self.job_mason.with_user(self.tech_plumber).write({"diagnosis": "x"})
        with self.assertRaises(AccessError):
            self.job_mason.with_user(self.tech_plumber).read(["name"])

    def test_job_records_follow_the_job(self):
        for model in ("pm.ticket.milestone", "pm.ticket.assignment"):
            with self.subTest(model=model):
                records = self._visible(self.tech_plumber, model)
                self.assertIn(self.job_plumber, records.ticket_id)
                self.assertNotIn(self.job_mason, records.ticket_id)
                self.assertIn(
                    self.job_mason, self._visible(self.users["assistant"], model).ticket_id
                )
        with self.assertRaises(AccessError):
            self.job_mason.milestone_ids.with_user(self.tech_plumber).read(["deadline"])
        # technicians read their milestones but never write them directly
        with self.assertRaises(AccessError):
            self.job_plumber.milestone_ids.with_user(self.tech_plumber).write({"state": "met"})

    def test_assistant_sees_every_job_of_the_company(self):
        visible = self._visible(self.users["assistant"])
        for job in (
            self.job_plumber,
            self.job_mason,
            self.job_pool,
            self.job_crew,
            self.job_other_pool,
        ):
            self.assertIn(job, visible)
        self.assertNotIn(self.job_company_b, visible)
        with self.assertRaises(AccessError):
            self.job_company_b.with_user(self.users["assistant"]).read(["name"])

    def test_engineering_supervisor_sees_his_crews(self):
        supervisor = self.users["eng_supervisor"]
        self.crew.user_ids = [Command.link(supervisor.id)]
        visible = self._visible(supervisor)
        self.assertIn(self.job_mason, visible)
        self.assertNotIn(self.job_other_pool, visible)

    def test_owners_have_nothing_in_the_back_office(self):
        owner_b_job = self._create_job_cls(unit_id=self.unit_b.id, partner_id=self.owner_b.id)
        visible = self._visible(self.user_owner_a)
        self.assertIn(self.job_plumber, visible)  # the portal shows their own jobs
        self.assertNotIn(owner_b_job, visible)
        with self.assertRaises(AccessError):
            owner_b_job.with_user(self.user_owner_a).read(["name"])
        with self.assertRaises(AccessError):
            self.job_plumber.with_user(self.user_owner_a).write({"name": "x"})
        for model in (
            "pm.ticket.milestone",
            "pm.ticket.assignment",
            "pm.ticket.delay",
            "pm.ticket.followup",
            "pm.sla.rule",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self._visible(self.user_owner_a, model)

    def test_vendor_staff_see_their_company_jobs_only(self):
        vendor = self.env["res.partner"].create(
            {"name": "Fix-It Ltd", "is_company": True, "pm_is_vendor": True}
        )
        staff = new_test_user(
            self.env,
            login="fixit_tech",
            groups="pm_aftersales.group_pm_vendor",
            parent_id=vendor.id,
        )
        self.job_mason._dispatch(vendor=vendor)
        self.assertEqual(self._visible(staff), self.job_mason)
        with self.assertRaises(AccessError):
            self.job_mason.with_user(staff).write({"work_done": "x"})
