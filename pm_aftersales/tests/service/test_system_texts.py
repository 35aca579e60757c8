"""What the system writes by itself is written for its reader: in the
recipient's language (else the company's), with times on the company's clock
(Asia/Shanghai here)."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..common_rectification import PmRectificationCommon
from ..common_service import T0, PmServiceCommon
from ..common_staff import PmStaffCommon

M = timedelta(minutes=1)


class SystemTextsMixin:
    @classmethod
    def _setup_languages(cls):
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.company.partner_id.write({"lang": "en_US", "tz": "Asia/Shanghai"})

    def _company_in_chinese(self):
        self.env.company.partner_id.lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestEscalationTexts(SystemTextsMixin, PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_languages()

    def _escalate_response(self, run_lang):
        """The response of a burst pipe (limit 5 min, due 10:05 UTC, 18:05 in
        Shanghai) is late at 10:06: level 1, the crew's leader. The cron runs
        in ``run_lang``, which must not matter."""
        job = self._create_job()
        with freeze_time(T0 + 6 * M):
            self.env["pm.ticket.milestone"].with_context(lang=run_lang)._cron_escalate()
        activity = job.activity_ids.filtered(lambda a: a.user_id == self.leader)
        message = job.message_ids.filtered(lambda m: self.leader.partner_id in m.partner_ids)
        self.assertEqual((len(activity), len(message)), (1, 1))
        return job, activity, message

    def test_chinese_recipient_chinese_text_and_shanghai_time(self):
        self.leader.lang = "zh_CN"
        job, activity, message = self._escalate_response("en_US")
        self.assertEqual(activity.summary, f"第 1 级升级：{job.number} 的“接单”")
        for body in (activity.note, message.body):
            self.assertIn("本工单的“接单”状态为已超时（时限 2026/3/2 18:05）", body)
            self.assertIn(f"已升级至 {self.leader.name}（第 1 级）", body)
            self.assertNotIn("10:05", body)

    def test_english_recipient_english_text_and_shanghai_time(self):
        self._company_in_chinese()
        self.leader.lang = "en_US"
        job, activity, message = self._escalate_response("zh_CN")
        self.assertEqual(activity.summary, f"Escalation level 1: Response of {job.number}")
        for body in (activity.note, message.body):
            self.assertIn("Response of this job is Late (deadline 3/2/26, 6:05", body)
            self.assertNotIn("10:05", body)

    def test_recipient_without_language_gets_the_companys(self):
        self._company_in_chinese()
        self.leader.lang = False
        job, activity, _message = self._escalate_response("en_US")
        self.assertEqual(activity.summary, f"第 1 级升级：{job.number} 的“接单”")

    def test_nobody_at_the_level_in_the_companys_language(self):
        self._company_in_chinese()
        self.crew.user_id = False
        job = self._create_job()
        with freeze_time(T0 + 6 * M):
            self.env["pm.ticket.milestone"]._cron_escalate()
        self.assertIn("本工单的“接单”应升级（第 1 级）", job.message_ids[0].body)

    def test_dispatch_note_in_the_companys_language(self):
        self._company_in_chinese()
        job = self._create_job()
        job.with_context(lang="en_US")._dispatch(self.tech_plumber)
        note = job.message_ids.filtered(
            lambda m: (
                m.subtype_id == self.env.ref("mail.mt_note")
                and m.message_type != "sms"  # the owner's SMS names him too
                and self.tech_plumber.name in (m.body or "")
            )
        )
        self.assertEqual(len(note), 1)
        self.assertIn(f"工单已派给 {self.tech_plumber.name}。", note.body)

    def test_low_score_complaint_in_the_companys_language(self):
        self._company_in_chinese()
        job = self._create_job()
        followup = self.env["pm.ticket.followup"].new(
            {"ticket_id": job.id, "score_speed": 1, "score_attitude": 3, "score_quality": 3}
        )
        complaint = job.with_context(lang="en_US")._open_complaint_from_followup(followup)
        self.assertEqual(complaint.name, f"工单 {job.number} 满意度低")
        self.assertIn(f"满意度低：已生成投诉 {complaint.number}。", job.message_ids[0].body)

    def test_past_promise_refused_with_the_local_time(self):
        """The refusal says 'now' on the company's clock (18:00 in Shanghai),
        in the user's language."""
        job = self._create_job()
        completion = job.milestone_ids.filtered(lambda m: m.milestone_type == "completion")
        with freeze_time(T0), self.assertRaises(ValidationError) as refusal:
            self.env["pm.ticket.delay"].with_context(lang="zh_CN").create(
                {
                    "ticket_id": job.id,
                    "milestone_id": completion.id,
                    "reason_id": self.env.ref("pm_aftersales.pm_delay_reason_parts").id,
                    "explanation": "Too late",
                    "promised_date": T0 - 60 * M,
                    "user_id": self.tech_plumber.id,
                }
            )
        self.assertIn("18:00", str(refusal.exception))
        self.assertIn("承诺时间必须晚于现在", str(refusal.exception))
        self.assertNotIn("10:00", str(refusal.exception))


