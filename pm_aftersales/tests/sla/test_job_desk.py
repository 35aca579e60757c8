"""The assistant's desk: the deciding limit of a job (which time limit the
next deadline is) through the workflow, the milestones in the order of the
workflow, and the job screens built on them (list, kanban, form header)."""

from datetime import timedelta

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..common_service import T0, PmServiceCommon
from ..service.test_acceptance_followup import SIGNATURE

M = timedelta(minutes=1)
H = timedelta(hours=1)
WORKFLOW_ORDER = ["response", "arrival", "completion", "followup"]


@tagged("post_install", "-at_install")
class TestDecidingLimit(PmServiceCommon):
    def _assert_deciding(self, job, kind, deadline=None):
        milestone = self._milestone(job, kind) if kind else None
        self.assertEqual(job.next_milestone_type, kind)
        if kind:
            self.assertEqual(job.next_deadline, deadline or milestone.deadline)
            self.assertEqual(job.next_at_risk_date, milestone.at_risk_date)
        else:
            self.assertFalse(job.next_deadline)
            self.assertFalse(job.next_at_risk_date)

    def test_deciding_limit_through_the_workflow(self):
        """Urgent repair: response (5 min), then arrival (15 min), then
        completion (8 h); none while the owner accepts; then the follow-up."""
        job = self._create_job()
        self._assert_deciding(job, "response", T0 + 5 * M)
        self._dispatch(job, self.tech_plumber, T0 + 2 * M)
        self._assert_deciding(job, "response", T0 + 5 * M)
        tech_job = job.with_user(self.tech_plumber)
        with freeze_time(T0 + 3 * M):
            tech_job.action_take_job()
        self._assert_deciding(job, "arrival", T0 + 15 * M)
        with freeze_time(T0 + 10 * M):
            tech_job.action_check_in()
        self._assert_deciding(job, "completion", T0 + 8 * H)
        tech_job.write({"work_done": "Pipe replaced", "failure_cause_id": self.cause_wear.id})
        with freeze_time(T0 + 2 * H):
            tech_job.action_complete()
        self._assert_deciding(job, False)
        with freeze_time(T0 + 3 * H):
            self.env["pm.ticket.acceptance"].create(
                {
                    "ticket_id": job.id,
                    "result": "accepted",
                    "signature": SIGNATURE,
                    "signed_by": "Owner A",
                    "partner_id": self.owner_a.id,
                }
            )
        self.assertEqual(job.service_state, "verified")
        self._assert_deciding(job, "followup")
        self.assertGreater(job.next_deadline, T0 + 3 * H)

    def test_waiting_on_the_owner_stops_the_deciding_limit(self):
        job = self._create_job()
        self._dispatch(job, self.tech_plumber, T0 + M)
        with freeze_time(T0 + 2 * M):
            pause = self.env["pm.ticket.pause"].create(
                {"ticket_id": job.id, "reason": "owner_absent", "note": "Nobody answers"}
            )
        self.assertTrue(job.is_paused)
        self._assert_deciding(job, False)
        with freeze_time(T0 + 32 * M):
            pause.action_resume()
        # the clocks moved on by the 30 minutes of the pause
        self._assert_deciding(job, "response", T0 + 35 * M)

    def test_a_delayed_limit_can_become_the_deciding_one(self):
        """The deciding limit is the running one due first, whatever its kind:
        a promise after a delay moves the response past the arrival."""
        job = self._create_job()
        self._milestone(job, "response")._promise(T0 + 20 * M)
        self._assert_deciding(job, "arrival", T0 + 15 * M)

    def test_milestones_in_workflow_order(self):
        job = self._create_job()
        job.invalidate_recordset(["milestone_ids"])
        self.assertEqual(job.milestone_ids.mapped("milestone_type"), WORKFLOW_ORDER)
        Milestone = self.env["pm.ticket.milestone"]
        milestones = Milestone.search([("ticket_id", "=", job.id)])
        self.assertEqual(milestones.mapped("milestone_type"), WORKFLOW_ORDER)
        self.assertEqual(milestones.mapped("sequence"), sorted(milestones.mapped("sequence")))
        rows = Milestone.web_search_read([("ticket_id", "=", job.id)], {"milestone_type": {}})
        self.assertEqual([r["milestone_type"] for r in rows["records"]], WORKFLOW_ORDER)


