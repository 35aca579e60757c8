from datetime import datetime, timedelta

from freezegun import freeze_time

from .common_service import PmServiceCommon


class PmStaffCommon(PmServiceCommon):
    """February 2026 (Shanghai) for the crew of PmServiceCommon: jobs,
    complaints, a delay, tool checks and training sessions, all with known
    values, written straight into the tables where the workflow would take
    pages of steps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.scheme = cls.env["pm.scorecard.scheme"]._get_for_company(cls.env.company)
        cls.emp_plumber = cls.tech_plumber.employee_id
        cls.emp_mason = cls.tech_mason.employee_id
        cls.emp_leader = cls.leader.employee_id
        # The engineering supervisor heads the crew in HR.
        cls.emp_boss = cls.env["hr.employee"].create(
            {"name": "Crew boss", "user_id": cls.users["eng_supervisor"].id}
        )
        (cls.emp_plumber | cls.emp_mason | cls.emp_leader).parent_id = cls.emp_boss
        cls.period = cls.env["pm.scorecard.period"].create(
            {"name": "2026-02", "date_from": "2026-02-01", "date_to": "2026-02-28"}
        )

    # ------------------------------------------------------------------
    def _job(
        self,
        user,
        report,
        arrive_min,
        done_h,
        rework=0,
        satisfaction=0.0,
        arrival_ok=True,
        completion_ok=True,
        **vals,
    ):
        job = self._create_job(when=report, **vals)
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE helpdesk_ticket SET user_id = %s, report_date = %s, checkin_date = %s,
                      done_date = %s, rework_count = %s, satisfaction = %s WHERE id = %s""",
            (
                user.id,
                report,
                report + timedelta(minutes=arrive_min) if arrive_min is not None else None,
                report + timedelta(hours=done_h),
                rework,
                satisfaction,
                job.id,
            ),
        )
        for mtype, within in (("arrival", arrival_ok), ("completion", completion_ok)):
            self.env.cr.execute(
                """UPDATE pm_ticket_milestone SET state = %s, within_limit = %s
                    WHERE ticket_id = %s AND milestone_type = %s""",
                ("met" if within else "missed", within, job.id, mtype),
            )
        self.env.invalidate_all()
        return job

    def _complaint(self, employee, when, finding):
        complaint = self._create_job(
            category=self.cat_complaint_attitude,
            when=when,
            concerned_employee_id=employee.id,
        )
        complaint.complaint_upheld = finding
        return complaint

    def _delay(self, job, user, when):
        self.env.flush_all()
        milestone = job.milestone_ids.filtered(lambda m: m.milestone_type == "arrival")
        self.env.cr.execute(
            """INSERT INTO pm_ticket_delay (ticket_id, milestone_id, reason_id, explanation,
                      promised_date, user_id, create_date, write_date, company_id)
               VALUES (%s, %s, %s, 'Waiting for a part', %s, %s, %s, %s, %s)""",
            (
                job.id,
                milestone.id,
                self.env.ref("pm_aftersales.pm_delay_reason_parts").id,
                when + timedelta(hours=4),
                user.id,
                when,
                when,
                job.company_id.id,
            ),
        )

    def _session(self, course, date, results, state="done"):
        session = self.env["pm.training.session"].create(
            {
                "course_id": course.id,
                "date": date,
                "attendance_ids": [
                    (0, 0, {"employee_id": employee.id, "attended": attended, "score": score})
                    for employee, attended, score in results
                ],
            }
        )
        if state == "done":
            session.action_done()
        return session

    def _build_february(self):
        """The month described in test_scorecard's docstring."""
        plumber, mason = self.tech_plumber, self.tech_mason
        feb = datetime(2026, 2, 3, 2, 0)
        self.job1 = self._job(plumber, feb, 10, 2, satisfaction=5.0)
        self.job2 = self._job(
            plumber,
            feb + timedelta(days=7),
            30,
            10,
            rework=1,
            satisfaction=3.0,
            arrival_ok=False,
            completion_ok=False,
        )
        self.job3 = self._job(plumber, feb + timedelta(days=17), 20, 4)
        # Outside the period (completed in March) and another technician's.
        self._job(plumber, datetime(2026, 2, 28, 15, 0), 10, 2, satisfaction=1.0)
        self._job(mason, feb + timedelta(days=9), 5, 1, satisfaction=5.0)
        # Complaints about the plumber: two upheld in February, one not upheld,
        # one upheld in March.
        with freeze_time(feb):
            self.upheld = self._complaint(self.emp_plumber, feb, "upheld") | self._complaint(
                self.emp_plumber, feb + timedelta(days=1), "upheld"
            )
            self._complaint(self.emp_plumber, feb, "not_upheld")
            self._complaint(self.emp_plumber, datetime(2026, 3, 2, 2, 0), "upheld")
        self._delay(self.job2, plumber, feb + timedelta(days=7, hours=1))
        Check = self.env["pm.tool.check"]
        for date, score in (("2026-02-10", 80), ("2026-02-25", 100), ("2026-01-20", 20)):
            Check.create({"employee_id": self.emp_plumber.id, "date": date, "score": score})
        course = self.env.ref("pm_aftersales.course_process")
        self._session(course, "2026-02-12", [(self.emp_plumber, True, 70)])
        self._session(course, "2026-02-19", [(self.emp_plumber, False, 0)])
        self._session(course, "2026-02-26", [(self.emp_plumber, True, 10)], state="planned")
