from datetime import timedelta

from odoo import api, fields, models


class PmDemoBuilder(models.AbstractModel):
    """Demo rectification orders in every state, driven through the real
    workflow, loose defects and the daily notices. Called by
    demo/pm_rectification_demo.xml."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_rectifications(self):
        ref = self.env.ref
        today = fields.Date.context_today(self)
        supervisor = ref("pm_aftersales.user_cs_supervisor")
        manager = ref("pm_aftersales.user_manager")
        assistant = ref("pm_aftersales.user_assistant")
        hongyuan = ref("pm_aftersales.partner_contractor")
        anju = ref("pm_aftersales.partner_contractor_windows")
        crews = {
            "civil": ref("pm_aftersales.partner_contractor_civil"),
            "mep": ref("pm_aftersales.partner_contractor_mep"),
            "door": ref("pm_aftersales.partner_contractor_windows_door"),
            "upvc": ref("pm_aftersales.partner_contractor_windows_upvc"),
        }
        trades = {
            "civil": ref("pm_aftersales.pm_trade_civil"),
            "mep": ref("pm_aftersales.pm_trade_water_electric"),
            "door": ref("pm_aftersales.pm_trade_security_door"),
            "upvc": ref("pm_aftersales.pm_trade_upvc_window"),
        }
        Defect = self.env["pm.defect"].with_user(assistant)
        Order = self.env["pm.rectification.order"]
        # (unit, crew, state to reach, days ago, defects [(name, location)])
        plan = [
            (
                "unit_b3_101",
                "civil",
                "closed",
                40,
                [("客厅墙面空鼓", "客厅东墙"), ("卫生间地砖起拱", "主卫")],
            ),
            ("unit_b3_102", "mep", "accepted", 30, [("厨房插座无电", "厨房操作台")]),
            ("unit_b3_103", "door", "done", 25, [("防盗门关闭不严", "入户门")]),
            (
                "unit_b1_1202",
                "upvc",
                "done",
                20,
                [("主卧窗扇渗水", "主卧南窗"), ("次卧窗把手松动", "次卧")],
            ),
            (
                "unit_b1_801",
                "civil",
                "in_progress",
                12,
                [("阳台顶棚裂缝", "南阳台"), ("书房踢脚线脱落", "书房")],
            ),
            ("unit_b3_201", "mep", "overdue", 18, [("卫生间下水慢", "主卫地漏")]),
            ("unit_b3_202", "civil", "rejected", 22, [("客厅地面不平", "客厅")]),
            ("unit_b3_203", "civil", "planned", 8, [("外墙内侧渗水", "次卧北墙")]),
            ("unit_b3_204", "mep", "assigned", 6, [("电箱漏电开关跳闸", "入户电箱")]),
            ("unit_b3_301", "upvc", "verified", 4, [("塑钢窗密封条脱落", "客厅窗")]),
            ("unit_b3_302", "civil", "draft", 2, [("厨房吊顶开裂", "厨房")]),
        ]
        for index, (unit_xmlid, crew, target, days_ago, items) in enumerate(plan):
            unit = ref(f"pm_aftersales.{unit_xmlid}")
            start = today - timedelta(days=days_ago)
            defects = Defect.create(
                [
                    {
                        "name": name,
                        "location": location,
                        "unit_id": unit.id,
                        "trade_id": trades[crew].id,
                        "contractor_id": crews[crew].id,
                        "inspection_date": start,
                        "description": f"交接验收发现：{location}{name}。",
                    }
                    for name, location in items
                ]
            )
            order = Order.with_user(assistant).create(
                {
                    "unit_id": unit.id,
                    "trade_id": trades[crew].id,
                    "contractor_id": (anju if crew in ("door", "upvc") else hongyuan).id,
                    "crew_id": crews[crew].id,
                    "defect_ids": [fields.Command.set(defects.ids)],
                    "order_date": start,
                    "kind": "contact" if target == "draft" else "order",
                }
            )
            self._advance_rectification(order, target, start, index, supervisor, manager)
        # Loose defects: one to verify, one that was not a defect, one
        # verified and waiting for its order.
        loose = Defect.create(
            [
                {
                    "name": "入户门猫眼模糊",
                    "location": "入户门",
                    "unit_id": ref("pm_aftersales.unit_b3_303").id,
                    "trade_id": trades["door"].id,
                    "contractor_id": crews["door"].id,
                },
                {
                    "name": "墙面有钉孔",
                    "location": "次卧",
                    "unit_id": ref("pm_aftersales.unit_b3_304").id,
                    "trade_id": trades["civil"].id,
                    "verify_note": "业主自行安装挂画所致，不属质量瑕疵。",
                },
                {
                    "name": "卫生间排风扇噪音大",
                    "location": "客卫",
                    "unit_id": ref("pm_aftersales.unit_b3_401").id,
                    "trade_id": trades["mep"].id,
                    "contractor_id": crews["mep"].id,
                },
            ]
        )
        loose[1].with_user(supervisor).action_reject()
        loose[2].with_user(supervisor).action_verify()
        # Daily notices: yesterday's and today's.
        Notice = self.env["pm.rectification.notice"]
        yesterday = today - timedelta(days=1)
        for owner, orders in Notice._get_orders_by_owner().items():
            Notice.create(Notice._prepare_notice_vals(owner, orders, yesterday))
        Notice._send_daily_notices()
        return True

    @api.model
    def _advance_rectification(self, order, target, start, index, supervisor, manager):
        """Drive ``order`` through the workflow up to ``target``."""
        if target == "draft":
            return
        order.with_user(supervisor).action_verify()
        if target == "verified":
            return
        # Only the "overdue" order is late; the others still have time (or
        # were finished in time).
        days_ago = (fields.Date.context_today(order) - start).days
        deadline_days = {"overdue": days_ago - 2, "closed": 20, "accepted": 20, "done": 10}.get(
            target, days_ago + 5
        )
        order.write(
            {
                "department": "工程部",
                "handler": ["张伟", "刘洋", "赵敏"][index % 3],
                "handler_phone": f"1380571{index:04d}",
                "deadline": start + timedelta(days=deadline_days),
                "opinion": "经现场查验，属施工质量问题，由施工单位按规范整改，物业公司监督，"
                "整改完成后组织四方验收。",
                "opinion_signature": self._signature(index),
            }
        )
        order.with_user(manager).action_sign_opinion()
        if target == "assigned":
            order.write(
                {
                    "plan": "<p>1. 现场复核问题范围；2. 按原设计与规范整改；"
                    "3. 整改完成后自检并报验。</p>",
                    "budget_amount": 8000,
                }
            )
            order.action_submit_budget()
            return
        order.write(
            {
                "plan": "<p>1. 凿除并修补问题部位；2. 按规范养护；3. 自检合格后报物业查验。</p>",
                "budget_amount": 1200 + index * 300,
            }
        )
        order.action_submit_budget()
        order.with_user(supervisor).action_approve_budget()
        if target == "planned":
            return
        order.action_start()
        Progress = order.env["pm.rectification.progress"]
        steps = [(1, 30, "进场查看，完成问题部位清理。"), (3, 70, "完成主要整改施工，养护中。")]
        if target != "in_progress":
            steps.append((5, 100, "整改完成，自检合格，报请验收。"))
        for days, percent, note in steps:
            Progress.create(
                {
                    "order_id": order.id,
                    "date": start + timedelta(days=days),
                    "percent": percent if target != "overdue" else percent // 2,
                    "description": note,
                }
            )
        if target in ("in_progress", "overdue"):
            if target == "overdue":
                order._escalate("overdue")
            return
        order.action_done()
        parties = self._rectification_signatories(order, supervisor)
        if target == "done":
            if order.unit_id == self.env.ref("pm_aftersales.unit_b1_1202"):
                return  # the demo owner signs on the portal
            parties = parties[:2]
        for party, partner, name in parties:
            rejected = target == "rejected" and party == "owner"
            # Recorded on the supervisor's tablet.
            order.env["pm.rectification.signature"].with_user(supervisor).create(
                {
                    "order_id": order.id,
                    "party": party,
                    "partner_id": partner.id,
                    "signed_by": name,
                    "result": "rejected" if rejected else "accepted",
                    "signature": False if rejected else self._signature(index + len(name)),
                    "comment": "地面仍有明显高差，要求重新找平。" if rejected else False,
                }
            )
        if target == "closed":
            order.action_close()

    @api.model
    def _rectification_signatories(self, order, supervisor):
        ref = self.env.ref
        owner = order.unit_id.owner_ids[:1]
        return [
            ("property", supervisor.partner_id, supervisor.name),
            ("developer", ref("pm_aftersales.partner_developer_rep"), "周立新"),
            (
                "contractor",
                order.contractor_id.child_ids.filtered(lambda p: p.type == "contact")[:1]
                or order.contractor_id,
                "李强"
                if order.contractor_id == ref("pm_aftersales.partner_contractor")
                else "陈志明",
            ),
            ("owner", owner, owner.name),
        ]
