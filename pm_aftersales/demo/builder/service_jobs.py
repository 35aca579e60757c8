import base64
import io
from datetime import timedelta

from PIL import Image, ImageDraw

from odoo import api, fields, models

# What a workflow step of a job stamps with the time it is done.
JOB_DATES = ("checkin_date", "done_date", "answered_date")
CATEGORIES = (
    "burst_pipe",
    "water_leak",
    "power_failure",
    "socket_switch",
    "blocked_drain",
    "wall_crack",
    "seepage",
    "door_lock",
    "window_seal",
    "lift_trapped",
    "lift_fault",
    "equipment_pump",
    "complaint_attitude",
    "complaint_response",
    "enquiry",
)
# The cause each kind of demo repair is put down to.
CATEGORY_CAUSE = {
    "burst_pipe": "wear",
    "water_leak": "installation",
    "power_failure": "supply",
    "socket_switch": "wear",
    "blocked_drain": "blockage",
    "seepage": "installation",
    "door_lock": "wear",
    "window_seal": "wear",
    "lift_trapped": "maintenance",
    "lift_fault": "wear",
    "equipment_pump": "wear",
}


class PmDemoBuilder(models.AbstractModel):
    """Demo jobs in every state of the workflow, some late and escalated.

    Each step runs through the same methods as real work, then what it
    recorded is given its time in the story (``_job_replay``): jobs reported
    hours or days ago, their time limits met, missed or still running.
    Called by demo/pm_service_demo.xml.
    """

    _inherit = "pm.demo.builder"

    @api.model
    def _build_service_jobs(self):
        # The demo owners read Chinese: their messages are rendered now, before
        # the install would load the translations.
        if self.env["res.lang"]._lang_get("zh_CN"):
            self.env["ir.module.module"].search(
                [("name", "=", "pm_aftersales")]
            )._load_module_terms(["pm_aftersales"], ["zh_CN"])
        story = self._job_story()
        self._build_open_jobs(story)
        self._build_finished_jobs(story)
        self._build_equipment_repairs(story)
        self._build_complaints_and_enquiries(story)
        # The escalation job finds what is late now
        self.env["pm.ticket.milestone"]._cron_escalate()
        return True

    @api.model
    def _job_story(self):
        """What the steps of the story share: its "now" and the records they use."""
        ref = self.env.ref
        categories = {key: ref(f"pm_aftersales.helpdesk_category_{key}") for key in CATEGORIES}
        causes = {
            code: ref(f"pm_aftersales.pm_failure_cause_{code}")
            for code in ("wear", "blockage", "supply", "installation", "maintenance", "misuse")
        }
        return {
            "now": fields.Datetime.now().replace(second=0, microsecond=0),
            "tech": {
                key: ref(f"pm_aftersales.user_{key}")
                for key in (
                    "tech",
                    "tech_02",
                    "tech_03",
                    "tech_05",
                    "tech_06",
                    "tech_07",
                    "tech_09",
                )
            },
            "categories": categories,
            "cause_of": {categories[key]: causes[code] for key, code in CATEGORY_CAUSE.items()},
            "wear": causes["wear"],
            "signature": self._ticket_signature(),
            "phone": ref("helpdesk_mgmt.helpdesk_ticket_channel_phone"),
            "web": ref("helpdesk_mgmt.helpdesk_ticket_channel_web"),
        }

    # ------------------------------------------------------------------
    # The story
    # ------------------------------------------------------------------
    @api.model
    def _build_open_jobs(self, story):
        ref, tech, now = self.env.ref, story["tech"], story["now"]
        job, at, parts, work = self._job_create, self._job_step, self._job_parts, self._job_work
        # Registered: two just now, one urgent left unattended (late, escalated)
        job(story, "b1_302", "water_leak", "卫生间天花板滴水", 0.2, channel=story["web"])
        job(story, "b2_1504", "socket_switch", "客厅插座没电", 1)
        job(story, "b1_1102", "burst_pipe", "厨房水管爆裂", 1.5)
        # Dispatched: assigned, in the civil crew's pool, and outsourced
        dispatched = job(story, "b2_603", "power_failure", "整户跳闸停电", 0.15)
        at(story, dispatched, 0.1, "_dispatch", tech["tech_02"])
        pooled = job(story, "b3_501", "wall_crack", "卧室墙面裂缝", 3)
        at(story, pooled, 2.5, "_dispatch", pool=True)
        lift = job(
            story,
            None,
            "lift_trapped",
            "2号楼A梯困人",
            0.1,
            area="b2_lift_a",
            equipment_id=ref("pm_aftersales.equipment_lift_b2_a").id,
        )
        at(story, lift, 0.08, "_dispatch", vendor=ref("pm_aftersales.partner_vendor_kuaixiu"))
        # Accepted by the technician, not yet on site
        accepted = job(story, "b1_1501", "blocked_drain", "厨房下水道堵塞", 0.6)
        at(story, accepted, 0.5, "_dispatch", tech["tech_03"])
        at(story, accepted, 0.45, "action_take_job", user=tech["tech_03"])
        # On site: one working, one waiting on the owner, one delayed with a promise
        on_site = job(story, "b2_203", "burst_pipe", "阳台水管爆裂", 2)
        parts(on_site, [("ppr_coupling", 4), ("angle_valve", 1)])
        work(story, on_site, tech["tech"], 1.95, 1.8)
        waiting = job(story, "b1_704", "seepage", "外墙渗水到卧室", 30)
        work(story, waiting, tech["tech_05"], 29, 26)
        self.env["pm.ticket.pause"].create(
            {
                "ticket_id": waiting.id,
                "reason": "owner_absent",
                "note": "业主出差，约定下周回来后再施工",
                "date_start": now - timedelta(hours=25),
            }
        )
        delayed = job(story, "b2_1201", "window_seal", "主卧窗户密封条老化漏风", 40)
        parts(delayed, [("window_seal", 6)])
        work(story, delayed, tech["tech_06"], 39, 30)
        self.env["pm.ticket.delay"].create(
            {
                "ticket_id": delayed.id,
                "milestone_id": delayed.milestone_ids.filtered(
                    lambda m: m.milestone_type == "completion"
                ).id,
                "reason_id": ref("pm_aftersales.pm_delay_reason_parts").id,
                "explanation": "原厂密封条需要从厂家订货，预计两天到货。",
                "promised_date": now + timedelta(days=1),
                "user_id": tech["tech_06"].id,
            }
        )

    @api.model
    def _build_finished_jobs(self, story):
        tech = story["tech"]
        job, at, parts, work = self._job_create, self._job_step, self._job_parts, self._job_work
        # Done, awaiting the owner's acceptance (one of them reworked once)
        done = job(story, "b1_804", "door_lock", "入户门锁打不开", 5)
        parts(done, [("lock_cylinder", 1)])
        work(story, done, tech["tech_05"], 4.8, 4.5, 3.5, ("锁芯卡死", "更换锁芯", "锁芯 ×1"))
        rework = job(story, "b2_1802", "water_leak", "洗手盆下方漏水", 28)
        work(story, rework, tech["tech"], 27, 26, 25, ("下水管接口松动", "重新紧固接口", "生料带"))
        self._job_record(
            story,
            rework,
            22,
            "pm.ticket.acceptance",
            {
                "result": "rejected",
                "reason": "仍有渗水，柜子底板还是湿的",
                "partner_id": rework.partner_id.id,
            },
        )
        parts(rework, [("drain_kit", 1)])
        rework.part_ids.with_user(tech["tech"]).quantity_used = 1
        rework.with_user(tech["tech"]).write({"work_done": "更换下水管及密封圈"})
        self._job_quote(story, rework)  # the new part, on a supplementary quote
        at(story, rework, 20, "action_complete", user=tech["tech"])
        # Accepted by the owner, awaiting the follow-up visit
        verified = job(story, "b3_304", "socket_switch", "厨房开关面板损坏", 30)
        parts(verified, [("switch_panel", 1)])
        work(
            story,
            verified,
            tech["tech_02"],
            29.5,
            29,
            28,
            ("面板烧蚀", "更换开关面板", "开关面板 ×1"),
        )
        self._job_accept(story, verified, 27)
        # Closed, with their follow-up scores; one low score opened a complaint
        for unit, category, title, start, scores, comment, used in (
            ("b1_101", "blocked_drain", "马桶堵塞", 120, (5, 5, 5), "师傅很快就到了，很专业", []),
            ("b1_203", "power_failure", "卧室灯不亮", 100, (4, 5, 4), "满意", [("led_light", 1)]),
            ("b2_402", "seepage", "卫生间地面渗水", 200, (5, 4, 5), "处理及时", []),
            (
                "b2_904",
                "water_leak",
                "热水器接口漏水",
                80,
                (2, 3, 4),
                "来得太慢，等了一上午",
                [("angle_valve", 1)],
            ),
            ("b3_701", "door_lock", "防盗门关不严", 150, (5, 5, 5), "非常满意", []),
        ):
            closed = job(story, unit, category, title, start)
            parts(closed, used)
            extra = {}
            if unit == "b2_904":
                # Both valves had rusted: one more than planned, with the reason.
                extra = {closed.part_ids: (2, "冷热水两个角阀都已锈蚀，一并更换")}
            work(
                story,
                closed,
                tech["tech_09"],
                start - 0.3,
                start - 1,
                start - 3,
                ("现场检查", "已修复", ""),
                used=extra,
            )
            self._job_accept(story, closed, start - 4)
            self._job_followup(story, closed, start - 20, scores, comment)
        # Cancelled by the owner
        cancelled = job(story, "b1_1404", "window_seal", "窗户关不上", 10)
        parts(cancelled, [("angle_valve", 1)])
        at(story, cancelled, 9, "action_cancel_job")

    @api.model
    def _build_equipment_repairs(self, story):
        """Repairs of the estate's equipment over the year: its failure history."""
        for equipment, category, title, start, used in (
            ("lift_b2_a", "lift_fault", "2号楼A梯层门关不上", 24 * 300, [("lift_roller", 2)]),
            ("lift_b2_a", "lift_fault", "2号楼A梯召唤按钮失灵", 24 * 170, [("lift_button", 1)]),
            ("lift_b2_a", "lift_fault", "2号楼A梯运行异响", 24 * 60, [("lift_roller", 1)]),
            ("lift_b1_a", "lift_fault", "1号楼A梯层门滚轮磨损", 24 * 120, [("lift_roller", 2)]),
            ("pump_1", "equipment_pump", "1号生活水泵压力不足", 24 * 200, []),
        ):
            machine = self.env.ref(f"pm_aftersales.equipment_{equipment}")
            repair = self._job_create(
                story,
                None,
                category,
                title,
                start,
                public_area_id=machine.pm_public_area_id.id,
                equipment_id=machine.id,
            )
            self._job_parts(repair, used)
            self._job_work(
                story,
                repair,
                story["tech"]["tech_07"],
                start - 0.2,
                start - 0.5,
                start - 3,
                ("现场检查", "已修复并试运行正常", ""),
            )
            self._job_accept(story, repair, start - 4)
            if repair.service_state == "verified":
                self._job_followup(story, repair, start - 24, (5, 5, 4), "运行正常")

    @api.model
    def _build_complaints_and_enquiries(self, story):
        job, at = self._job_create, self._job_step
        # Complaints: one answered, one new
        answered = job(
            story,
            "b1_1102",
            "complaint_attitude",
            "投诉：维修人员态度差",
            20,
            concerned_employee_id=self.env.ref("pm_aftersales.employee_tech_03").id,
            investigation="经核实，维修人员未按规范与业主沟通。",
        )
        answered.answer = "非常抱歉，已对该员工进行批评教育并安排服务礼仪培训。"
        at(story, answered, 12, "action_answer_complaint")
        job(story, "b2_1504", "complaint_response", "投诉：报修两小时无人联系", 3)
        # An enquiry answered on the phone
        enquiry = job(story, "b3_102", "enquiry", "咨询：物业费缴纳方式", 6)
        at(story, enquiry, 5.8, "action_close_enquiry")

    # ------------------------------------------------------------------
    # The steps of a job
    # ------------------------------------------------------------------
    @api.model
    def _job_create(self, story, unit, category, title, hours_ago, channel=None, area=None, **vals):
        """A job reported ``hours_ago``: its time limits run from the report."""
        ref = self.env.ref
        unit = ref(f"pm_aftersales.unit_{unit}") if unit else self.env["pm.unit"]
        partner = unit.owner_ids[:1]
        values = {
            "name": title,
            "description": f"<p>{title}</p>",
            "category_id": story["categories"][category].id,
            "unit_id": unit.id,
            "public_area_id": area and ref(f"pm_aftersales.public_area_{area}").id,
            "partner_id": partner.id,
            "partner_name": partner.name,
            "partner_email": partner.email,
            "channel_id": (channel or story["phone"]).id,
            "report_date": story["now"] - timedelta(hours=hours_ago),
        }
        values.update(vals)
        ticket = self.env["helpdesk.ticket"].create(values)
        ticket._send_acknowledgement()
        return ticket

    @api.model
    def _job_step(self, story, ticket, hours_ago, action, *args, user=None, **kwargs):
        """Run the workflow ``action`` of ``ticket`` (as ``user``), done
        ``hours_ago`` in the story."""
        records = ticket.with_user(user) if user else ticket
        return self._job_replay(
            ticket,
            story["now"] - timedelta(hours=hours_ago),
            lambda: getattr(records, action)(*args, **kwargs),
        )

    @api.model
    def _job_parts(self, ticket, lines, reserve=True):
        """Parts listed by the dispatcher, reserved from the store."""
        self.env["pm.ticket.part"].create(
            [
                {
                    "ticket_id": ticket.id,
                    "product_id": self.env.ref(f"pm_aftersales.part_{part}").id,
                    "product_uom_qty": qty,
                }
                for part, qty in lines
            ]
        )
        if lines and reserve:
            ticket.action_confirm_parts()

    @api.model
    def _job_work(
        self, story, ticket, user, dispatched, checked_in, done=None, text=None, used=None
    ):
        """The technician's work: dispatched, taken, on site and (with
        ``done``) completed, ``text`` being the diagnosis, work and materials."""
        self._job_step(story, ticket, dispatched, "_dispatch", user)
        self._job_step(story, ticket, dispatched - 0.05, "action_take_job", user=user)
        self._job_quote(story, ticket)
        self._job_step(story, ticket, checked_in, "action_check_in", user=user)
        if done is None:
            return
        for line in ticket.part_ids:
            line.with_user(user).quantity_used = line.product_uom_qty
        for line, (qty, reason) in (used or {}).items():
            line.with_user(user).write({"quantity_used": qty, "over_reason": reason})
        ticket.with_user(user).write(
            {
                "diagnosis": text[0],
                "work_done": text[1],
                "materials": text[2],
                "failure_cause_id": story["cause_of"].get(ticket.category_id, story["wear"]).id,
            }
        )
        self._job_quote(story, ticket)  # a revised quote for what went beyond it
        self._job_step(story, ticket, done, "action_complete", user=user)

    @api.model
    def _job_record(self, story, ticket, hours_ago, model, vals):
        """An acceptance or a follow-up visit of ``ticket`` made ``hours_ago``."""
        when = story["now"] - timedelta(hours=hours_ago)
        return self._job_replay(
            ticket, when, lambda: self.env[model].create(dict(vals, ticket_id=ticket.id, date=when))
        )

    @api.model
    def _job_accept(self, story, ticket, hours_ago):
        return self._job_record(
            story,
            ticket,
            hours_ago,
            "pm.ticket.acceptance",
            {
                "result": "accepted",
                "signature": story["signature"],
                "signed_by": ticket.partner_id.name or "工程部 验收",
                "partner_id": ticket.partner_id.id,
            },
        )

    @api.model
    def _job_followup(self, story, ticket, hours_ago, scores, comment):
        return self._job_record(
            story,
            ticket,
            hours_ago,
            "pm.ticket.followup",
            {
                "method": "phone",
                "user_id": self.env.ref("pm_aftersales.user_assistant").id,
                "score_speed": scores[0],
                "score_attitude": scores[1],
                "score_quality": scores[2],
                "comment": comment,
            },
        )

    @api.model
    def _job_replay(self, tickets, when, step):
        """Run ``step`` (a workflow action on ``tickets``) now, then date what
        it recorded at ``when``, as if it had been done then: the time limits
        it reached (met or missed at ``when``) or started, and the check-in,
        completion or answer dates it stamped on the jobs. (A time limit
        paused while the job waits on its owner is not replayed: resuming
        moves its deadline by the real time paused.)"""
        before = {milestone: milestone.state for milestone in tickets.sudo().milestone_ids}
        dates = {ticket: {fname: ticket[fname] for fname in JOB_DATES} for ticket in tickets}
        result = step()
        for milestone, state in before.items():
            if state == "running" and milestone.state in ("met", "missed"):
                milestone.write(
                    {
                        "reached_date": when,
                        "within_limit": when <= milestone.limit_deadline,
                        "state": "met" if when <= milestone.deadline else "missed",
                    }
                )
            elif state == "pending" and milestone.state == "running":
                milestone._start(when)
        for ticket in tickets:
            vals = {
                fname: when
                for fname in JOB_DATES
                if ticket[fname] and ticket[fname] != dates[ticket][fname]
            }
            if vals:
                ticket.sudo().write(vals)
        return result

    @api.model
    def _ticket_signature(self):
        image = Image.new("RGB", (240, 80), "white")
        ImageDraw.Draw(image).line(
            [(10, 60), (50, 20), (90, 62), (130, 25), (170, 58), (230, 20)], fill="navy", width=3
        )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return base64.b64encode(buffer.getvalue())
