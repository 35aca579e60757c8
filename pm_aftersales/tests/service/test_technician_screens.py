"""The technician's phone: his home (the jobs of today and the overdue ones,
the most urgent first), his job form (one big button for the next step,
what he may not change read-only) and the home action of each role."""

from datetime import timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools.safe_eval import safe_eval

from ..common_service import T0, PmServiceCommon

H = timedelta(hours=1)
D = timedelta(days=1)
# T0 is a Monday 10:00 UTC, 18:00 in Shanghai: the technician's day ends at
# 16:00 UTC.
END_OF_DAY = T0 + 6 * H


@tagged("post_install", "-at_install")
class TestTechnicianHome(PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech_plumber.tz = "Asia/Shanghai"
        cls.action = cls.env.ref("pm_aftersales.pm_technician_job_action")
        cls.type_minor_cat = cls.cat_water_leak

    def _job_for(self, user, category, when, accept=False, **vals):
        job = self._create_job(category=category, when=when - H, **vals)
        self._dispatch(job, user, when)
        if accept:
            with freeze_time(when):
                job.with_user(user).action_take_job()
        return job

    def _home(self, user, today_filter=True):
        """The jobs the home shows ``user``, in its order, as the web client
        asks for them: the action's domain, its default filter, the kanban's order."""
        Job = self.env["helpdesk.ticket"].with_user(user)
        domain = safe_eval(self.action.domain, {"uid": user.id})
        context = safe_eval(self.action.context)
        search_arch = etree.fromstring(
            Job.get_views([(self.action.search_view_id.id, "search")])["views"]["search"]["arch"]
        )
        for name, value in context.items():
            if name.startswith("search_default_") and value and today_filter:
                node = search_arch.find(f".//filter[@name='{name[15:]}']")
                domain += safe_eval(node.get("domain"), {"uid": user.id})
        kanban = etree.fromstring(self._views(user)["kanban"]["arch"])
        return Job.search(domain, order=kanban.get("default_order"))

    def _views(self, user):
        views = [(view_id, mode) for view_id, mode in self.action.views]
        return self.env["helpdesk.ticket"].with_user(user).get_views(views)["views"]

    def test_home_lists_his_jobs_of_today_and_the_overdue_ones_most_urgent_first(self):
        tech = self.tech_plumber
        urgent = self._job_for(tech, self.cat_burst_pipe, T0 - 2 * H)
        overdue = self._job_for(tech, self.cat_burst_pipe, T0 - 3 * D, accept=True)
        later = self._job_for(tech, self.cat_water_leak, T0, accept=True)
        appointment = self._job_for(
            tech, self.cat_water_leak, T0, accept=True, appointment_date=T0 + 5 * H
        )
        tomorrow = self._job_for(
            tech, self.cat_water_leak, T0, accept=True, appointment_date=T0 + 7 * H
        )
        as_crew = self._create_job(when=T0 - 2 * H)
        with freeze_time(T0 - H):
            as_crew._dispatch(self.tech_mason, crew=tech)
        colleague = self._job_for(self.tech_mason, self.cat_burst_pipe, T0 - H)
        done = self._job_for(tech, self.cat_burst_pipe, T0 - 2 * H, accept=True)
        with freeze_time(T0 - H):
            done.with_user(tech).action_check_in()
            done.with_user(tech).write(
                {"work_done": "Fixed", "failure_cause_id": self.cause_wear.id}
            )
            done.with_user(tech).action_complete()
        # what the cases stand for
        self.assertLess(overdue.next_deadline, T0)
        self.assertLess(urgent.next_deadline, END_OF_DAY)
        self.assertLess(overdue.next_deadline, urgent.next_deadline)
        for job in (later, appointment, tomorrow):
            self.assertGreater(job.next_deadline, END_OF_DAY)
        self.assertEqual(done.service_state, "done")
        with freeze_time(T0):
            home = self._home(tech)
            everything = self._home(tech, today_filter=False)
        self.assertEqual(home[:2], overdue | urgent, "the most urgent first")
        self.assertEqual(set(home.ids), set((overdue | urgent | as_crew | appointment).ids))
        self.assertEqual(home[-1], appointment, "a job with no deadline today comes last")
        self.assertEqual(
            set(everything.ids),
            set((overdue | urgent | as_crew | appointment | later | tomorrow).ids),
            "without the filter: all his open jobs, never a colleague's or a finished one",
        )
        self.assertNotIn(colleague, everything)
        self.assertNotIn(done, everything)
        # the day turns at midnight in his time zone, not in UTC
        with freeze_time(END_OF_DAY + H):
            self.assertIn(tomorrow, self._home(tech))

    def test_home_creates_nothing_and_shows_place_and_call(self):
        self.assertEqual(self.action.path, "pm-technician-jobs")
        self.assertEqual(self.action.view_mode.split(",")[0], "kanban")
        self.assertEqual(
            self.env.ref("pm_aftersales.menu_pm_my_jobs").action,
            self.action,
            "the technicians' menu opens his home",
        )
        views = self._views(self.tech_plumber)
        kanban = etree.fromstring(views["kanban"]["arch"])
        self.assertEqual(kanban.get("create"), "0")
        self.assertFalse(kanban.get("default_group_by"), "no empty columns")
        self.assertEqual(kanban.get("default_order").split(",")[0], "next_deadline")
        self.assertTrue(kanban.xpath("//field[@name='place_name']"))
        call = kanban.xpath("//a[contains(@t-attf-href, 'tel:')]")
        self.assertEqual(len(call), 1)
        self.assertIn("partner_phone", call[0].get("t-attf-href"))
        self.assertEqual(etree.fromstring(views["list"]["arch"]).get("create"), "0")
        self.assertFalse(safe_eval(self.action.context).get("create", True))

    def test_place_address(self):
        self.estate.write({"city": "杭州市", "street": "西溪路 588 号", "street2": False})
        job = self._create_job()
        self.assertEqual(job.place_address, "杭州市 西溪路 588 号")
        self.assertEqual(job.partner_phone, self.owner_a.phone)
        self.assertFalse(self._create_job(unit_id=False).place_address)


@tagged("post_install", "-at_install")
class TestTechnicianJobForm(PmServiceCommon):
    WORK_FIELDS = (
        "failure_cause_id",
        "diagnosis",
        "work_done",
        "materials",
        "photo_before_ids",
        "photo_after_ids",
    )
    LOCKED_FIELDS = (
        "name",
        "description",
        "ticket_type_id",
        "category_id",
        "team_id",
        "user_id",
        "technician_ids",
        "priority",
        "partner_id",
        "partner_phone",
        "appointment_date",
        "report_date",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.view = cls.env.ref("pm_aftersales.helpdesk_ticket_view_form_technician")
        cls.action = cls.env.ref("pm_aftersales.pm_technician_job_action")

    def _arch(self, user):
        Job = self.env["helpdesk.ticket"].with_user(user)
        return etree.fromstring(Job.get_views([(self.view.id, "form")])["views"]["form"]["arch"])

    def test_the_action_opens_the_technician_form(self):
        self.assertIn((self.view.id, "form"), self.action.views)
        # a primary view that is no default: the desk keeps its own form
        default_form = self.env["helpdesk.ticket"].get_views([(False, "form")])["views"]["form"]
        self.assertNotEqual(default_form["id"], self.view.id)

    def test_what_he_may_not_change_is_read_only_and_the_work_comes_first(self):
        arch = self._arch(self.tech_plumber)
        for name in self.LOCKED_FIELDS:
            nodes = arch.xpath(f"//sheet//field[@name='{name}']")
            self.assertTrue(nodes, name)
            for node in nodes:
                self.assertIn(node.get("readonly"), ("1", "True"), name)
        for name in ("unit_id", "public_area_id"):
            for node in arch.xpath(f"//field[@name='{name}']"):
                self.assertIn("1", (node.get("invisible"), node.get("readonly")), name)
        fields = [node.get("name") for node in arch.xpath("//sheet//field")]
        for name in self.WORK_FIELDS:
            node = arch.xpath(f"//group[@name='work']/field[@name='{name}']")[0]
            readonly = node.get("readonly")
            # editable while the job is his to work, locked once done
            for state, expected in (("on_site", False), ("accepted", False), ("done", True)):
                self.assertEqual(
                    bool(safe_eval(readonly, {"service_state": state})), expected, (name, state)
                )
            self.assertLess(fields.index(name), fields.index("ticket_type_id"), "work first")
        for name in ("photo_before_ids", "photo_after_ids"):
            node = arch.xpath(f"//field[@name='{name}']")[0]
            self.assertEqual(node.get("widget"), "pm_photo_capture", "from the camera")
        self.assertTrue(arch.xpath("//field[@name='partner_phone'][@widget='phone']"))
        self.assertTrue(arch.xpath("//field[@name='place_address']"))
        self.assertFalse(arch.xpath("//header//button"), "no folded actions: no header buttons")

    def test_one_big_button_for_the_next_step(self):
        arch = self._arch(self.tech_plumber)
        next_step = arch.xpath("//div[contains(@class, 'o_pm_next_step')]")[0]
        buttons = next_step.xpath("./button")
        self.assertTrue(
            all("btn-lg" in b.get("class") and "w-100" in b.get("class") for b in buttons)
        )
        # on site: the scan of the place's label (a big button of its own),
        # the other proofs as a link under it (qr room)
        checkin = next_step.xpath("./div[contains(@class, 'o_pm_checkin')]")[0]
        self.assertEqual(
            checkin.xpath("./field/@widget") + checkin.xpath("./button/@name"),
            ["pm_qr_scan", "action_pm_open_checkin"],
        )
        steps = [(b.get("name"), b.get("invisible")) for b in buttons]
        steps.append(("scan the label", checkin.get("invisible")))
        values = {"in_pool": False, "is_complaint": False, "is_paused": False}
        for state, expected in (
            ("dispatched", "action_take_job"),
            ("accepted", "scan the label"),
            ("on_site", "action_complete"),
            ("done", None),
        ):
            shown = [
                name
                for name, invisible in steps
                if not safe_eval(invisible or "False", dict(values, service_state=state))
            ]
            self.assertEqual(shown, [expected] if expected else [], state)
        pool = dict(values, service_state="dispatched", in_pool=True)
        shown = [name for name, invisible in steps if not safe_eval(invisible, pool)]
        self.assertEqual(shown, ["action_grab"])

    def test_the_form_does_not_widen_his_rights(self):
        """Read-only on the screen; on the server he keeps the rules' rights:
        his job he works, a colleague's he cannot touch."""
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0)
        with freeze_time(T0 + timedelta(minutes=5)):
            job.with_user(self.tech_plumber).action_take_job()
            job.with_user(self.tech_plumber).action_check_in()
        job.with_user(self.tech_plumber).write({"diagnosis": "Joint worn"})
        self.assertEqual(job.diagnosis, "Joint worn")
        other = self._create_job()
        self._dispatch(other, self.tech_mason, T0)
        with self.assertRaises(AccessError):
            other.with_user(self.tech_plumber).write({"diagnosis": "Not mine"})


@tagged("post_install", "-at_install")
class TestHomeActions(PmServiceCommon):
    def _user(self, login, group, **vals):
        return new_test_user(
            self.env,
            login=login,
            groups=group,
            company_ids=[Command.set([self.company.id])],
            **vals,
        )

    def test_each_role_lands_on_its_work(self):
        ref = self.env.ref
        expected = {
            "technician": ref("pm_aftersales.pm_technician_job_action"),
            "assistant": ref("pm_aftersales.pm_job_action"),
            "cs_supervisor": ref("pm_aftersales.pm_job_action"),
            "eng_supervisor": ref("pm_aftersales.pm_job_action"),
            "manager": ref("pm_aftersales.pm_dashboard_action"),
        }
        for role, action in expected.items():
            self.assertEqual(self.users[role].action_id.id, action.id, role)
        other = self._user("pm_home_other", "base.group_user")
        self.assertFalse(other.action_id, "not after-sales staff: Odoo's default")

    def test_administrators_keep_odoo_default_home(self):
        """An administrator of every app (Settings) opens Odoo's URLs and
        menus, e.g. /odoo/stock.quant?menu_id=…: a home action would replace
        the menu's action there."""
        admin = self._user("pm_home_admin", "pm_aftersales.group_pm_manager")
        self.assertEqual(admin.action_id.id, self.env.ref("pm_aftersales.pm_dashboard_action").id)
        admin.group_ids = [Command.link(self.env.ref("base.group_system").id)]
        self.assertFalse(admin.action_id, "Settings: Odoo's default home")
        self.env.ref("base.user_admin").action_id = self.env.ref(
            "pm_aftersales.pm_dashboard_action"
        ).id
        self.env["res.users"]._pm_init_home_actions()
        self.assertFalse(self.env.ref("base.user_admin").action_id)

    def test_a_new_role_changes_the_landing_a_chosen_one_is_kept(self):
        user = self._user("pm_home_tech", "pm_aftersales.group_pm_technician")
        self.assertEqual(
            user.action_id.id, self.env.ref("pm_aftersales.pm_technician_job_action").id
        )
        user.group_ids = [Command.link(self.env.ref("pm_aftersales.group_pm_manager").id)]
        self.assertEqual(user.action_id.id, self.env.ref("pm_aftersales.pm_dashboard_action").id)
        chosen = self.env.ref("pm_aftersales.pm_pool_action")
        user.action_id = chosen.id
        user.group_ids = [Command.unlink(self.env.ref("pm_aftersales.group_pm_manager").id)]
        self.assertEqual(user.action_id.id, chosen.id, "chosen by hand: kept")
        chosen_at_creation = self._user(
            "pm_home_chosen", "pm_aftersales.group_pm_technician", action_id=chosen.id
        )
        self.assertEqual(chosen_at_creation.action_id.id, chosen.id)

    def test_existing_users_get_theirs_on_update(self):
        user = self._user("pm_home_existing", "pm_aftersales.group_pm_cs_assistant")
        user.action_id = False
        self.env["res.users"]._pm_init_home_actions()
        self.assertEqual(user.action_id.id, self.env.ref("pm_aftersales.pm_job_action").id)
