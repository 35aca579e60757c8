from datetime import datetime, timedelta

from freezegun import freeze_time

from ..common_rectification import PmRectificationCommon

# The deadline is 2026-03-10; Shanghai's day after starts at 16:00 UTC.
LAST_MINUTE = datetime(2026, 3, 10, 15, 59)
DAY_AFTER = datetime(2026, 3, 10, 16, 30)


class TestRectificationEscalation(PmRectificationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Asia/Shanghai"
        # Two days between levels (the ladder's levels above the first).
        ladder = cls.env.company.pm_rectification_escalation_ids
        ladder.filtered(lambda level: level.level > 1).delay_days = 2

    def setUp(self):
        super().setUp()
        self.Order = self.env["pm.rectification.order"]
        self.order = self._create_order(rect_owner_id=self.users["cs_supervisor"].id)
        self._advance(self.order, "in_progress", deadline="2026-03-10")

    def _escalation_activities(self, order):
        return order.activity_ids.filtered(lambda a: "Rectification" in (a.summary or ""))

    def test_escalates_the_day_after_the_deadline_once_per_level(self):
        order = self.order
        with freeze_time(LAST_MINUTE):
            self.Order._cron_escalate()
            self.assertFalse(order.is_overdue)
        self.assertEqual(order.escalation_level, 0)
        with freeze_time(DAY_AFTER):
            order.invalidate_recordset(["is_overdue"])  # a new day, a new request
            self.assertTrue(order.is_overdue)
            self.assertIn(order, self.Order.search([("is_overdue", "=", True)]))
            self.Order._cron_escalate()
        self.assertEqual((order.escalation_level, order.escalation_reason), (1, "overdue"))
        first = self._escalation_activities(order)
        self.assertEqual(first.user_id, self.users["cs_supervisor"])  # the rectification owner
        # Every hourly run of that day and the next: still level 1, no new activity.
        for hours in (1, 5, 24, 47):
            with freeze_time(DAY_AFTER + timedelta(hours=hours)):
                self.Order._cron_escalate()
        self.assertEqual(order.escalation_level, 1)
        self.assertEqual(len(self._escalation_activities(order)), 1)
        # Still late after the configured delay (2 days): one level up, the manager.
        with freeze_time(DAY_AFTER + timedelta(days=2)):
            self.Order._cron_escalate()
            self.Order._cron_escalate()
        self.assertEqual(order.escalation_level, 2)
        second = self._escalation_activities(order) - first
        self.assertEqual(second.user_id, self.users["manager"])
        # Nobody above the manager: the ladder ends, nothing more is sent.
        with freeze_time(DAY_AFTER + timedelta(days=10)):
            self.Order._cron_escalate()
        self.assertEqual(order.escalation_level, 2)
        self.assertEqual(len(self._escalation_activities(order)), 2)

    def test_employee_hierarchy_is_the_ladder(self):
        boss = self.users["eng_supervisor"]
        self.env["hr.employee"].create({"name": "Boss", "user_id": boss.id})
        self.env["hr.employee"].create(
            {
                "name": "Supervisor",
                "user_id": self.users["cs_supervisor"].id,
                "parent_id": boss.employee_id.id,
            }
        )
        self.assertEqual(self.order._get_escalation_target(2), boss)

    def test_no_escalation_when_finished_in_time_or_closed(self):
        self.env["pm.rectification.progress"].create(
            {"order_id": self.order.id, "percent": 100, "description": "Done", "date": "2026-03-09"}
        )
        self.order.action_done()
        with freeze_time(DAY_AFTER):
            self.order.invalidate_recordset(["is_overdue"])
            self.assertFalse(self.order.is_overdue)
            self.Order._cron_escalate()
        self.assertEqual(self.order.escalation_level, 0)

    def test_rejected_acceptance_escalates_at_once_then_up(self):
        order = self._create_order(rect_owner_id=self.users["cs_supervisor"].id)
        self._advance(order, "done", deadline="2026-03-20")
        with freeze_time(datetime(2026, 3, 12, 2, 0)):
            self._sign(order, "owner", result="rejected")
        self.assertEqual((order.escalation_level, order.escalation_reason), (1, "rejected"))
        self.assertEqual(self._escalation_activities(order).user_id, self.users["cs_supervisor"])
        with freeze_time(datetime(2026, 3, 13, 2, 0)):
            self.Order._cron_escalate()
        self.assertEqual(order.escalation_level, 1)
        with freeze_time(datetime(2026, 3, 14, 3, 0)):
            self.Order._cron_escalate()
        self.assertEqual(order.escalation_level, 2)

    def test_overdue_filter_in_the_list(self):
        with freeze_time(DAY_AFTER):
            overdue = self.Order.search([("is_overdue", "=", True)])
            not_overdue = self.Order.search([("is_overdue", "=", False)])
        self.assertIn(self.order, overdue)
        self.assertNotIn(self.order, not_overdue)

    def test_queries_do_not_grow_with_orders_not_due(self):
        def count(extra):
            for _i in range(extra):
                self._advance(self._create_order(), "in_progress", deadline="2026-04-30")
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            with freeze_time(LAST_MINUTE):
                self.Order._cron_escalate()
                self.env.flush_all()
            return self.env.cr.sql_log_count - before

        self.assertEqual(count(2), count(6))

    # ------------------------------------------------------------------
    # The company's ladder (the escalation engine)
    # ------------------------------------------------------------------
    def test_next_escalation_is_stored_on_the_companys_clock(self):
        order = self.order
        # the day after the deadline starts at 16:00 UTC in Shanghai
        self.assertEqual(order.next_escalation_date, datetime(2026, 3, 10, 16, 0))
        self.assertIn(order, self.Order.search([("next_escalation_date", "<=", DAY_AFTER)]))
        order.deadline = "2026-03-20"
        self.assertEqual(order.next_escalation_date, datetime(2026, 3, 20, 16, 0))
        with freeze_time(datetime(2026, 3, 21, 1, 0)):
            self.Order._cron_escalate()
        self.assertEqual(order.escalation_level, 1)
        # level 2: two days after the escalation
        self.assertEqual(order.next_escalation_date, order.last_escalation_date + timedelta(days=2))
        order.state = "done"  # no longer late: nothing more to come
        self.assertFalse(order.next_escalation_date)

    def test_ladder_levels_are_configured_per_company(self):
        ladder = self.env.company.pm_rectification_escalation_ids
        self.assertEqual(ladder.mapped("level"), [1, 2, 3, 4])
        boss = self.users["eng_supervisor"]
        ladder.filtered(lambda level: level.level == 3).write(
            {"target": "user", "user_id": boss.id, "delay_days": 1}
        )
        order = self.order
        for when in (DAY_AFTER, DAY_AFTER + timedelta(days=2), DAY_AFTER + timedelta(days=3)):
            with freeze_time(when):
                self.Order._cron_escalate()
        self.assertEqual(order.escalation_level, 3)
        third = self._escalation_activities(order).filtered(lambda a: a.user_id == boss)
        self.assertEqual(len(third), 1)
        self.assertIn(f"Escalated to {boss.name} (level 3)", order.message_ids[0].body)
        # another company's ladder does not count
        self.assertNotIn(ladder, self.company_b.pm_rectification_escalation_ids)

    def test_a_new_company_gets_the_main_companys_ladder(self):
        main = self.env.ref("base.main_company").pm_rectification_escalation_ids
        company = self.env["res.company"].create({"name": "New Property Co."})
        ladder = company.pm_rectification_escalation_ids
        self.assertEqual(
            [(level.level, level.target, level.delay_days) for level in ladder],
            [(level.level, level.target, level.delay_days) for level in main],
        )
        self.assertEqual(ladder[0].target, "rect_owner")
