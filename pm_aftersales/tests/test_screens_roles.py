import logging
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.service.model import call_kw
from odoo.tests import Form, tagged
from odoo.tests.common import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common_rectification import signature_png
from .common_screens import ScreenWalker, form_onchange_spec, read_form
from .common_service import T0, PmServiceCommon

_logger = logging.getLogger(__name__)

# Users of other apps, in no after-sales group.
OTHER_APP_GROUPS = {
    "maintenance_manager": "base.group_user,maintenance.group_equipment_manager",
    "stock_user": "base.group_user,stock.group_stock_user",
    "helpdesk_user": "base.group_user,helpdesk_mgmt.group_helpdesk_user",
    "hr_officer": "base.group_user,hr.group_hr_user",
}


@tagged("post_install", "-at_install")
class TestScreensRoles(PmServiceCommon):
    """Every role opens every screen its menus give it, as the web client
    does (see common_screens), on a registry where each screen has a
    record of its own: no error of any kind is allowed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the company keeps its books (customer service invoices at the counter)
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.role_users = dict(cls.users)
        for role, groups in OTHER_APP_GROUPS.items():
            cls.role_users[role] = new_test_user(
                cls.env,
                login=f"pm_screens_{role}",
                groups=groups,
                company_ids=[Command.set([cls.company.id])],
            )
        cls._build_registry()

    @classmethod
    def _build_registry(cls):
        env = cls.env
        technician = cls.users["technician"]
        cls.env["hr.employee"].create(
            {
                "name": technician.name,
                "user_id": technician.id,
                "pm_trade_ids": [Command.set(cls.trade_plumbing.ids)],
                "resource_calendar_id": cls.calendar_24x7.id,
            }
        )
        cls.crew.user_ids = [Command.link(technician.id)]
        # Spare parts: a store for the estate and a part on the job.
        warehouse = env["stock.warehouse"].create(
            {"name": "Screens Spare Parts", "code": "SCSP", "company_id": cls.company.id}
        )
        cls.estate.warehouse_id = warehouse
        valve = env["product.product"].create(
            {"name": "Screens valve", "is_storable": True, "standard_price": 12.0}
        )
        env["stock.quant"]._update_available_quantity(valve, warehouse.lot_stock_id, 10)
        # Equipment of the estate, with a maintenance request.
        equipment = env["maintenance.equipment"].create(
            {
                "name": "Screens pump",
                "category_id": env.ref("pm_aftersales.equipment_category_pump").id,
                "pm_public_area_id": cls.area.id,
            }
        )
        team = env["maintenance.team"].create(
            {"name": "Screens plant crew", "company_id": cls.company.id}
        )
        env["maintenance.request"].create(
            {
                "name": "Screens inspection",
                "equipment_id": equipment.id,
                "maintenance_team_id": team.id,
            }
        )
        # A job of the technician with a part, a delay, a pause, an
        # acceptance and a follow-up; a complaint about it.
        job = cls.job = env["helpdesk.ticket"].create(
            {
                "name": "Screens leak",
                "description": "<p>Leak under the sink</p>",
                "category_id": cls.cat_water_leak.id,
                "unit_id": cls.unit_a.id,
                "partner_id": cls.owner_a.id,
                "team_id": cls.crew.id,
                "equipment_id": equipment.id,
            }
        )
        env["pm.ticket.part"].create(
            {"ticket_id": job.id, "product_id": valve.id, "product_uom_qty": 1}
        )
        job.action_confirm_parts()
        job._dispatch(technician)
        milestone = job.milestone_ids[:1]
        env["pm.ticket.delay"].create(
            {
                "ticket_id": job.id,
                "milestone_id": milestone.id,
                "reason_id": env.ref("pm_aftersales.pm_delay_reason_parts").id,
                "explanation": "The valve comes tomorrow",
                "promised_date": fields.Datetime.now() + timedelta(days=1),
            }
        )
        env["pm.ticket.pause"].create({"ticket_id": job.id})
        done = env["helpdesk.ticket"].create(
            {
                "name": "Screens tap",
                "description": "<p>The tap drips</p>",
                "category_id": cls.cat_water_leak.id,
                "unit_id": cls.unit_a.id,
                "partner_id": cls.owner_a.id,
                "team_id": cls.crew.id,
            }
        )
        done._dispatch(technician)
        done.with_user(technician).action_check_in()
        done.with_user(technician).write(
            {"work_done": "Tap replaced", "failure_cause_id": cls.cause_wear.id}
        )
        done.with_user(technician).action_complete()
        env["pm.ticket.acceptance"].create(
            {
                "ticket_id": done.id,
                "result": "accepted",
                "channel": "on_site",
                "signed_by": "Owner A",
                "signature": signature_png(),
            }
        )
        env["pm.ticket.followup"].create(
            {
                "ticket_id": done.id,
                "method": "phone",
                "score_speed": 5,
                "score_attitude": 5,
                "score_quality": 4,
            }
        )
        env["helpdesk.ticket"].create(
            {
                "name": "Screens complaint",
                "description": "<p>The technician was rude</p>",
                "category_id": cls.cat_complaint_attitude.id,
                "unit_id": cls.unit_a.id,
                "partner_id": cls.owner_a.id,
                "origin_ticket_id": done.id,
                "concerned_employee_id": technician.employee_id.id,
            }
        )
        # Rectification: a contractor with a crew, a defect and an order.
        contractor = env["res.partner"].create(
            {"name": "Screens Build Co.", "is_company": True, "pm_party_type": "contractor"}
        )
        crew = env["res.partner"].create(
            {"name": "Screens civil crew", "parent_id": contractor.id, "type": "other"}
        )
        defect = env["pm.defect"].create(
            {
                "name": "Screens crack",
                "unit_id": cls.unit_a.id,
                "trade_id": cls.trade_civil.id,
                "contractor_id": crew.id,
            }
        )
        env["pm.rectification.order"].create(
            {
                "unit_id": cls.unit_a.id,
                "trade_id": cls.trade_civil.id,
                "contractor_id": contractor.id,
                "crew_id": crew.id,
                "defect_ids": [Command.set(defect.ids)],
                "order_date": fields.Date.today(),
            }
        )
        # Staff: a tool check, a training plan and session with its
        # attendance, a reward, a scorecard period.
        env["pm.tool.check"].create({"employee_id": technician.employee_id.id, "score": 90})
        today = fields.Date.today()
        env["pm.training.plan"].create(
            {
                "name": "Screens plan",
                "team_id": cls.crew.id,
                "date_start": today,
                "date_end": today + timedelta(days=90),
            }
        )
        env["pm.reward.penalty"].create(
            {
                "employee_id": technician.employee_id.id,
                "kind": "bonus",
                "reason": "Thanked by the owner",
                "amount": 100,
            }
        )
        env["pm.scorecard.period"].create(
            {"name": "Screens month", "date_from": today, "date_to": today + timedelta(days=27)}
        )
        # Reports and notices.
        env["pm.monthly.report"].create({"date_from": today, "date_to": today + timedelta(days=27)})
        env["pm.preventive.measure"].create({"name": "Screens: check the valves yearly"})
        env["pm.notice"].create(
            {
                "name": "Screens water cut",
                "body": "<p>No water on Monday</p>",
                "estate_id": cls.estate.id,
            }
        )
        env["pm.rectification.notice"].create(
            {"partner_id": cls.owner_a.id, "date": today, "company_id": cls.company.id}
        )
        env["maintenance.plan"].create(
            {
                "equipment_id": equipment.id,
                "maintenance_kind_id": env.ref("pm_aftersales.maintenance_kind_inspection").id,
                "interval": 1,
                "interval_step": "month",
            }
        )
        env["pm.training.session"].create(
            {
                "course_id": env.ref("pm_aftersales.course_process").id,
                "date": fields.Date.today(),
                "attendance_ids": [
                    Command.create({"employee_id": technician.employee_id.id, "attended": True})
                ],
            }
        )

    # ------------------------------------------------------------------
    def _check_role(self, role):
        walker = ScreenWalker(self.env, self.role_users[role], role)
        failures = walker.walk()
        _logger.info(
            "screens of %s: %s; forms without a record: %s",
            role,
            walker.counts,
            sorted(walker.forms_without_record),
        )
        self.assertGreater(walker.counts["menus"], 0, f"{role} opened no screen")
        if failures:
            self.fail(f"{len(failures)} screen errors for {role}:\n\n" + "\n\n".join(failures))
        return walker

    def test_screens_technician(self):
        self._check_role("technician")

    def test_screens_assistant(self):
        self._check_role("assistant")

    def test_screens_cs_supervisor(self):
        self._check_role("cs_supervisor")

    def test_screens_eng_supervisor(self):
        self._check_role("eng_supervisor")

    def test_screens_manager(self):
        self._check_role("manager")

    def test_screens_maintenance_manager(self):
        self._check_role("maintenance_manager")

    def test_screens_stock_user(self):
        self._check_role("stock_user")

    def test_screens_helpdesk_user(self):
        self._check_role("helpdesk_user")

    def test_screens_hr_officer(self):
        self._check_role("hr_officer")


@tagged("post_install", "-at_install")
class TestScreenFixes(PmServiceCommon):
    """The screens the role walk found broken, one by one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.helpdesk_user = new_test_user(
            cls.env,
            login="pm_fix_helpdesk",
            groups=OTHER_APP_GROUPS["helpdesk_user"],
            company_ids=[Command.set([cls.company.id])],
        )
        cls.maintenance_manager = new_test_user(
            cls.env,
            login="pm_fix_maintenance",
            groups=OTHER_APP_GROUPS["maintenance_manager"],
            company_ids=[Command.set([cls.company.id])],
        )
        cls.hr_officer = new_test_user(
            cls.env,
            login="pm_fix_hr",
            groups=OTHER_APP_GROUPS["hr_officer"],
            company_ids=[Command.set([cls.company.id])],
        )
        cls.warehouse = cls.env["stock.warehouse"].create(
            {"name": "Fix Spare Parts", "code": "FXSP", "company_id": cls.company.id}
        )
        cls.estate.warehouse_id = cls.warehouse
        cls.valve = cls.env["product.product"].create(
            {"name": "Fix valve", "is_storable": True, "standard_price": 10.0}
        )
        cls.env["stock.quant"]._update_available_quantity(cls.valve, cls.warehouse.lot_stock_id, 5)

    def _job_with_transfer(self):
        job = self._create_job()
        self.env["pm.ticket.part"].create(
            {"ticket_id": job.id, "product_id": self.valve.id, "product_uom_qty": 1}
        )
        job.action_confirm_parts()
        self.assertTrue(job.picking_ids, "the job has its parts transfer")
        return job

    # ------------------------------------------------------------------ job form
    def test_job_form_opens_for_every_after_sales_role(self):
        """The form reads the job's parts transfers (an invisible field) only
        for the storekeepers: the assistant, the supervisors and the
        technician open it too."""
        job = self._job_with_transfer()
        self._dispatch(job, self.tech_plumber, T0 + timedelta(minutes=1))
        for user in (
            self.users["assistant"],
            self.users["cs_supervisor"],
            self.tech_plumber,
            self.users["manager"],
        ):
            with self.subTest(user=user.login):
                [values] = read_form(job.with_user(user))
                self.assertEqual(values["id"], job.id)
                self.assertEqual("picking_ids" in values, user.has_group("stock.group_stock_user"))

    def test_hotline_call_ends_on_the_new_job(self):
        form = Form(self.env["pm.hotline.wizard"].with_user(self.users["assistant"]))
        form.phone = "138-0013-8000"
        form.unit_id = self.unit_a
        form.category_id = self.cat_burst_pipe
        form.description = "<p>Water pouring from the ceiling</p>"
        with freeze_time(T0):
            action = form.save().action_register()
        job = self.env[action["res_model"]].browse(action["res_id"])
        self.env["pm.ticket.part"].create(
            {"ticket_id": job.id, "product_id": self.valve.id, "product_uom_qty": 1}
        )
        job.action_confirm_parts()
        [values] = read_form(job.with_user(self.users["assistant"]))
        self.assertEqual(values["unit_id"]["id"], self.unit_a.id)

    # ------------------------------------------------------ other apps' users
    def test_helpdesk_user_lists_jobs_with_their_time_limits(self):
        """A helpdesk user in no after-sales group lists the jobs: the status
        of their time limits is computed whoever reads it."""
        job = self._create_job(when=T0)
        Ticket = self.env["helpdesk.ticket"].with_user(self.helpdesk_user)
        result = Ticket.get_views([(False, "list"), (False, "kanban")])
        self.assertIn("sla_status", result["views"]["list"]["arch"])
        with freeze_time(T0 + timedelta(days=2)):
            rows = Ticket.web_search_read(
                [("id", "=", job.id)], {"sla_status": {}, "is_late": {}, "is_at_risk": {}}
            )["records"]
            self.assertEqual(rows[0]["sla_status"], "late")
            self.assertTrue(rows[0]["is_late"])
            # the "Late" filter too
            self.assertIn(job, Ticket.search([("is_late", "=", True)]))
            self.assertNotIn(job, Ticket.search([("is_at_risk", "=", True)]))
            [values] = read_form(Ticket.browse(job.id))
        self.assertNotIn("milestone_ids", values, "the time limits page is after-sales staff's")

    def test_equipment_form_of_a_maintenance_manager(self):
        """Odoo's own maintenance tests, with a job on the equipment: the
        maintenance manager opens the equipment and its jobs."""
        Equipment = self.env["maintenance.equipment"].with_user(self.maintenance_manager)
        form = Form(Equipment)
        form.name = "Booster pump"
        equipment = form.save()
        self._create_job(equipment_id=equipment.id)
        equipment.invalidate_recordset()
        form = Form(equipment)
        self.assertEqual(form.pm_ticket_count, 1)
        [values] = read_form(equipment)
        self.assertEqual(values["name"], "Booster pump")
        # the form a job of the list opens in, without the after-sales pages
        Ticket = self.env["helpdesk.ticket"].with_user(self.maintenance_manager)
        arch = Ticket.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="milestone_ids"', arch)
        self.assertIn('name="unit_id"', arch)

    def test_employee_form_of_an_hr_officer(self):
        employee = self.tech_plumber.employee_id
        self.env["pm.tool.check"].create({"employee_id": employee.id, "score": 80})
        job = self._create_job(user_id=self.tech_plumber.id)
        with freeze_time(T0):
            self.env["pm.ticket.delay"].create(
                {
                    "ticket_id": job.id,
                    "milestone_id": job.milestone_ids[:1].id,
                    "reason_id": self.env.ref("pm_aftersales.pm_delay_reason_parts").id,
                    "explanation": "Waiting for a part",
                    "promised_date": T0 + timedelta(hours=4),
                    "user_id": self.tech_plumber.id,
                }
            )
        Employee = self.env["hr.employee"].with_user(self.hr_officer)
        [values] = read_form(Employee.browse(employee.id))
        self.assertEqual(len(values["pm_tool_check_ids"]), 1)
        self.assertEqual(Employee.browse(employee.id).pm_delay_count, 1)
        # a new employee's form
        Employee.onchange({}, [], form_onchange_spec(Employee))

    # ------------------------------------------------------------ dispatch
    def _open_dispatch(self, user, job):
        """The job's Dispatch button, as the web client runs it."""
        action = call_kw(job.with_user(user), "action_open_dispatch", [job.ids], {})
        self.assertEqual(action["res_model"], "pm.dispatch.wizard")
        self.assertTrue(action.get("res_id"), "the wizard is saved before it shows")
        return self.env["pm.dispatch.wizard"].with_user(user).browse(action["res_id"])

    def _candidate_commands(self, wizard, values, changed):
        spec = form_onchange_spec(wizard)
        result = wizard.onchange(values, changed, spec)
        return result["value"].get("line_ids", [])

    def test_assign_button_of_a_candidate_row(self):
        """The rows of the dispatch wizard are saved records: the web client
        runs their "Assign" button (it refuses the button of an unsaved row:
        "Please save your changes first")."""
        job = self._create_job()
        assistant = self.users["assistant"]
        with freeze_time(T0 + timedelta(minutes=1)):
            wizard = self._open_dispatch(assistant, job)
            [values] = read_form(wizard)
            rows = values["line_ids"]
            self.assertTrue(rows)
            self.assertTrue(all(isinstance(row["id"], int) for row in rows))
            by_user = {row["user_id"]["id"]: row["id"] for row in rows}
            self.assertEqual(
                set(by_user), {self.leader.id, self.tech_plumber.id, self.tech_mason.id}
            )
            # the client saves the wizard (its required fields filled), then
            # calls the row's button
            Form(wizard).save()
            call_kw(
                self.env["pm.dispatch.wizard.line"].with_user(assistant),
                "action_choose",
                [[by_user[self.tech_mason.id]]],
                {},
            )
        self.assertEqual(job.user_id, self.tech_mason)
        self.assertEqual(job.service_state, "dispatched")

    def test_assign_button_after_changing_the_crew(self):
        """Another crew's candidates are saved rows too."""
        plumber_2 = self._create_technician("plumber2", self.trade_plumbing)
        other_crew = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Night crew",
                "alias_name": "night-crew-test",
                "user_ids": [Command.set(plumber_2.ids)],
            }
        )
        job = self._create_job()
        assistant = self.users["assistant"]
        with freeze_time(T0 + timedelta(minutes=1)):
            wizard = self._open_dispatch(assistant, job)
            commands = self._candidate_commands(wizard, {"team_id": other_crew.id}, ["team_id"])
            self.assertTrue(commands)
            self.assertFalse(
                [command for command in commands if command[0] == Command.CREATE],
                "no unsaved row",
            )
            form = Form(wizard)
            form.team_id = other_crew
            saved_row = wizard.candidate_ids.filtered(lambda line: line.user_id == plumber_2)
            self.assertEqual(form.line_ids.ids, saved_row.ids)
            line_id = form.line_ids.ids[0]
            form.save()
            call_kw(
                self.env["pm.dispatch.wizard.line"].with_user(assistant),
                "action_choose",
                [[line_id]],
                {},
            )
        self.assertEqual(job.user_id, plumber_2)
        self.assertEqual(job.team_id, other_crew)

    # ------------------------------------------------------------ defects
    def test_defect_crew_field_offers_the_crews(self):
        contractor = self.env["res.partner"].create(
            {"name": "Fix Build Co.", "is_company": True, "pm_party_type": "contractor"}
        )
        crew = self.env["res.partner"].create(
            {"name": "Fix Build civil crew", "parent_id": contractor.id, "type": "other"}
        )
        stranger = self.env["res.partner"].create({"name": "Fix Build fan club"})
        assistant = self.users["assistant"]
        Defect = self.env["pm.defect"].with_user(assistant)
        domain = safe_eval(Defect.fields_get(["contractor_id"])["contractor_id"]["domain"])
        found = dict(
            self.env["res.partner"].with_user(assistant).name_search("Fix Build", domain=domain)
        )
        self.assertIn(crew.id, found)
        self.assertIn(contractor.id, found)
        self.assertNotIn(stranger.id, found)
        # the orders are grouped by crew
        defects = Defect.create(
            [
                {
                    "name": name,
                    "unit_id": self.unit_a.id,
                    "trade_id": self.trade_civil.id,
                    "contractor_id": partner.id,
                }
                for name, partner in (("Crack", crew), ("Stain", crew), ("Gap", contractor))
            ]
        )
        defects.with_user(self.users["cs_supervisor"]).action_verify()
        action = defects.action_create_orders()
        orders = self.env["pm.rectification.order"].browse(action["domain"][0][2])
        self.assertEqual(len(orders), 2)
        by_crew = {order.crew_id: order for order in orders}
        self.assertEqual(by_crew[crew].defect_ids.mapped("name"), ["Crack", "Stain"])
        self.assertEqual(by_crew[crew].contractor_id, contractor)
        self.assertEqual(by_crew[self.env["res.partner"]].contractor_id, contractor)
