from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common_roster import DAY_START, NIGHT, NIGHT_END, NIGHT_START, OFFICE, PmRosterCommon


@tagged("post_install", "-at_install")
class TestRosterDispatch(PmRosterCommon):
    # ------------------------------------------------------------------
    # An urgent job at 02:00
    # ------------------------------------------------------------------
    def test_urgent_job_at_night_goes_to_the_technician_on_duty(self):
        """Whatever the crew's dispatch mode, the urgent job of 02:00 goes to
        the plumber of the night shift, not to the leader, who has no work
        and whose calendar (round the clock) says he is on duty."""
        for mode in ("assign", "pool", "auto"):
            with self.subTest(mode=mode):
                self.crew.dispatch_mode = mode
                job = self._urgent_job()
                self.assertEqual(job.user_id, self.tech_plumber)
                self.assertEqual(job.service_state, "dispatched")
                self.assertFalse(job.in_pool)
                self.assertEqual(job.assignment_ids[:1].mode, "roster")
                self.assertFalse(job.pm_no_duty_escalated)
                self.assertFalse(self._escalations(job))

    def test_urgent_call_registered_on_the_hotline_at_night(self):
        """The assistant on the night hotline (no HR officer: she reads the
        employees' public profile only) registers the urgent call: the job
        goes to the plumber on duty all the same."""
        assistant = self.users["assistant"]
        self.assertFalse(assistant.has_group("hr.group_hr_user"))
        with freeze_time(NIGHT):
            wizard = (
                self.env["pm.hotline.wizard"]
                .with_user(assistant)
                .create(
                    {
                        "phone": "138-0013-8000",
                        "unit_id": self.unit_a.id,
                        "category_id": self.cat_burst_pipe.id,
                        "description": "<p>Burst pipe in the kitchen</p>",
                    }
                )
            )
            wizard.action_register()
        job = self.env["helpdesk.ticket"].search([("unit_id", "=", self.unit_a.id)], limit=1)
        self.assertEqual(job.ticket_type_id, self.type_urgent)
        self.assertEqual(job.user_id, self.tech_plumber)

    def test_urgent_job_by_day_goes_to_the_day_shift(self):
        job = self._urgent_job(when=DAY_START + timedelta(hours=3))
        self.assertEqual(job.user_id, self.leader)

    def test_rostered_technician_skilled_first_then_least_loaded(self):
        """Two on the night shift: the mason has no work but not the trade,
        the plumber is busy but a plumber: the plumber. Two plumbers: the
        least loaded."""
        self._shift(self.tech_mason, NIGHT_START, NIGHT_END)
        self.assertEqual(self._urgent_job().user_id, self.tech_plumber)
        plumber_2 = self._create_technician("plumber_b", self.trade_plumbing)
        self._shift(plumber_2, NIGHT_START, NIGHT_END)
        self.assertEqual(self._urgent_job().user_id, plumber_2)

    def test_rostered_technician_outside_the_crew_members(self):
        """A technician on a shift of the crew takes its urgent job even if
        he is not one of its members (a colleague covering the night)."""
        self.night_shift.active = False
        helper = self._create_technician("helper", self.trade_plumbing)
        self._shift(helper, NIGHT_START, NIGHT_END)
        self.assertNotIn(helper, self.crew.user_ids)
        self.assertEqual(self._urgent_job().user_id, helper)

    def test_estate_of_the_shift(self):
        """A shift for another estate does not cover this estate's job."""
        self.night_shift.estate_id = self.estate_other
        job = self._urgent_job()
        self.assertFalse(job.user_id)
        self.assertTrue(job.pm_no_duty_escalated)

    # ------------------------------------------------------------------
    # Nobody on duty
    # ------------------------------------------------------------------
    def test_nobody_on_duty_escalates_at_once_to_the_duty_manager(self):
        self.night_shift.active = False
        self._shift(self.duty_manager, NIGHT_START, NIGHT_END, duty_type="manager")
        enquiry = self._create_job(self.cat_water_leak, when=NIGHT)
        with freeze_time(NIGHT):
            candidates = self.crew._get_dispatch_candidates(enquiry)
        # the calendars (round the clock) say the technicians are on duty: not enough at night
        self.assertTrue(all(c["on_duty"] for c in candidates))
        self.assertFalse(any(c["rostered"] for c in candidates))
        job = self._urgent_job()
        self.assertFalse(job.user_id)
        self.assertEqual(job.service_state, "new")
        self.assertEqual(job.pm_no_duty_escalated, NIGHT)
        self.assertEqual(job.pm_duty_manager_id, self.duty_manager)
        activity = self._escalations(job)
        self.assertEqual(activity.user_id, self.duty_manager)
        self.assertIn(job.number, activity.summary)
        note = job.message_ids.filtered(lambda m: self.duty_manager.partner_id in m.partner_ids)
        self.assertEqual(len(note), 1)
        self.assertIn("No technician of Water crew is on duty", note.body)
        # the report time on the company's clock (02:00 in Shanghai, not 18:00 UTC)
        self.assertIn("2:00", note.body)
        self.assertNotIn("6:00 PM", note.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        # once
        with freeze_time(NIGHT + timedelta(minutes=5)):
            job._pm_escalate_no_duty()
            job._auto_assign()
        self.assertEqual(len(self._escalations(job)), 1)
        self.assertEqual(job.pm_no_duty_escalated, NIGHT)

    def test_duty_manager_in_his_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.duty_manager.lang = "fr_FR"
        self.night_shift.active = False
        self._shift(self.duty_manager, NIGHT_START, NIGHT_END, duty_type="manager")
        job = self._urgent_job()
        note = job.message_ids.filtered(lambda m: self.duty_manager.partner_id in m.partner_ids)
        # French writes the time 02:00 (English: 2:00 AM)
        self.assertIn("02:00", note.body)
        self.assertNotIn("AM", note.body)

    def test_duty_manager_of_the_estate_first(self):
        self.night_shift.active = False
        self._shift(self.duty_manager, NIGHT_START, NIGHT_END, duty_type="manager")
        estate_manager = self.users["cs_supervisor"]
        self._shift(
            estate_manager, NIGHT_START, NIGHT_END, duty_type="manager", estate_id=self.estate.id
        )
        job = self._urgent_job()
        self.assertEqual(self._escalations(job).user_id, estate_manager)

    def test_without_duty_manager_the_estate_manager(self):
        self.night_shift.active = False
        job = self._urgent_job()
        self.assertEqual(self._escalations(job).user_id, self.users["manager"])
        self.assertEqual(job.pm_duty_manager_id, self.users["manager"])

    def test_pool_crew_still_pools_the_job(self):
        self.crew.dispatch_mode = "pool"
        self.night_shift.active = False
        job = self._urgent_job()
        self.assertTrue(job.in_pool)
        self.assertTrue(self._escalations(job))

    def test_office_hours_the_calendar_is_enough(self):
        """In office hours (Monday 10:00) with nobody on a shift, the
        technicians working by their calendar are on duty: no escalation,
        the crew's dispatch mode decides."""
        (self.day_shift | self.night_shift).active = False
        self.assertTrue(self.crew.pm_use_roster)
        job = self._urgent_job(when=OFFICE)
        self.assertFalse(job.pm_no_duty_escalated)
        self.assertFalse(job.user_id)
        self.crew.dispatch_mode = "auto"
        job = self._urgent_job(when=OFFICE)
        self.assertEqual(job.user_id, self.leader)
        self.assertEqual(job.assignment_ids[:1].mode, "auto")

    def test_office_hours_nobody_working_escalates(self):
        (self.day_shift | self.night_shift).active = False
        self.env["hr.employee"].search(
            [("user_id", "in", (self.leader | self.tech_plumber | self.tech_mason).ids)]
        ).resource_calendar_id = self.calendar_office  # 09:00-17:00 UTC: not at 02:00 UTC
        job = self._urgent_job(when=OFFICE)
        self.assertTrue(job.pm_no_duty_escalated)

    def test_public_holiday_is_no_office_day(self):
        (self.day_shift | self.night_shift).active = False
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.company.resource_calendar_id.id,
                "date_from": OFFICE - timedelta(hours=10),
                "date_to": OFFICE + timedelta(hours=12),
            }
        )
        self.assertFalse(self.company._pm_roster_is_office_time(OFFICE))
        self.assertTrue(self._urgent_job(when=OFFICE).pm_no_duty_escalated)

    def test_crew_without_roster_is_unchanged(self):
        self.crew.pm_use_roster = False
        job = self._urgent_job()
        self.assertFalse(job.user_id)
        self.assertFalse(job.pm_no_duty_escalated)
        self.assertFalse(self._escalations(job))

    # ------------------------------------------------------------------
    # Other jobs and the dispatch screens
    # ------------------------------------------------------------------
    def test_automatic_dispatch_prefers_the_rostered_technician(self):
        self.crew.dispatch_mode = "auto"
        job = self._create_job(self.cat_water_leak, when=NIGHT)
        self.assertEqual(job.ticket_type_id, self.type_minor)
        self.assertEqual(job.user_id, self.tech_plumber)
        # with nobody on a shift, the least loaded technician on duty
        self.night_shift.active = False
        job = self._create_job(self.cat_water_leak, when=NIGHT)
        self.assertEqual(job.user_id, self.leader)
        self.assertFalse(job.pm_no_duty_escalated, "only urgent jobs escalate")

    def test_candidates_rostered_first(self):
        job = self._create_job(self.cat_water_leak, when=NIGHT)
        with freeze_time(NIGHT):
            rows = job._get_dispatch_candidates()
        self.assertEqual(rows[0]["user"], self.tech_plumber)
        self.assertTrue(rows[0]["rostered"])
        self.assertEqual(
            [row["user"] for row in rows[1:]], [self.leader, self.tech_mason], "order kept"
        )
        self.assertFalse(any(row["rostered"] for row in rows[1:]))

    def test_shift_puts_an_office_worker_on_duty(self):
        employees = self.env["hr.employee"].search(
            [("user_id", "in", (self.leader | self.tech_plumber).ids)]
        )
        employees.resource_calendar_id = self.calendar_office
        on_duty = employees._pm_get_on_duty(NIGHT)
        self.assertEqual(on_duty.user_id, self.tech_plumber)

    def test_dispatch_wizard_proposes_the_rostered_technician(self):
        job = self._create_job(self.cat_water_leak, when=NIGHT)
        with freeze_time(NIGHT):
            form = Form(
                self.env["pm.dispatch.wizard"]
                .with_user(self.users["assistant"])
                .with_context(default_ticket_id=job.id)
            )
            self.assertEqual(form.user_id, self.tech_plumber)
            wizard = form.save()
            rostered = wizard.line_ids.filtered("rostered")
            self.assertEqual(rostered.user_id, self.tech_plumber)
            wizard.action_confirm()
        self.assertEqual(job.user_id, self.tech_plumber)

    def test_hotline_shows_who_is_on_duty(self):
        hotline = self._shift(self.users["assistant"], NIGHT_START, NIGHT_END, duty_type="hotline")
        manager = self._shift(self.duty_manager, NIGHT_START, NIGHT_END, duty_type="manager")
        elsewhere = self._shift(
            self.tech_mason, NIGHT_START, NIGHT_END, estate_id=self.estate_other.id
        )
        self._shift(self.tech_mason, NIGHT_END, NIGHT_END + timedelta(hours=12))  # later
        other_company = self.env["pm.duty.shift"].create(
            {
                "duty_type": "hotline",
                "company_id": self.company_b.id,
                "user_id": self.users["cs_supervisor"].id,
                "date_start": NIGHT_START,
                "date_end": NIGHT_END,
            }
        )
        with freeze_time(NIGHT):
            form = Form(self.env["pm.hotline.wizard"].with_user(self.users["assistant"]))
            self.assertEqual(
                form.pm_on_duty_ids.ids, (manager | hotline | self.night_shift | elsewhere).ids
            )
            form.phone = "138-0013-8000"
            form.unit_id = self.unit_a
            self.assertEqual(
                form.pm_on_duty_ids.ids,
                (manager | hotline | self.night_shift).ids,
                "the shifts of the caller's estate and of every estate",
            )
            now = self.env["pm.duty.shift"].with_user(self.users["assistant"])
            self.assertEqual(
                now.search([("on_duty_now", "=", True)]),
                manager | hotline | self.night_shift | elsewhere,
            )
        self.assertNotIn(other_company, form.pm_on_duty_ids)
