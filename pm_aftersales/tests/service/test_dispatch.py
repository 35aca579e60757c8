from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..common_service import T0, PmServiceCommon

M = timedelta(minutes=1)


@tagged("post_install", "-at_install")
class TestDispatch(PmServiceCommon):
    def test_candidates_by_skill_duty_and_workload(self):
        job = self._create_job()  # plumbing
        self._create_job(user_id=self.tech_plumber.id)  # the plumber has one open job
        with freeze_time(T0):
            rows = job._get_dispatch_candidates()
        order = [row["user"] for row in rows]
        # skilled first (leader with no work before the busy plumber), the mason last
        self.assertEqual(order, [self.leader, self.tech_plumber, self.tech_mason])
        by_user = {row["user"]: row for row in rows}
        self.assertEqual(by_user[self.tech_plumber]["workload"], 1)
        self.assertFalse(by_user[self.tech_mason]["skilled"])
        self.assertTrue(all(row["on_duty"] for row in rows))

    def test_off_duty_technician_comes_after(self):
        self.env["hr.employee"].search(
            [("user_id", "=", self.leader.id)]
        ).resource_calendar_id = self.calendar_office
        job = self._create_job(when=T0 + timedelta(hours=10))  # Monday 20:00
        with freeze_time(T0 + timedelta(hours=10)):
            rows = job._get_dispatch_candidates()
        self.assertEqual(rows[0]["user"], self.tech_plumber)
        self.assertFalse({r["user"]: r for r in rows}[self.leader]["on_duty"])

    def test_assign_through_the_wizard(self):
        job = self._create_job()
        with freeze_time(T0 + M):
            wizard = Form(
                self.env["pm.dispatch.wizard"]
                .with_user(self.users["assistant"])
                .with_context(default_ticket_id=job.id)
            )
            wizard.user_id = self.tech_plumber
            wizard.crew_ids.add(self.tech_mason)
            wizard.save().action_confirm()
        self.assertEqual(job.user_id, self.tech_plumber)
        self.assertEqual(job.technician_ids, self.tech_mason)
        self.assertEqual(job.service_state, "dispatched")
        self.assertEqual(job.assignment_ids[:1].mode, "assign")
        self.assertEqual(job.assignment_ids[:1].assigned_by_id, self.users["assistant"])
        self.assertIn(self.tech_plumber.partner_id, job.message_partner_ids)
        # the owner is told who comes
        told = job.message_ids.filtered(lambda m: self.owner_a in m.partner_ids)
        self.assertIn(self.tech_plumber.name, told[0].body)

    def _dispatch_form(self, job):
        return Form(
            self.env["pm.dispatch.wizard"]
            .with_user(self.users["assistant"])
            .with_context(default_ticket_id=job.id)
        )

    def test_wizard_proposes_the_best_skilled_technician_on_duty(self):
        job = self._create_job()  # plumbing: the leader and the plumber have the trade
        self._create_job(user_id=self.leader.id)  # the leader is busier
        with freeze_time(T0 + M):
            form = self._dispatch_form(job)
            self.assertEqual(form.user_id, self.tech_plumber)
            form.save().action_confirm()
        self.assertEqual(job.user_id, self.tech_plumber)

    def test_wizard_proposes_the_only_skilled_technician_on_duty(self):
        self.env["hr.employee"].search(
            [("user_id", "=", self.leader.id)]
        ).resource_calendar_id = self.calendar_office
        job = self._create_job(when=T0 + timedelta(hours=10))  # Monday 20:00
        with freeze_time(T0 + timedelta(hours=10)):
            self.assertEqual(self._dispatch_form(job).user_id, self.tech_plumber)

    def test_wizard_proposes_nobody_without_a_skilled_technician_on_duty(self):
        job = self._create_job(self.cat_wall_crack)  # civil works: the mason only
        self.env["hr.employee"].search(
            [("user_id", "=", self.tech_mason.id)]
        ).resource_calendar_id = self.calendar_office
        with freeze_time(T0 + timedelta(hours=10)):  # the mason's office is closed
            form = self._dispatch_form(job)
            self.assertFalse(form.user_id)
            # the assistant's own choice stays when the crew changes
            form.user_id = self.leader
            form.team_id = self.crew
            self.assertEqual(form.user_id, self.leader)

    def test_choose_a_candidate_line(self):
        job = self._create_job()
        wizard = self.env["pm.dispatch.wizard"].create({"ticket_id": job.id})
        line = wizard.line_ids.filtered(lambda candidate: candidate.user_id == self.leader)
        line.action_choose()
        self.assertEqual(job.user_id, self.leader)

    def test_reassignment_is_tracked_and_the_first_technician_loses_the_job(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + M)
        self._dispatch(job, self.leader, T0 + 2 * M)
        self.assertEqual(job.assignment_ids.mapped("user_id"), self.leader | self.tech_plumber)
        self.assertNotIn(self.tech_plumber.partner_id, job.message_partner_ids)
        with self.assertRaises(AccessError):
            job.with_user(self.tech_plumber).read(["name"])

    def test_automatic_assignment(self):
        self.crew.dispatch_mode = "auto"
        self._create_job(user_id=self.leader.id)
        job = self._create_job()
        self.assertEqual(job.user_id, self.tech_plumber)  # skilled, on duty, least loaded
        self.assertEqual(job.service_state, "dispatched")
        self.assertEqual(job.assignment_ids[:1].mode, "auto")

    def test_pool_crew_puts_new_jobs_in_its_pool(self):
        self.crew.dispatch_mode = "pool"
        job = self._create_job()
        self.assertTrue(job.in_pool)
        self.assertFalse(job.user_id)
        self.assertEqual(job.service_state, "dispatched")
        job.with_user(self.tech_plumber).action_grab()
        self.assertEqual((job.user_id, job.in_pool), (self.tech_plumber, False))

    def test_outsourced(self):
        vendor = self.env["res.partner"].create(
            {"name": "Fix-It Ltd", "pm_is_vendor": True, "is_company": True}
        )
        job = self._create_job()
        wizard = self.env["pm.dispatch.wizard"].create(
            {"ticket_id": job.id, "mode": "vendor", "vendor_id": vendor.id}
        )
        wizard.action_confirm()
        self.assertEqual(job.vendor_id, vendor)
        self.assertEqual(job.assignment_ids[:1].mode, "vendor")
        staff = self.env["res.partner"].create({"name": "Vendor tech", "parent_id": vendor.id})
        user = self.env["res.users"].create(
            {
                "name": "Vendor tech",
                "login": "vendor_tech",
                "partner_id": staff.id,
                "group_ids": [Command.set([self.env.ref("pm_aftersales.group_pm_vendor").id])],
            }
        )
        self.assertEqual(self.env["helpdesk.ticket"].with_user(user).search([]), job)
        with freeze_time(T0 + 10 * M):
            job.with_user(user).sudo().with_user(user)._check_assigned_to_me("check in")

    def test_pool_grab(self):
        job = self._create_job()
        wizard = self.env["pm.dispatch.wizard"].create({"ticket_id": job.id, "mode": "pool"})
        wizard.action_confirm()
        self.assertTrue(job.in_pool)
        self.assertFalse(job.user_id)
        # every technician of the crew sees the pool
        for tech in (self.tech_plumber, self.tech_mason):
            self.assertIn(
                job, self.env["helpdesk.ticket"].with_user(tech).search([("in_pool", "=", True)])
            )
        with freeze_time(T0 + 2 * M):
            job.with_user(self.tech_mason).action_grab()
        self.assertEqual(job.user_id, self.tech_mason)
        self.assertEqual(job.service_state, "accepted")
        self.assertEqual(self._milestone(job, "response").state, "met")
        with self.assertRaisesRegex(UserError, "already taken by Tech mason"):
            job.with_user(self.tech_plumber).action_grab()

    def test_check_in_only_by_the_assigned_technician(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + M)
        with self.assertRaisesRegex(UserError, "not assigned to you"):
            job.with_user(self.leader).action_check_in()
        self.assertEqual(job.service_state, "dispatched")
        self.assertFalse(self._milestone(job, "arrival").reached_date)

    def test_technician_workflow(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + M)
        tech_job = job.with_user(self.tech_plumber)
        with freeze_time(T0 + 2 * M):
            tech_job.action_take_job()
        self.assertEqual(self._milestone(job, "response").reached_date, T0 + 2 * M)
        with freeze_time(T0 + 12 * M):
            tech_job.action_check_in()
        self.assertEqual(job.checkin_date, T0 + 12 * M)
        with self.assertRaisesRegex(UserError, "Describe the work done"):
            tech_job.action_complete()
        tech_job.write(
            {
                "diagnosis": "Corroded joint",
                "work_done": "Joint replaced",
                "materials": "1 joint DN20",
                "failure_cause_id": self.cause_wear.id,
            }
        )
        with freeze_time(T0 + 3 * 60 * M):
            tech_job.action_complete()
        self.assertEqual(job.service_state, "done")
        self.assertEqual(self._milestone(job, "completion").state, "met")
        done_mail = job.message_ids.filtered(
            lambda m: self.owner_a in m.partner_ids and "finished" in (m.body or "")
        )
        self.assertTrue(done_mail)

    def test_cannot_dispatch_a_finished_job(self):
        job = self._create_job()
        job._set_service_state("done")
        with self.assertRaisesRegex(UserError, "cannot be dispatched"):
            job._dispatch(self.tech_plumber)
