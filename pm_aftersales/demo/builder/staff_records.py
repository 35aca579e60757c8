import random
from datetime import datetime, time, timedelta

from odoo import api, fields, models


class PmDemoBuilder(models.AbstractModel):
    """Demo staff records: the crews' hierarchy, training, tool checks, three
    months of rated jobs and the scorecards computed from them. Called by
    demo/pm_staff_demo.xml."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_staff_records(self):
        ref = self.env.ref
        today = fields.Date.context_today(self)
        engineer = ref("pm_aftersales.employee_eng_supervisor")
        teams = [
            ref("pm_aftersales.team_water_electric"),
            ref("pm_aftersales.team_civil"),
            ref("pm_aftersales.team_general"),
        ]
        technicians = self.env["hr.employee"].browse()
        for team in teams:
            technicians |= team.user_ids.employee_id
        technicians.parent_id = engineer
        ref("pm_aftersales.employee_assistant").parent_id = ref(
            "pm_aftersales.employee_cs_supervisor"
        )
        self._build_staff_training(teams, technicians, today)
        self._build_staff_tools(technicians, today)
        self._build_staff_job_history(teams, today)
        self._build_staff_scorecards(today)
        return True

    @api.model
    def _build_staff_job_history(self, teams, today):
        """Three months of completed jobs of the crews (this month included),
        rated by the owners, with a few late ones, some rework and complaints:
        what the scorecards and the managers' reports are computed from."""
        ref = self.env.ref
        rng = random.Random(7)
        categories = {
            teams[0]: [
                ref("pm_aftersales.helpdesk_category_burst_pipe"),
                ref("pm_aftersales.helpdesk_category_water_leak"),
                ref("pm_aftersales.helpdesk_category_socket_switch"),
            ],
            teams[1]: [
                ref("pm_aftersales.helpdesk_category_wall_crack"),
                ref("pm_aftersales.helpdesk_category_tiles"),
                ref("pm_aftersales.helpdesk_category_door_lock"),
            ],
            teams[2]: [
                ref("pm_aftersales.helpdesk_category_blocked_drain"),
                ref("pm_aftersales.helpdesk_category_lighting"),
                ref("pm_aftersales.helpdesk_category_window_seal"),
            ],
        }
        units = self.env["pm.unit"].search(
            [("estate_id", "=", ref("pm_aftersales.estate_cuihu").id), ("owner_ids", "!=", False)]
        )
        Ticket = self.env["helpdesk.ticket"].with_context(mail_notrack=True)
        first_of_month = today.replace(day=1)
        month_starts = [first_of_month]
        for _i in range(2):
            month_starts.insert(0, (month_starts[0] - timedelta(days=1)).replace(day=1))
        jobs = []
        for month_start in month_starts:
            last_day = (
                (today - timedelta(days=2))
                if month_start == first_of_month
                else ((month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1))
            )
            for team in teams:
                for user in team.user_ids:
                    for _k in range(rng.randint(3, 5)):
                        unit = rng.choice(units)
                        day = month_start + timedelta(
                            days=rng.randint(0, max(0, (last_day - month_start).days))
                        )
                        job = Ticket.create(
                            {
                                "name": "报修",
                                "description": "<p>业主来电报修</p>",
                                "category_id": rng.choice(categories[team]).id,
                                "unit_id": unit.id,
                                "partner_id": unit.owner_ids[:1].id,
                                "team_id": team.id,
                            }
                        )
                        jobs.append((job, user, day))
        # The owners accept and are visited back first (the workflow closes
        # the jobs), then the history's timings are written in.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET service_state = 'verified' WHERE id IN %s",
            (tuple(job.id for job, _user, _day in jobs),),
        )
        self.env.invalidate_all()
        Followup = self.env["pm.ticket.followup"]
        for index, (job, _user, day) in enumerate(jobs):
            if index % 4 == 3:
                job._set_service_state("closed")
                continue
            low = index % 29 == 0
            Followup.create(
                {
                    "ticket_id": job.id,
                    "method": "phone",
                    "date": datetime.combine(day + timedelta(days=1), time(10, 0)),
                    "score_speed": 2 if low else 4 + index % 2,
                    "score_attitude": 3 if low else 5,
                    "score_quality": 4 + (index // 2) % 2,
                }
            )
        self.env.flush_all()
        cr = self.env.cr
        for index, (job, user, day) in enumerate(jobs):
            report = datetime.combine(day, time(1 + index % 9, (index * 7) % 60))
            late = index % 11 == 0
            arrive = timedelta(minutes=(25 + index % 20) if late else (5 + index % 10))
            done = timedelta(hours=(10 + index % 5) if late else (1 + index % 6))
            cr.execute(
                """UPDATE helpdesk_ticket SET user_id = %s, report_date = %s, create_date = %s,
                          checkin_date = %s, done_date = %s,
                          rework_count = %s, failure_cause_id = %s
                    WHERE id = %s""",
                (
                    user.id,
                    report,
                    report,
                    report + arrive,
                    report + done,
                    1 if index % 13 == 0 else 0,
                    ref("pm_aftersales.pm_failure_cause_wear").id,
                    job.id,
                ),
            )
            for mtype, reached in (("arrival", arrive), ("completion", done)):
                cr.execute(
                    """UPDATE pm_ticket_milestone SET state = %s, within_limit = %s,
                              reached_date = %s, start_date = %s
                        WHERE ticket_id = %s AND milestone_type = %s""",
                    (
                        "missed" if late else "met",
                        not late,
                        report + reached,
                        report,
                        job.id,
                        mtype,
                    ),
                )
            cr.execute(
                """UPDATE pm_ticket_milestone SET state = 'met', within_limit = TRUE,
                          reached_date = %s WHERE ticket_id = %s AND milestone_type = 'response'""",
                (report + timedelta(minutes=3), job.id),
            )
        self.env.invalidate_all()
        # Upheld complaints about one technician last month, one not upheld.
        previous = month_starts[1]
        employee = ref("pm_aftersales.employee_tech_03")
        for offset, finding in ((3, "upheld"), (9, "upheld"), (15, "not_upheld")):
            complaint = Ticket.create(
                {
                    "name": "投诉维修人员态度",
                    "description": "<p>业主投诉维修人员服务态度差</p>",
                    "category_id": ref("pm_aftersales.helpdesk_category_complaint_attitude").id,
                    "unit_id": units[offset].id,
                    "partner_id": units[offset].owner_ids[:1].id,
                    "concerned_employee_id": employee.id,
                    "complaint_cause_id": ref("pm_aftersales.pm_complaint_cause_attitude").id,
                    "complaint_upheld": finding,
                }
            )
            when = datetime.combine(previous + timedelta(days=offset), time(3, 0))
            cr.execute(
                "UPDATE helpdesk_ticket SET report_date = %s, create_date = %s WHERE id = %s",
                (when, when, complaint.id),
            )
        self.env.invalidate_all()

    @api.model
    def _build_staff_training(self, teams, technicians, today):
        ref = self.env.ref
        courses = [
            ref("pm_aftersales.course_etiquette"),
            ref("pm_aftersales.course_process"),
            ref("pm_aftersales.course_safety"),
            ref("pm_aftersales.course_knowledge"),
        ]
        skills = {
            teams[0]: ref("pm_aftersales.course_skill_plumbing"),
            teams[1]: ref("pm_aftersales.course_skill_electrical"),
            teams[2]: ref("pm_aftersales.course_skill_electrical"),
        }
        start = today.replace(month=1, day=1)
        trainer = ref("pm_aftersales.employee_eng_supervisor")
        # One absentee who never sat the safety course: flagged overdue.
        absent = ref("pm_aftersales.employee_tech_12")
        Plan = self.env["pm.training.plan"]
        for index, team in enumerate(teams):
            plan_courses = [*courses, skills[team]]
            plan = Plan.create(
                {
                    "name": f"{start.year} {team.name}",
                    "team_id": team.id,
                    "period": "year",
                    "date_start": start,
                    "date_end": start.replace(month=12, day=31),
                    "line_ids": [
                        fields.Command.create(
                            {
                                "course_id": course.id,
                                "planned_date": start + timedelta(days=30 + 60 * k + index * 5),
                            }
                        )
                        for k, course in enumerate(plan_courses)
                    ],
                }
            )
            plan.action_confirm()
            members = team.user_ids.employee_id
            for k, line in enumerate(plan.line_ids):
                if line.planned_date > today:
                    continue
                session = self.env["pm.training.session"].create(
                    {
                        "course_id": line.course_id.id,
                        "plan_id": plan.id,
                        "date": line.planned_date,
                        "trainer_id": trainer.id,
                        "location": "物业服务中心会议室",
                        "attendance_ids": [
                            fields.Command.create(
                                {
                                    "employee_id": member.id,
                                    "attended": not (member == absent and line.course_id.mandatory),
                                    "score": 0
                                    if member == absent and line.course_id.mandatory
                                    else 55 + (member.id * 7 + k * 11) % 45,
                                }
                            )
                            for member in members
                        ],
                    }
                )
                session.action_done()
        # The first plan of the year before, reviewed.
        last_year = Plan.create(
            {
                "name": f"{start.year - 1} {teams[0].name}",
                "team_id": teams[0].id,
                "period": "year",
                "date_start": start.replace(year=start.year - 1),
                "date_end": start - timedelta(days=1),
                "line_ids": [fields.Command.create({"course_id": courses[0].id})],
                "review_effect": "礼仪投诉由上年 6 起降至 2 起；新员工对时限规则掌握不足。",
                "review_changes": "增加服务流程与时限课程；安全培训改为每半年一次。",
            }
        )
        last_year.action_confirm()
        last_year.action_review()

    @api.model
    def _build_staff_tools(self, technicians, today):
        Equipment = self.env["maintenance.equipment"]
        Check = self.env["pm.tool.check"]
        for index, employee in enumerate(technicians):
            kit = Equipment.create(
                [
                    {
                        "name": f"{name} ({employee.name})",
                        "equipment_assign_to": "employee",
                        "employee_id": employee.id,
                        "serial_no": f"TK-{employee.id:03d}-{k}",
                    }
                    for k, name in enumerate(("工具包", "万用表"))
                ]
            )
            for months_ago in (1, 2, 3):
                day = today.replace(day=1) - timedelta(days=30 * months_ago - 20)
                damaged = index == 3 and months_ago == 1
                Check.create(
                    {
                        "employee_id": employee.id,
                        "equipment_id": kit[1].id if damaged else False,
                        "date": day,
                        "condition": "damaged" if damaged else "good",
                        "score": 60 if damaged else 85 + (index * 3 + months_ago) % 15,
                        "note": "万用表表笔断裂，未及时报修。" if damaged else False,
                    }
                )

    @api.model
    def _build_staff_scorecards(self, today):
        Period = self.env["pm.scorecard.period"]
        periods = Period.browse()
        first_of_month = today.replace(day=1)
        for months_ago in (2, 1, 0):
            day = first_of_month
            for _i in range(months_ago):
                day = (day - timedelta(days=1)).replace(day=1)
            periods |= Period.create(Period._prepare_month_vals(day))
        periods.action_compute()
        periods[:2].action_close()
        # A supervisor's adjustment on the open month, and decisions taken.
        engineer = self.env.ref("pm_aftersales.user_eng_supervisor")
        card = (
            periods[2]
            .scorecard_ids.filtered(lambda c: c.employee_id.parent_id.user_id == engineer)
            .sorted("total_score")[:1]
        )
        if card:
            card.with_user(engineer).write(
                {"adjustment": 5, "adjustment_reason": "暴雨夜间连续抢修 3 起，表现突出。"}
            )
        suggestions = self.env["pm.reward.penalty"].search([("suggested", "=", True)])
        manager = self.env.ref("pm_aftersales.user_manager")
        for record in suggestions.filtered(lambda r: r.kind == "praise")[:2]:
            record.action_submit()
            record.with_user(manager).action_approve()
        warnings = suggestions.filtered(lambda r: r.kind == "warning")[:1]
        warnings.action_submit()
