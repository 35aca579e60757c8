"""19.0.1.1.0: the company's rectification escalation delay becomes its
escalation ladder (migrations/19.0.1.1.0/post-escalation.py)."""

from datetime import timedelta

from odoo.modules.module import load_script
from odoo.tools.sql import column_exists

from ..common_rectification import PmRectificationCommon

SCRIPT = "pm_aftersales/migrations/19.0.1.1.0/post-escalation.py"


class TestRectificationEscalationMigration(PmRectificationCommon):
    def _migrate(self, delays):
        """Run the script on a database as 19.0.1.0.1 left it: the setting
        in its column, a ladder for the main company only (the shipped
        levels, loaded before the script runs)."""
        cr = self.env.cr
        if not column_exists(cr, "res_company", "pm_rectification_escalation_days"):
            cr.execute("ALTER TABLE res_company ADD COLUMN pm_rectification_escalation_days int4")
        cr.execute("UPDATE res_company SET pm_rectification_escalation_days = 2")
        for company, days in delays.items():
            cr.execute(
                "UPDATE res_company SET pm_rectification_escalation_days = %s WHERE id = %s",
                (days, company.id),
            )
        main = self.env.ref("base.main_company")
        self.env["pm.rectification.escalation"].search([("company_id", "!=", main.id)]).unlink()
        self.env.flush_all()
        load_script(SCRIPT, "pm_aftersales_post_escalation").migrate(cr, "19.0.1.0.1")
        self.env.invalidate_all()

    def _ladder(self, company):
        return [
            (level.level, level.target, level.delay_days)
            for level in company.pm_rectification_escalation_ids
        ]

    def test_each_companys_delay_becomes_its_ladder(self):
        main = self.env.ref("base.main_company")
        self._migrate({main: 3, self.company: 5, self.company_b: None})
        self.assertEqual(
            self._ladder(main), [(1, "rect_owner", 0), (2, "up", 3), (3, "up", 3), (4, "up", 3)]
        )
        self.assertEqual(
            self._ladder(self.company),
            [(1, "rect_owner", 0), (2, "up", 5), (3, "up", 5), (4, "up", 5)],
        )
        # empty: one day, as the cron read it
        self.assertEqual(
            self._ladder(self.company_b),
            [(1, "rect_owner", 0), (2, "up", 1), (3, "up", 1), (4, "up", 1)],
        )

    def test_migrated_ladder_drives_the_orders(self):
        self._migrate({self.company: 5})
        order = self._create_order(rect_owner_id=self.users["cs_supervisor"].id)
        self._advance(order, "in_progress", deadline="2026-03-10")
        self.assertTrue(order.next_escalation_date)
        order._escalate()
        self.assertEqual(order.escalation_level, 1)
        self.assertEqual(order.next_escalation_date, order.last_escalation_date + timedelta(days=5))

    def test_nothing_to_do_without_the_setting(self):
        if column_exists(self.env.cr, "res_company", "pm_rectification_escalation_days"):
            self.env.cr.execute(
                "ALTER TABLE res_company DROP COLUMN pm_rectification_escalation_days"
            )
        before = self._ladder(self.company)
        load_script(SCRIPT, "pm_aftersales_post_escalation").migrate(self.env.cr, "19.0.1.0.1")
        self.env.invalidate_all()
        self.assertEqual(self._ladder(self.company), before)
