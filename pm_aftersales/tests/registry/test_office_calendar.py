from datetime import datetime

from odoo.tests import tagged

from ..common_service import PmServiceCommon

# Monday 2 March 2026, 09:00 in Shanghai (UTC+8).
MONDAY_9_SHANGHAI = datetime(2026, 3, 2, 1, 0)


@tagged("post_install", "-at_install")
class TestOfficeCalendar(PmServiceCommon):
    def _install_for_shanghai(self):
        """What the install does for a main company in Shanghai (the install
        runs as a user whose time zone is Brussels)."""
        self.env.ref("base.main_company").partner_id.tz = "Asia/Shanghai"
        self.env["res.company"].with_context(tz="Europe/Brussels")._pm_init_calendars()

    def test_complaint_due_on_the_company_clock(self):
        """A complaint registered at 09:00 in Shanghai, to be answered within 4
        office hours (08:00-12:00, 13:00-17:00): due at 14:00 Shanghai time,
        not at 19:00 as with Brussels office hours."""
        self._install_for_shanghai()
        self.assertEqual(self.company._pm_tz().zone, "Asia/Shanghai")
        complaint = self._create_job(
            category=self.cat_complaint_attitude, when=MONDAY_9_SHANGHAI, name="Rude"
        )
        response = self._milestone(complaint, "response")
        self.assertEqual(response.rule_line_id.duration, 4)
        self.assertEqual(response.deadline, datetime(2026, 3, 2, 6, 0))  # 14:00 in Shanghai
        # 5 office hours: the lunch hour does not count, due at 15:00
        response.rule_line_id.duration = 5
        complaint = self._create_job(
            category=self.cat_complaint_attitude, when=MONDAY_9_SHANGHAI, name="Rude again"
        )
        self.assertEqual(
            self._milestone(complaint, "response").deadline, datetime(2026, 3, 2, 7, 0)
        )

    def test_install_puts_company_calendars_in_its_time_zone(self):
        main = self.env.ref("base.main_company")
        main.resource_calendar_id.tz = "Europe/Brussels"
        elsewhere = self.env["resource.calendar"].create(
            {"name": "Paris desk", "tz": "Europe/Paris", "company_id": main.id}
        )
        self._install_for_shanghai()
        self.assertEqual(main.resource_calendar_id.tz, "Asia/Shanghai")
        self.assertEqual(self.env.ref("pm_aftersales.resource_calendar_office").tz, "Asia/Shanghai")
        # a calendar the company chose for another place stays there
        self.assertEqual(elsewhere.tz, "Europe/Paris")

    def test_new_company_works_in_its_time_zone(self):
        """A company created with no time zone (by a script, a user in Brussels)
        is on Shanghai time, the addon's default: so are its working hours."""
        self.env.user.tz = "Europe/Brussels"
        company = self.env["res.company"].with_context(tz=False).create({"name": "Harbin PM"})
        self.assertFalse(company.partner_id.tz)
        self.assertEqual(company.resource_calendar_id.tz, "Asia/Shanghai")
        self.assertEqual(company.resource_calendar_id.company_id, company)
        # created in the company's own time zone: that one
        company = self.env["res.company"].with_context(tz="Asia/Urumqi").create({"name": "Kashgar"})
        self.assertEqual(company.resource_calendar_id.tz, "Asia/Urumqi")
