from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tools import mute_logger

from ..common_rectification import PmRectificationCommon

# 10:00 in Shanghai on 2026-03-06, and the same time the next day.
DAY_1 = datetime(2026, 3, 6, 2, 0)
DAY_2 = datetime(2026, 3, 7, 2, 0)


class TestRectificationNotice(PmRectificationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_zh_CN").active = True
        cls.owner_a.lang = "zh_CN"
        cls.owner_b.lang = "en_US"
        # The company's day is Shanghai's whoever runs the cron.
        cls.env.user.tz = "Asia/Shanghai"
        # Only the orders of these tests are open (not the demo data's).
        cls.env["pm.rectification.order"].search([]).write({"state": "closed"})

    def setUp(self):
        super().setUp()
        self.Notice = self.env["pm.rectification.notice"]

    def _orders(self):
        order_a1 = self._advance(self._create_order(), "in_progress")
        self.env["pm.rectification.progress"].create(
            {
                "order_id": order_a1.id,
                "percent": 40,
                "description": "墙面已凿除",
                "date": "2026-03-05",
            }
        )
        order_a2 = self._advance(self._create_order(unit=self.unit_a2), "verified")
        order_b = self._advance(self._create_order(unit=self.unit_b), "planned")
        draft = self._create_order()  # not verified yet: nothing to tell
        return order_a1, order_a2, order_b, draft

    def test_one_notice_per_owner_per_day(self):
        order_a1, order_a2, order_b, draft = self._orders()
        with freeze_time(DAY_1):
            notices = self.env["pm.rectification.order"]._cron_daily_notices()
        self.assertEqual(len(notices), 2)
        notice_a = notices.filtered(lambda n: n.partner_id == self.owner_a)
        self.assertEqual(str(notice_a.date), "2026-03-06")
        self.assertEqual(notice_a.order_ids, order_a1 | order_a2)  # every open order, no draft
        self.assertIn(order_a1.name, notice_a.body)
        self.assertIn("墙面已凿除", notice_a.body)  # the latest work
        self.assertNotIn(draft.name, notice_a.body)
        self.assertNotIn(order_b.name, notice_a.body)
        self.assertTrue(notice_a.mail_id)
        self.assertEqual(notice_a.mail_id.recipient_ids, self.owner_a)
        # Run again the same day (a retry, a second worker): nothing more.
        with freeze_time(DAY_1.replace(hour=9)):
            again = self.env["pm.rectification.order"]._cron_daily_notices()
        self.assertFalse(again)
        self.assertEqual(self.Notice.search_count([("date", "=", "2026-03-06")]), 2)
        # The next day: one each again.
        with freeze_time(DAY_2):
            self.assertEqual(len(self.env["pm.rectification.order"]._cron_daily_notices()), 2)

    def test_none_after_closing(self):
        order_a1, order_a2, _order_b, _draft = self._orders()
        order_a2.unlink()
        self._advance_to_closed(order_a1)
        with freeze_time(DAY_1):
            notices = self.env["pm.rectification.order"]._cron_daily_notices()
        self.assertEqual(notices.partner_id, self.owner_b)
        self.assertFalse(self.Notice.search([("partner_id", "=", self.owner_a.id)]))

    def _advance_to_closed(self, order):
        self.env["pm.rectification.progress"].create(
            {"order_id": order.id, "percent": 100, "description": "Done", "date": "2026-03-05"}
        )
        order.action_done()
        self._sign_all(order)
        order.action_close()
        self.assertEqual(order.state, "closed")

    def test_notice_in_the_owner_language(self):
        self._orders()
        with freeze_time(DAY_1):
            notices = self.env["pm.rectification.order"]._cron_daily_notices()
        notice_a = notices.filtered(lambda n: n.partner_id == self.owner_a)
        notice_b = notices.filtered(lambda n: n.partner_id == self.owner_b)
        self.assertIn("Here is the rectification progress", notice_b.body)
        self.assertIn("整改进度", notice_a.body)
        self.assertNotIn("Here is the rectification progress", notice_a.body)
        self.assertIn("整改进度", notice_a.mail_id.subject)
        self.assertIn("rectification progress", notice_b.mail_id.subject)

    def test_database_refuses_a_second_notice_the_same_day(self):
        self._orders()
        vals = {
            "partner_id": self.owner_a.id,
            "date": "2026-03-06",
            "company_id": self.env.company.id,
        }
        self.Notice.create(vals)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as error,
            self.env.cr.savepoint(),
        ):
            self.Notice.create(vals)
        self.assertIn(
            "one rectification notice a day", self.Notice._sql_error_to_message(error.exception)
        )

    def test_queries_do_not_grow_with_owners(self):
        """The cron costs the same number of queries for 2 owners as for 6."""

        def run_with_owners(count, day):
            self.env["pm.rectification.order"].search([]).write({"state": "closed"})
            for index in range(count):
                partner = self.env["res.partner"].create(
                    {"name": f"Owner {day.day}-{index}", "email": f"o{day.day}{index}@example.com"}
                )
                unit = self._create_unit(self.building, f"N{day.day}-{index}")
                self.env["pm.unit.occupant"].create(
                    {"unit_id": unit.id, "partner_id": partner.id, "role": "owner"}
                )
                self._advance(self._create_order(unit=unit), "verified")
            self.env.flush_all()
            self.env.invalidate_all()
            queries = self.env.cr.sql_log_count
            with freeze_time(day):
                notices = self.env["pm.rectification.order"]._cron_daily_notices()
                self.env.flush_all()
            self.assertEqual(len(notices), count)
            return self.env.cr.sql_log_count - queries

        run_with_owners(1, DAY_1 - timedelta(days=1))  # warm the caches up
        small = run_with_owners(2, DAY_1)
        large = run_with_owners(6, DAY_2)
        self.assertEqual(small, large)
