"""The owner's portal on a phone: lists as cards, the confirmation after a
report, the categories an owner may report, the counts of the home tiles."""

import re

import pytz
from freezegun import freeze_time
from lxml import html

from odoo.tests import HttpCase, tagged

from ..common_rectification import PmRectificationCommon
from ..common_service import T0, PmServiceCommon

SHANGHAI = pytz.timezone("Asia/Shanghai")
SECONDS = re.compile(r"\d{1,2}:\d{2}:\d{2}")


def _classes(node):
    return set((node.get("class") or "").split())


@tagged("post_install", "-at_install")
class TestOwnerPortalPhone(PmServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_owner_a.password = "owner-a-pass"
        cls.user_owner_a.tz = "Asia/Shanghai"
        cls.cat_pump = cls.env.ref("pm_aftersales.helpdesk_category_equipment_pump")
        cls.job_a = cls.env["helpdesk.ticket"].create(
            {
                "name": "Leak in A's kitchen",
                "description": "<p>Leak</p>",
                "category_id": cls.cat_water_leak.id,
                "unit_id": cls.unit_a.id,
                "partner_id": cls.owner_a.id,
                "team_id": cls.crew.id,
            }
        )

    def setUp(self):
        super().setUp()
        self.authenticate(self.user_owner_a.login, "owner-a-pass")

    def _csrf(self, url="/my/report"):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _report(self, url="/my/report", **data):
        payload = {
            "csrf_token": self._csrf(url),
            "place": f"unit-{self.unit_a.id}",
            "category_id": self.cat_burst_pipe.id,
            "description": "Water everywhere",
        }
        payload.update(data)
        return self.url_open(url, data=payload)

    # ------------------------------------------------------------------ cards
    def test_my_tickets_are_cards_on_a_phone_and_a_table_on_a_tablet(self):
        page = self.url_open("/my/tickets")
        self.assertEqual(page.status_code, 200)
        tree = html.fromstring(page.text)
        (cards,) = tree.xpath("//div[contains(@class, 'o_pm_ticket_cards')]")
        self.assertEqual(_classes(cards) & {"d-md-none"}, {"d-md-none"})
        (card,) = cards.xpath(f".//a[contains(@href, '/my/ticket/{self.job_a.id}')]")
        self.assertIn(self.job_a.number, card.text_content())
        self.assertIn("Building 1 / 801", card.text_content())
        (badge,) = card.xpath(".//span[contains(@class, 'o_pm_ticket_stage')]")
        self.assertEqual(badge.text_content().strip(), self.job_a.stage_id.name)
        self.assertIn("badge", _classes(badge))
        self.assertFalse(SECONDS.search(card.text_content()), card.text_content())
        (table,) = tree.xpath("//div[contains(@class, 'o_pm_ticket_table')]")
        self.assertTrue({"d-none", "d-md-block"} <= _classes(table))
        self.assertTrue(table.xpath(".//table"))
        self.assertFalse(SECONDS.search(table.text_content()), "dates without seconds")

    # ------------------------------------------------------------------ confirmation
    def test_report_confirms_the_job_number_and_the_time_limits(self):
        with freeze_time(T0):
            response = self._report()
        self.assertEqual(response.status_code, 200)
        job = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.owner_a.id)], order="id desc", limit=1
        )
        self.assertNotEqual(job, self.job_a)
        self.assertTrue(response.url.endswith(f"/my/ticket/{job.id}"), response.url)
        tree = html.fromstring(response.text)
        (confirmation,) = tree.xpath("//div[contains(@class, 'o_pm_report_confirmation')]")
        number = confirmation.xpath(".//*[contains(@class, 'o_pm_report_number')]")
        self.assertEqual(number[0].text_content().strip(), job.number)
        # an urgent repair: on site and fixed by, in the owner's time zone
        limits = {li.get("data-milestone"): li.text_content() for li in confirmation.xpath(".//li")}
        self.assertEqual(set(limits), {"arrival", "completion"})
        for mtype, text in limits.items():
            deadline = self._milestone(job, mtype).deadline
            local = pytz.utc.localize(deadline).astimezone(SHANGHAI)
            self.assertIn(local.strftime("%m/%d/%Y %I:%M %p"), text, mtype)
            self.assertFalse(SECONDS.search(text), text)
        # once: the page shown later, or through a link, says nothing of it
        later = html.fromstring(self.url_open(f"/my/ticket/{job.id}").text)
        self.assertFalse(later.xpath("//div[contains(@class, 'o_pm_report_confirmation')]"))

    def test_the_owners_time_zone_is_the_companys_when_unset(self):
        self.user_owner_a.tz = False
        self.env.company.partner_id.tz = "Asia/Shanghai"
        with freeze_time(T0):
            response = self._report()
        job = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.owner_a.id)], order="id desc", limit=1
        )
        deadline = self._milestone(job, "arrival").deadline
        local = pytz.utc.localize(deadline).astimezone(SHANGHAI)
        tree = html.fromstring(response.text)
        (arrival,) = tree.xpath("//div[contains(@class, 'o_pm_report_confirmation')]//li[1]")
        self.assertIn(local.strftime("%I:%M %p"), arrival.text_content())

    # ------------------------------------------------------------------ categories
    def test_maintenance_categories_are_not_for_the_portal(self):
        """helpdesk_mgmt's own switch, set in the addon's data."""
        for xmlid in ("equipment", "equipment_pump", "equipment_hvac"):
            category = self.env.ref(f"pm_aftersales.helpdesk_category_{xmlid}")
            self.assertFalse(category.show_in_portal, xmlid)
        self.assertTrue(self.cat_water_leak.show_in_portal)

    def test_only_owner_facing_categories_are_offered(self):
        (self.cat_pump | self.cat_pump.parent_id).show_in_portal = False
        tree = html.fromstring(self.url_open("/my/report").text)
        options = tree.xpath("//select[@name='category_id']/optgroup/option/@value")
        offered = {int(v) for v in options}
        self.assertIn(self.cat_water_leak.id, offered)
        self.assertNotIn(self.cat_pump.id, offered)
        self.assertNotIn(self.cat_pump.parent_id.id, offered)
        labels = tree.xpath("//select[@name='category_id']/optgroup/@label")
        self.assertNotIn(self.cat_pump.parent_id.name, labels)

    def test_a_maintenance_category_posted_by_hand_is_refused(self):
        self.cat_pump.show_in_portal = False
        before = self.env["helpdesk.ticket"].search_count([])
        response = self._report(category_id=self.cat_pump.id, title="Kept title")
        self.assertEqual(response.status_code, 400)
        self.assertIn("cannot be reported here", response.text)
        self.assertIn("Kept title", response.text)
        self.assertIn("Water everywhere", response.text)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), before)

    def test_the_refusal_is_in_the_owners_language(self):
        self.cat_pump.show_in_portal = False
        self.env["res.lang"]._activate_lang("zh_CN")
        self.user_owner_a.lang = "zh_CN"
        response = self._report(url="/zh_CN/my/report", category_id=self.cat_pump.id)
        self.assertEqual(response.status_code, 400)
        self.assertIn("不能在这里报修", response.text)

    # ------------------------------------------------------------------ counters
    def test_home_tiles_show_their_counts(self):
        home = html.fromstring(self.url_open("/my").text)
        for counter in ("pm_unit_count", "pm_notice_count", "ticket_count"):
            spans = home.xpath(f"//span[@data-placeholder_count='{counter}']")
            self.assertEqual(len(spans), 1, counter)
            self.assertIn("o_pm_portal_count", _classes(spans[0]), counter)
            self.assertNotIn("d-none", _classes(spans[0]), counter)
        counts = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["pm_unit_count", "ticket_count", "pm_notice_count"]}
        )
        units = self.env["pm.unit"].with_user(self.user_owner_a).search_count([])
        jobs = self.env["helpdesk.ticket"].with_user(self.user_owner_a).search_count([])
        self.assertEqual(units, 2)
        self.assertEqual(
            counts, {"pm_unit_count": units, "ticket_count": jobs, "pm_notice_count": 0}
        )