@tagged("post_install", "-at_install")
class TestJobScreens(PmServiceCommon):
    """The arches of the job's list, kanban and form as each role gets them."""

    def _arch(self, user, view_type):
        Ticket = self.env["helpdesk.ticket"].with_user(user)
        views = Ticket.get_views([(False, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_list_shows_the_owner_phone_place_and_deciding_limit(self):
        arch = self._arch(self.users["assistant"], "list")
        columns = {node.get("name"): node for node in arch.iter("field")}
        self.assertNotEqual(columns["partner_id"].get("optional"), "hide")
        self.assertEqual(columns["partner_name"].get("optional"), "hide")
        self.assertEqual(columns["partner_phone"].get("widget"), "phone")
        self.assertIn("place_name", columns)
        deadline = columns["next_deadline"]
        self.assertEqual(deadline.get("widget"), "pm_deadline_left")
        self.assertIn("next_milestone_type", deadline.get("options"))

    def test_list_reads_in_constant_queries(self):
        """The list's columns (the owner's phone, the place, the deciding
        limit) cost the same queries for 3 jobs or 9."""
        arch = self._arch(self.users["assistant"], "list")
        spec = {
            node.get("name"): {}
            for node in arch.iter("field")
            if self.env["helpdesk.ticket"]._fields[node.get("name")].type
            not in ("one2many", "many2many")
        }
        Ticket = self.env["helpdesk.ticket"].with_user(self.users["assistant"])
        batches = [Ticket.browse([self._create_job().id for _i in range(n)]) for n in (1, 3, 9)]
        counts = []
        # the first read warms the caches (access rules, translations)
        for jobs in batches:
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Ticket.web_search_read([("id", "in", jobs.ids)], spec)
            counts.append(self.env.cr.sql_log_count - before)
        counts = counts[1:]
        self.assertEqual(counts[0], counts[1], "the list's queries grow with the jobs")

    def test_kanban_shows_the_owner_wait_whatever_the_deadline(self):
        """A paused job has no running deadline: the badge of the owner's wait
        is not inside the deadline's condition."""
        arch = self._arch(self.users["assistant"], "kanban")
        [badge] = arch.xpath("//span[hasclass('o_pm_waiting_owner')]")
        conditions = [node.get("t-if") or "" for node in badge.iterancestors()] + [
            badge.get("t-if") or ""
        ]
        self.assertTrue(any("is_paused" in cond for cond in conditions))
        self.assertFalse(any("next_deadline" in cond for cond in conditions))
        [deadline] = arch.xpath("//field[@name='next_deadline']")
        self.assertEqual(deadline.get("widget"), "pm_deadline_left")

    # ------------------------------------------------------------ form header
    def _header_buttons(self, user, values):
        """The buttons of the form header visible on a job with these values,
        as (name, is primary)."""
        arch = self._arch(user, "form")
        visible = []
        context = dict(values, uid=user.id)
        for button in arch.xpath("//header/button"):
            invisible = button.get("invisible")
            if invisible and safe_eval(invisible, dict(context)):
                continue
            visible.append((button.get("name"), "btn-primary" in (button.get("class") or "")))
        return visible

    def _values(self, state, **vals):
        return dict(
            {
                "service_state": state,
                "is_complaint": False,
                "in_pool": False,
                "needs_visit": True,
                "is_paused": False,
                "user_id": False,
                "technician_ids": [],
                "ticket_type_id": self.type_urgent.id,
                "duplicate_id": False,
                "duplicate_ids": [],
                "duplicate_tracking_enabled": False,
                "charge_mode": "free",
                "billing_state": "free",
                "quote_outdated": False,
            },
            **vals,
        )

    def test_form_header_has_one_primary_action_per_state(self):
        assistant = self.users["assistant"]
        plumber = self.tech_plumber
        cases = [
            (assistant, self._values("new"), "action_open_dispatch"),
            (assistant, self._values("new", in_pool=True), "action_grab"),
            (plumber, self._values("dispatched", user_id=plumber.id), "action_take_job"),
            (plumber, self._values("accepted", user_id=plumber.id), "action_pm_open_checkin"),
            (
                plumber,
                self._values("on_site", user_id=assistant.id, technician_ids=[plumber.id]),
                "action_complete",
            ),
            (assistant, self._values("done", user_id=plumber.id), "action_accept_work"),
            (assistant, self._values("verified", user_id=plumber.id), "action_followup"),
            (assistant, self._values("new", is_complaint=True), "action_answer_complaint"),
            (assistant, self._values("accepted", is_complaint=True), "action_resolve_complaint"),
            # the technician's steps are not offered to whom may not take them
            (assistant, self._values("dispatched", user_id=plumber.id), None),
            (assistant, self._values("closed", user_id=plumber.id), None),
            (assistant, self._values("cancelled"), None),
        ]
        for user, values, primary in cases:
            with self.subTest(user=user.login, state=values["service_state"], primary=primary):
                buttons = self._header_buttons(user, values)
                primaries = [name for name, is_primary in buttons if is_primary]
                self.assertEqual(primaries, [primary] if primary else [])
                names = [name for name, _primary in buttons]
                self.assertEqual(len(names), len(set(names)), "a step offered twice")

    def test_form_header_quote_and_payment_are_secondary(self):
        assistant = self.users["assistant"]
        chargeable = self._values("new", charge_mode="chargeable", billing_state="to_quote")
        buttons = dict(self._header_buttons(assistant, chargeable))
        self.assertIs(buttons.get("action_pm_quote"), False, "offered, secondary")
        self.assertNotIn(
            "action_pm_quote", dict(self._header_buttons(assistant, self._values("new")))
        )
        to_pay = self._values("done", charge_mode="chargeable", billing_state="to_pay")
        buttons = dict(self._header_buttons(assistant, to_pay))
        self.assertIs(buttons.get("action_pm_register_payment"), False)
        self.assertTrue(buttons["action_accept_work"], "the workflow's step stays the primary one")

    def test_form_header_rare_actions_are_secondary(self):
        buttons = dict(self._header_buttons(self.users["assistant"], self._values("new")))
        for name in ("action_pause", "action_delay", "action_cancel_job"):
            self.assertIn(name, buttons)
            self.assertFalse(buttons[name], f"{name} is primary")
        self.assertNotIn("assign_to_me", buttons, "a job is dispatched, not taken from the form")

    def test_form_has_one_owner_block_and_the_timeline(self):
        arch = self._arch(self.users["assistant"], "form")
        [owner] = arch.xpath("//group[@name='owner']")
        names = [node.get("name") for node in owner.iter("field")]
        self.assertEqual(names[:2], ["partner_id", "partner_phone"])
        self.assertEqual(owner.xpath("field[@name='partner_phone']")[0].get("widget"), "phone")
        self.assertIn("unit_id", names)
        # the free-text name and e-mail of helpdesk_mgmt are in the other tab
        [name] = arch.xpath("//field[@name='partner_name']")
        self.assertTrue(name.xpath("ancestor::page[@name='other_info']"))
        timeline = arch.xpath("//sheet/field[@name='milestone_ids']")
        self.assertEqual(timeline[0].get("widget"), "pm_milestone_timeline")
