import base64
import io
from datetime import timedelta

from odoo import api, fields, models


class HelpdeskTicket(models.Model):
    """Demo scenario: jobs in every state of the workflow, replayed through
    the same methods as real work (with ``pm_now`` so the history has its
    real times), some late and escalated. Called by demo/pm_service_demo.xml
    only."""

    _inherit = "helpdesk.ticket"

    @api.model
    def _pm_demo_scenario(self):
        ref = self.env.ref
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        # The demo owners read Chinese: their messages are rendered now, before
        # the install would load the translations.
        if self.env["res.lang"]._lang_get("zh_CN"):
            self.env["ir.module.module"].search(
                [("name", "=", "pm_aftersales")]
            )._load_module_terms(["pm_aftersales"], ["zh_CN"])
        tech = {
            key: ref(f"pm_aftersales.user_{key}")
            for key in ("tech", "tech_02", "tech_03", "tech_05", "tech_06", "tech_07", "tech_09")
        }
        categories = {
            key: ref(f"pm_aftersales.helpdesk_category_{key}")
            for key in (
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
        }
        cause = {
            code: ref(f"pm_aftersales.pm_failure_cause_{code}")
            for code in ("wear", "blockage", "supply", "installation", "maintenance", "misuse")
        }
        # The cause each kind of demo repair is put down to.
        category_cause = {
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
        cause_of = {categories[key]: cause[code] for key, code in category_cause.items()}
        signature = self._pm_demo_signature()
        phone = ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        web = ref("helpdesk_mgmt.helpdesk_ticket_channel_web")

        def job(unit, category, title, hours_ago, channel=phone, area=None, **vals):
            unit = ref(f"pm_aftersales.unit_{unit}") if unit else self.env["pm.unit"]
            partner = unit.owner_ids[:1]
            values = {
                "name": title,
                "description": f"<p>{title}</p>",
                "category_id": categories[category].id,
                "unit_id": unit.id,
                "public_area_id": area and ref(f"pm_aftersales.public_area_{area}").id,
                "partner_id": partner.id,
                "partner_name": partner.name,
                "partner_email": partner.email,
                "channel_id": channel.id,
                "report_date": now - timedelta(hours=hours_ago),
            }
            values.update(vals)
            ticket = self.with_context(pm_now=values["report_date"]).create(values)
            ticket.with_context(pm_now=values["report_date"])._send_acknowledgement()
            return ticket

        def at(ticket, hours_ago, user=None):
            records = ticket.with_user(user) if user else ticket
            return records.with_context(pm_now=now - timedelta(hours=hours_ago))

        def parts(ticket, lines, reserve=True):
            """Parts listed by the dispatcher, reserved from the store."""
            self.env["pm.ticket.part"].create(
                [
                    {
                        "ticket_id": ticket.id,
                        "product_id": ref(f"pm_aftersales.part_{part}").id,
                        "product_uom_qty": qty,
                    }
                    for part, qty in lines
                ]
            )
            if lines and reserve:
                ticket.action_confirm_parts()

        def work(ticket, user, dispatched, checked_in, done=None, text=None, used=None):
            at(ticket, dispatched)._dispatch(user)
            at(ticket, dispatched - 0.05, user).action_take_job()
            at(ticket, checked_in, user).action_check_in()
            if done is not None:
                for line in ticket.part_ids:
                    line.with_user(user).quantity_used = line.product_uom_qty
                for line, (qty, reason) in (used or {}).items():
                    line.with_user(user).write({"quantity_used": qty, "over_reason": reason})
                ticket.with_user(user).write(
                    {
                        "diagnosis": text[0],
                        "work_done": text[1],
                        "materials": text[2],
                        "failure_cause_id": cause_of.get(ticket.category_id, cause["wear"]).id,
                    }
                )
                at(ticket, done, user).action_complete()

        def accept(ticket, hours_ago):
            self.env["pm.ticket.acceptance"].with_context(
                pm_now=now - timedelta(hours=hours_ago)
            ).create(
                {
                    "ticket_id": ticket.id,
                    "date": now - timedelta(hours=hours_ago),
                    "result": "accepted",
                    "signature": signature,
                    "signed_by": ticket.partner_id.name or "工程部 验收",
                    "partner_id": ticket.partner_id.id,
                }
            )

        def followup(ticket, hours_ago, scores, comment):
            self.env["pm.ticket.followup"].with_context(
                pm_now=now - timedelta(hours=hours_ago)
            ).create(
                {
                    "ticket_id": ticket.id,
                    "date": now - timedelta(hours=hours_ago),
                    "method": "phone",
                    "user_id": ref("pm_aftersales.user_assistant").id,
                    "score_speed": scores[0],
                    "score_attitude": scores[1],
                    "score_quality": scores[2],
                    "comment": comment,
                }
            )

        # Registered: two just now, one urgent left unattended (late, escalated)
        job("b1_302", "water_leak", "卫生间天花板滴水", 0.2, channel=web)
        job("b2_1504", "socket_switch", "客厅插座没电", 1)
        job("b1_1102", "burst_pipe", "厨房水管爆裂", 1.5)
        # Dispatched: assigned, in the civil crew's pool, and outsourced
        dispatched = job("b2_603", "power_failure", "整户跳闸停电", 0.15)
        at(dispatched, 0.1)._dispatch(tech["tech_02"])
        pooled = job("b3_501", "wall_crack", "卧室墙面裂缝", 3)
        at(pooled, 2.5)._dispatch(pool=True)
        lift = job(
            None,
            "lift_trapped",
            "2号楼A梯困人",
            0.1,
            area="b2_lift_a",
            equipment_id=ref("pm_aftersales.equipment_lift_b2_a").id,
        )
        at(lift, 0.08)._dispatch(vendor=ref("pm_aftersales.partner_vendor_kuaixiu"))
        # Accepted by the technician, not yet on site
        accepted = job("b1_1501", "blocked_drain", "厨房下水道堵塞", 0.6)
        at(accepted, 0.5)._dispatch(tech["tech_03"])
        at(accepted, 0.45, tech["tech_03"]).action_take_job()
        # On site: one working, one waiting on the owner, one delayed with a promise
        on_site = job("b2_203", "burst_pipe", "阳台水管爆裂", 2)
        parts(on_site, [("ppr_coupling", 4), ("angle_valve", 1)])
        work(on_site, tech["tech"], 1.95, 1.8)
        waiting = job("b1_704", "seepage", "外墙渗水到卧室", 30)
        work(waiting, tech["tech_05"], 29, 26)
        self.env["pm.ticket.pause"].create(
            {
                "ticket_id": waiting.id,
                "reason": "owner_absent",
                "note": "业主出差，约定下周回来后再施工",
                "date_start": now - timedelta(hours=25),
            }
        )
        delayed = job("b2_1201", "window_seal", "主卧窗户密封条老化漏风", 40)
        parts(delayed, [("window_seal", 6)])
        work(delayed, tech["tech_06"], 39, 30)
        at(delayed, 20).env["pm.ticket.delay"].create(
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
        # Done, awaiting the owner's acceptance (one of them reworked once)
        done = job("b1_804", "door_lock", "入户门锁打不开", 5)
        parts(done, [("lock_cylinder", 1)])
        work(done, tech["tech_05"], 4.8, 4.5, 3.5, ("锁芯卡死", "更换锁芯", "锁芯 ×1"))
        rework = job("b2_1802", "water_leak", "洗手盆下方漏水", 28)
        work(rework, tech["tech"], 27, 26, 25, ("下水管接口松动", "重新紧固接口", "生料带"))
        self.env["pm.ticket.acceptance"].with_context(pm_now=now - timedelta(hours=22)).create(
            {
                "ticket_id": rework.id,
                "date": now - timedelta(hours=22),
                "result": "rejected",
                "reason": "仍有渗水，柜子底板还是湿的",
                "partner_id": rework.partner_id.id,
            }
        )
        parts(rework, [("drain_kit", 1)])
        rework.part_ids.with_user(tech["tech"]).quantity_used = 1
        rework.with_user(tech["tech"]).write({"work_done": "更换下水管及密封圈"})
        at(rework, 20, tech["tech"]).action_complete()
        # Accepted by the owner, awaiting the follow-up visit
        verified = job("b3_304", "socket_switch", "厨房开关面板损坏", 30)
        parts(verified, [("switch_panel", 1)])
        work(verified, tech["tech_02"], 29.5, 29, 28, ("面板烧蚀", "更换开关面板", "开关面板 ×1"))
        accept(verified, 27)
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
            closed = job(unit, category, title, start)
            parts(closed, used)
            extra = {}
            if unit == "b2_904":
                # Both valves had rusted: one more than planned, with the reason.
                extra = {closed.part_ids: (2, "冷热水两个角阀都已锈蚀，一并更换")}
            work(
                closed,
                tech["tech_09"],
                start - 0.3,
                start - 1,
                start - 3,
                ("现场检查", "已修复", ""),
                used=extra,
            )
            accept(closed, start - 4)
            followup(closed, start - 20, scores, comment)
        # Cancelled by the owner
        cancelled = job("b1_1404", "window_seal", "窗户关不上", 10)
        parts(cancelled, [("angle_valve", 1)])
        at(cancelled, 9).action_cancel_job()
        # Repairs of the estate's equipment over the year: its failure history
        for equipment, category, title, start, used in (
            ("lift_b2_a", "lift_fault", "2号楼A梯层门关不上", 24 * 300, [("lift_roller", 2)]),
            ("lift_b2_a", "lift_fault", "2号楼A梯召唤按钮失灵", 24 * 170, [("lift_button", 1)]),
            ("lift_b2_a", "lift_fault", "2号楼A梯运行异响", 24 * 60, [("lift_roller", 1)]),
            ("lift_b1_a", "lift_fault", "1号楼A梯层门滚轮磨损", 24 * 120, [("lift_roller", 2)]),
            ("pump_1", "equipment_pump", "1号生活水泵压力不足", 24 * 200, []),
        ):
            machine = ref(f"pm_aftersales.equipment_{equipment}")
            repair = job(
                None,
                category,
                title,
                start,
                public_area_id=machine.pm_public_area_id.id,
                equipment_id=machine.id,
            )
            parts(repair, used)
            work(
                repair,
                tech["tech_07"],
                start - 0.2,
                start - 0.5,
                start - 3,
                ("现场检查", "已修复并试运行正常", ""),
            )
            accept(repair, start - 4)
            if repair.service_state == "verified":
                followup(repair, start - 24, (5, 5, 4), "运行正常")
        # Complaints: one answered, one new
        answered = job(
            "b1_1102",
            "complaint_attitude",
            "投诉：维修人员态度差",
            20,
            concerned_employee_id=ref("pm_aftersales.employee_tech_03").id,
            investigation="经核实，维修人员未按规范与业主沟通。",
        )
        answered.answer = "非常抱歉，已对该员工进行批评教育并安排服务礼仪培训。"
        at(answered, 12).action_answer_complaint()
        job("b2_1504", "complaint_response", "投诉：报修两小时无人联系", 3)
        # An enquiry answered on the phone
        enquiry = job("b3_102", "enquiry", "咨询：物业费缴纳方式", 6)
        at(enquiry, 5.8).action_close_enquiry()
        # The escalation job finds what is late now
        self.env["pm.ticket.milestone"]._cron_escalate()
        return True

    @api.model
    def _pm_demo_signature(self):
        from PIL import Image, ImageDraw

        image = Image.new("RGB", (240, 80), "white")
        ImageDraw.Draw(image).line(
            [(10, 60), (50, 20), (90, 62), (130, 25), (170, 58), (230, 20)], fill="navy", width=3
        )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return base64.b64encode(buffer.getvalue())