@tagged("post_install", "-at_install")
class TestOwnerRectificationsPhone(PmRectificationCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_owner_a.password = "owner-a-pass"

    def test_rectifications_are_cards_on_a_phone(self):
        order = self._create_order(deadline="2026-03-10")
        self.authenticate(self.user_owner_a.login, "owner-a-pass")
        tree = html.fromstring(self.url_open("/my/rectifications").text)
        (cards,) = tree.xpath("//div[contains(@class, 'o_pm_rectification_cards')]")
        self.assertIn("d-md-none", _classes(cards))
        (card,) = cards.xpath(".//a[contains(@class, 'o_pm_rectification_card')]")
        self.assertIn(order.name, card.text_content())
        self.assertTrue(card.xpath(".//span[contains(@class, 'badge')]"), "status badge")
        (table,) = tree.xpath("//div[contains(@class, 'o_pm_rectification_table')]")
        self.assertTrue({"d-none", "d-md-block"} <= _classes(table))
        counts = self.make_jsonrpc_request("/my/counters", {"counters": ["pm_rectification_count"]})
        self.assertEqual(counts, {"pm_rectification_count": 1})
        home = html.fromstring(self.url_open("/my").text)
        self.assertTrue(home.xpath("//span[@data-placeholder_count='pm_rectification_count']"))


@tagged("post_install", "-at_install")
class TestOwnerJobPageTimes(PmServiceCommon, HttpCase):
    def test_the_jobs_dates_are_in_the_owners_time_zone(self):
        self.user_owner_a.write({"password": "owner-a-pass", "tz": "Asia/Shanghai"})
        with freeze_time(T0):
            job = self._create_job()
        self.authenticate(self.user_owner_a.login, "owner-a-pass")
        page = html.fromstring(self.url_open(f"/my/ticket/{job.id}").text)
        (card,) = page.xpath("//div[@id='card_body']")
        text = card.text_content()
        local = pytz.utc.localize(T0).astimezone(SHANGHAI)  # 18:00 in Shanghai
        self.assertIn(local.strftime("%I:%M"), text)
        self.assertNotIn(T0.strftime("%I:%M"), text, "not the UTC time")