@tagged("post_install", "-at_install")
class TestKpiActionTexts(SystemTextsMixin, PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_languages()
        Kpi = cls.env["pm.kpi"]
        company = [("company_id", "=", cls.env.company.id), ("metric", "=", "urgent_arrival")]
        cls.kpi = Kpi.search(company) or Kpi.create(
            {"name": "Urgent arrivals", "metric": "urgent_arrival", "target": 90}
        )
        cls.kpi.with_context(lang="en_US").name = "Urgent arrivals"
        cls.kpi.with_context(lang="zh_CN").name = "紧急到场及时率"

    def _red_evaluation(self, run_lang):
        """February below target for the crew: its leader answers for it,
        whatever the language the evaluation runs in (``run_lang``)."""
        evaluation = self.env["pm.kpi.evaluation"].create(
            {
                "kpi_id": self.kpi.id,
                "company_id": self.env.company.id,
                "date_from": "2026-02-01",
                "date_to": "2026-02-28",
                "scope": "team",
                "team_id": self.crew.id,
                "value": 60,
                "target": 90,
                "sample": 5,
                "status": "red",
            }
        )
        evaluation.with_context(lang=run_lang)._open_actions()
        action = evaluation.action_ids
        self.assertEqual(action.user_id, self.leader)
        return action

    def test_chinese_responsible(self):
        self.leader.lang = "zh_CN"
        action = self._red_evaluation("en_US")
        self.assertEqual(
            action.description,
            "请查找原因并制定改进措施：紧急到场及时率 为 60.0，目标为 90.0。",
        )
        self.assertEqual(action.activity_ids.summary, "改进：紧急到场及时率")

    def test_english_responsible(self):
        self._company_in_chinese()
        self.leader.lang = "en_US"
        action = self._red_evaluation("zh_CN")
        self.assertEqual(
            action.description,
            "Find the cause and decide the improvement: Urgent arrivals is 60.0 against a "
            "target of 90.0.",
        )
        self.assertEqual(action.activity_ids.summary, "Improve: Urgent arrivals")

    def test_responsible_without_language_gets_the_companys(self):
        self._company_in_chinese()
        self.leader.lang = False
        action = self._red_evaluation("en_US")
        self.assertEqual(action.activity_ids.summary, "改进：紧急到场及时率")


@tagged("post_install", "-at_install")
class TestRectificationTexts(SystemTextsMixin, PmRectificationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_languages()
        cls.env.user.tz = "Asia/Shanghai"

    def setUp(self):
        super().setUp()
        self.owner = self.users["cs_supervisor"]
        self.order = self._create_order(rect_owner_id=self.owner.id)

    def _escalate_overdue(self, run_lang):
        self._advance(self.order, "in_progress", deadline="2026-03-10")
        with freeze_time(datetime(2026, 3, 10, 16, 30)):  # the day after, in Shanghai
            self.env["pm.rectification.order"].with_context(lang=run_lang)._cron_escalate()
        activity = self.order.activity_ids.filtered(lambda a: a.user_id == self.owner)
        self.assertEqual(len(activity), 1)
        return activity, self.order.message_ids[0]

    def test_defect_to_do_in_the_supervisors_language(self):
        supervisor = self.estate.cs_supervisor_id
        supervisor.lang = "zh_CN"
        defect = self._create_defect()
        activity = defect.activity_ids.filtered(lambda a: a.user_id == supervisor)
        self.assertEqual(activity.summary, "现场核实瑕疵")

    def test_escalation_chinese_recipient(self):
        self.owner.lang = "zh_CN"
        activity, message = self._escalate_overdue("en_US")
        self.assertEqual(activity.summary, "整改超过期限")
        self.assertIn(f"已升级至 {self.owner.name}（第 1 级）：整改超过期限", message.body)

    def test_escalation_english_recipient(self):
        self._company_in_chinese()
        self.owner.lang = "en_US"
        activity, message = self._escalate_overdue("zh_CN")
        self.assertEqual(activity.summary, "Rectification past its deadline")
        self.assertIn("(level 1): Rectification past its deadline", message.body)

    def test_escalation_recipient_without_language_gets_the_companys(self):
        self._company_in_chinese()
        self.owner.lang = False
        activity, _message = self._escalate_overdue("en_US")
        self.assertEqual(activity.summary, "整改超过期限")

    def test_signed_parties_in_the_readers_language(self):
        self._advance(self.order, "done")
        self._sign(self.order, "property")
        self._sign(self.order, "developer")
        order = self.order
        self.assertEqual(order.with_context(lang="zh_CN").signed_parties, "物业公司, 开发商")
        self.assertEqual(
            order.with_context(lang="en_US").signed_parties, "Property Company, Developer"
        )

    def test_rejection_note_in_the_companys_language(self):
        self._company_in_chinese()
        self._advance(self.order, "done")
        self._sign(self.order, "owner", result="rejected")  # an English owner's portal
        notes = self.order.message_ids.mapped("body")
        self.assertTrue(any("业主（Owner A）验收不通过：Still cracked" in n for n in notes), notes)

    def test_inspection_to_do_in_the_assistants_language(self):
        assistant = self.users["assistant"]
        assistant.lang = "zh_CN"
        self.order.assistant_id = assistant
        self.order.with_user(self.user_owner_a).sudo().action_request_inspection("Come and see")
        activity = self.order.activity_ids.filtered(lambda a: a.user_id == assistant)
        self.assertEqual(activity.summary, "业主申请现场查验")
        # The note on the order, read by all: the company's language.
        self.assertIn(
            "The owner asks for an on-site inspection: Come and see", self.order.message_ids[0].body
        )


@tagged("post_install", "-at_install")
class TestStaffTexts(SystemTextsMixin, PmStaffCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_languages()

    def _close_february(self):
        self._build_february()
        self.period.action_compute()
        manager = self.users["manager"]
        self.period.with_user(manager).with_context(lang=manager.lang).action_close()
        return self.env["pm.reward.penalty"].search(
            [("employee_id", "=", self.emp_mason.id), ("kind", "=", "praise")]
        )

    def test_suggested_reward_in_the_companys_language(self):
        self._company_in_chinese()
        self.users["manager"].lang = "en_US"  # who closes the period does not matter
        praise = self._close_february()
        self.assertEqual(praise.reason, "2026-02 Water crew 第一名，得分 100.0。")
        self.assertEqual(praise.name, "表扬 Tech mason")

    def test_suggested_reward_english_company(self):
        self.users["manager"].lang = "zh_CN"
        praise = self._close_february()
        self.assertEqual(praise.reason, "Best of Water crew in 2026-02 with 100.0 points.")
        self.assertEqual(praise.name, "Praise Tech mason")

    def test_decision_to_do_in_the_managers_language(self):
        praise = self._close_february()
        manager = self.env.ref("pm_aftersales.group_pm_manager").user_ids[:1]
        manager.lang = "zh_CN"
        praise.with_user(self.users["eng_supervisor"]).action_submit()
        self.assertEqual(praise.activity_ids.user_id, manager)
        self.assertEqual(praise.activity_ids.summary, "审批此奖惩")

    def _creation_note(self, period):
        return period.message_ids.filtered(lambda m: m.message_type == "notification").body

    def test_period_created_in_the_companys_language(self):
        self._company_in_chinese()
        period = (
            self.env["pm.scorecard.period"]
            .with_context(tracking_disable=False, lang="en_US")
            .create({"name": "2026-05", "date_from": "2026-05-01", "date_to": "2026-05-31"})
        )
        self.assertIn("考核期 创建", self._creation_note(period))

    def test_cron_opens_the_month_of_the_companys_calendar(self):
        """31 March 16:30 UTC is 1 April in Shanghai: April's period opens,
        announced in the company's language."""
        self._company_in_chinese()
        Period = self.env["pm.scorecard.period"].with_context(tracking_disable=False)
        with freeze_time(datetime(2026, 3, 31, 16, 30)):
            Period._cron_compute_periods()
        april = Period.search(
            [("company_id", "=", self.env.company.id), ("date_from", "=", "2026-04-01")]
        )
        self.assertEqual((april.name, str(april.date_to)), ("2026-04", "2026-04-30"))
        self.assertIn("考核期 创建", self._creation_note(april))
        self.assertTrue(april.computed_date)
        self.assertTrue(self.period.computed_date)  # February, still open, recomputed


@tagged("post_install", "-at_install")
class TestRepairJobTitle(SystemTextsMixin, PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_languages()
        area = cls.env["pm.public.area"].create(
            {"name": "Pump room", "estate_id": cls.estate.id, "area_type": "plant_room"}
        )
        cls.team = cls.env["maintenance.team"].create({"name": "Plant crew"})
        cls.pump = cls.env["maintenance.equipment"].create(
            {
                "name": "1号生活水泵",
                "category_id": cls.env.ref("pm_aftersales.equipment_category_pump").id,
                "pm_public_area_id": area.id,
            }
        )
        cls.done_stage = cls.env["maintenance.stage"].search([("done", "=", True)], limit=1)

    def _close_with_failed_check(self, run_lang):
        request = self.env["maintenance.request"].create(
            {
                "name": "Pump inspection",
                "equipment_id": self.pump.id,
                "maintenance_team_id": self.team.id,
                "pm_check_ids": [
                    Command.create({"name": "机械密封", "result": "failed", "note": "Leaking"})
                ],
            }
        )
        # Closed by a technician speaking ``run_lang``.
        request.with_context(lang=run_lang).stage_id = self.done_stage
        self.assertEqual(len(request.pm_ticket_ids), 1)
        return request.pm_ticket_ids

    def test_title_in_the_companys_language(self):
        self._company_in_chinese()
        job = self._close_with_failed_check("en_US")
        self.assertEqual(job.name, "1号生活水泵：机械密封 检查不合格")

    def test_title_english_company(self):
        job = self._close_with_failed_check("zh_CN")
        self.assertEqual(job.name, "机械密封 failed: 1号生活水泵")
