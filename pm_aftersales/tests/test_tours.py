"""The main journeys of each role, in Chromium, at the width of a desktop
(1440 px) and of a phone (390 px, touch): the tours of
static/tests/tours, on data made here (no demo data), and after each tour
what it must have left in the database.

The tours type dates relative to now and nothing here freezes the clock
(the browser keeps the real one): the assertions hold whatever the day.

Each backend tour opens the app from the apps menu (the app must open on
its jobs, not on its first menu's hotline dialog over an empty page), and
the rectification records its defect from the Handover Defects menu (the
unit must be offered on a new defect).
"""

import base64
import io

from PIL import Image

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import new_test_user


def _png(color=(40, 40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), color).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


class PmTourCommon(HttpCase):
    """A company of the test's own with an estate, an owner of two units
    with a portal login, a crew (a plumber and a mason), a customer-service
    assistant, a supervisor, a manager, a spare-parts store, the parties of
    a rectification and an assessment period; jobs at the steps where the
    journeys take them over."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Tour Property Co."})
        cls.company.partner_id.write({"tz": "Asia/Shanghai", "lang": "en_US"})
        cls.env.user.write(
            {"company_ids": [Command.link(cls.company.id)], "company_id": cls.company.id}
        )
        assert cls.env.company == cls.company
        ref = cls.env.ref
        cls.trade_plumbing = ref("pm_aftersales.pm_trade_plumbing")
        cls.trade_civil = ref("pm_aftersales.pm_trade_civil")
        cls.cat_burst_pipe = ref("pm_aftersales.helpdesk_category_burst_pipe")
        cls.cat_water_leak = ref("pm_aftersales.helpdesk_category_water_leak")
        cls.cause_wear = ref("pm_aftersales.pm_failure_cause_wear")
        cls.channel_phone = ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        # People
        cls.assistant = cls._user("tour_assistant", "Tour Assistant", "group_pm_cs_assistant")
        cls.supervisor = cls._user("tour_supervisor", "Tour Supervisor", "group_pm_cs_supervisor")
        cls.manager = cls._user("tour_manager", "Tour Manager", "group_pm_manager")
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "Tour round the clock",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {"name": f"d{d}", "dayofweek": str(d), "hour_from": 0, "hour_to": 24}
                    )
                    for d in range(7)
                ],
            }
        )
        cls.plumber = cls._technician("tour_plumber", "Tour Plumber", cls.trade_plumbing, calendar)
        cls.mason = cls._technician("tour_mason", "Tour Mason", cls.trade_civil, calendar)
        cls.crew = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Tour water crew",
                "alias_name": "tour-water-crew",
                "user_id": cls.plumber.id,
                "user_ids": [Command.set((cls.plumber | cls.mason).ids)],
                "trade_ids": [Command.set(cls.trade_plumbing.ids)],
            }
        )
        # Other crews of the database do not take the tours' jobs.
        cls.env["helpdesk.ticket.team"].search([("id", "!=", cls.crew.id)]).trade_ids = False
        # Places and owner
        cls.estate = cls.env["pm.estate"].create(
            {
                "name": "Tour Lake",
                "code": "TL",
                "manager_id": cls.manager.id,
                "cs_supervisor_id": cls.supervisor.id,
            }
        )
        building = cls.env["pm.building"].create(
            {"name": "Tour Block 1", "estate_id": cls.estate.id, "floor_count": 18}
        )
        cls.unit = cls._unit(building, "T-801", 8)
        cls.unit_2 = cls._unit(building, "T-802", 8)
        cls.owner = cls.env["res.partner"].create(
            {
                "name": "Tour Owner",
                "phone": "138 0013 8000",
                "email": "tour.owner@example.com",
                "lang": "en_US",
            }
        )
        cls.owner_user = new_test_user(
            cls.env,
            login="tour_owner",
            groups="pm_aftersales.group_pm_owner",
            partner_id=cls.owner.id,
            name=cls.owner.name,
        )
        # Spare parts
        warehouse = cls.env["stock.warehouse"].create(
            {"name": "Tour Lake Spare Parts", "code": "TLSP", "company_id": cls.company.id}
        )
        cls.estate.warehouse_id = warehouse
        cls.valve = cls.env["product.product"].create(
            {
                "name": "Tour Angle Valve",
                "is_storable": True,
                "standard_price": 25.0,
                "categ_id": ref("pm_aftersales.product_category_parts_plumbing").id,
            }
        )
        cls.stock = warehouse.lot_stock_id
        cls.env["stock.quant"]._update_available_quantity(cls.valve, cls.stock, 10)
        # Rectification: the supervisor answers for the estate's rectifications
        # (its rectification owner) and may approve their budgets.
        Partner = cls.env["res.partner"]
        cls.developer = Partner.create(
            {"name": "Tour Development", "is_company": True, "pm_party_type": "developer"}
        )
        cls.contractor = Partner.create(
            {"name": "Tour Build Co.", "is_company": True, "pm_party_type": "contractor"}
        )
        cls.contractor_crew = Partner.create(
            {"name": "Tour Build civil crew", "parent_id": cls.contractor.id, "type": "other"}
        )
        cls.harbour = cls.env["pm.estate"].create(
            {
                "name": "Tour Harbour",
                "code": "TH",
                "manager_id": cls.supervisor.id,
                "cs_supervisor_id": cls.supervisor.id,
                "developer_id": cls.developer.id,
            }
        )
        tower = cls.env["pm.building"].create({"name": "Tour Tower", "estate_id": cls.harbour.id})
        cls.unit_handover = cls._unit(tower, "T-1601", 16)
        cls.env["pm.unit.occupant"].create(
            [
                {"unit_id": unit.id, "partner_id": cls.owner.id, "role": "owner"}
                for unit in (cls.unit, cls.unit_2, cls.unit_handover)
            ]
        )
        # Any amount: the supervisors' budget tier of the company (tier validation).
        supervisors = ref("pm_aftersales.group_pm_cs_supervisor")
        tiers = cls.env["tier.definition"].search(
            [("company_id", "=", cls.company.id), ("model", "=", "pm.rectification.order")]
        )
        theirs = tiers.filtered(lambda t: supervisors in t.pm_reviewer_group_ids)
        theirs.definition_domain = "[]"
        (tiers - theirs).active = False
        # Assessment
        cls.period = cls.env["pm.scorecard.period"].create(
            {"name": "Tour 2025-01", "date_from": "2025-01-01", "date_to": "2025-01-31"}
        )
        # Jobs where the journeys take them over
        cls.job_dispatched = cls._job("Tour: dripping kitchen tap")
        cls.job_dispatched.with_user(cls.assistant)._dispatch(cls.plumber)
        # on the technician's home (his jobs of today) whatever the time of day
        cls.job_dispatched.appointment_date = fields.Datetime.now()
        cls.job_done = cls._job("Tour: blocked balcony drain")
        cls._work(cls.job_done)
        cls.job_accepted = cls._job("Tour: broken water heater")
        cls._work(cls.job_accepted)
        cls.env["pm.ticket.acceptance"].with_user(cls.assistant).create(
            {
                "ticket_id": cls.job_accepted.id,
                "result": "accepted",
                "channel": "on_site",
                "partner_id": cls.owner.id,
                "signed_by": cls.owner.name,
                "signature": _png(),
            }
        )
        assert cls.job_dispatched.service_state == "dispatched"
        assert cls.job_done.service_state == "done"
        assert cls.job_accepted.service_state == "verified"

    @classmethod
    def _user(cls, login, name, group):
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=f"pm_aftersales.{group}",
            lang="en_US",
            tz="Asia/Shanghai",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @classmethod
    def _technician(cls, login, name, trade, calendar):
        user = cls._user(login, name, "group_pm_technician")
        cls.env["hr.employee"].create(
            {
                "name": name,
                "user_id": user.id,
                "company_id": cls.company.id,
                "pm_trade_ids": [Command.set(trade.ids)],
                "resource_calendar_id": calendar.id,
            }
        )
        return user

    @classmethod
    def _unit(cls, building, name, floor):
        return cls.env["pm.unit"].create(
            {"name": name, "building_id": building.id, "floor": floor, "floor_area": 89.5}
        )

    @classmethod
    def _job(cls, name):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": name,
                "description": f"<p>{name}</p>",
                "category_id": cls.cat_water_leak.id,
                "unit_id": cls.unit.id,
                "partner_id": cls.owner.id,
                "team_id": cls.crew.id,
            }
        )

    @classmethod
    def _work(cls, job):
        """Dispatched to the plumber, who accepts, comes and finishes."""
        job.with_user(cls.assistant)._dispatch(cls.plumber)
        as_plumber = job.with_user(cls.plumber)
        as_plumber.action_take_job()
        as_plumber.action_pm_scan(job.unit_id.pm_qr_url)
        as_plumber.write({"work_done": "Joint replaced", "failure_cause_id": cls.cause_wear.id})
        as_plumber.action_complete()

    def _tour(self, name, user, url="/odoo"):
        self.start_tour(url, f"pm_aftersales_{name}", login=user.login, timeout=180)
        self.env.invalidate_all()


class PmTourJourneys:
    """The journeys, run by the desktop and the phone classes below."""

    def test_assistant_registers_a_call_and_dispatches_it(self):
        self._tour("hotline_dispatch", self.assistant)
        job = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.owner.id), ("channel_id", "=", self.channel_phone.id)]
        )
        self.assertEqual(len(job), 1, "the call registered one job")
        self.assertEqual(job.unit_id, self.unit)
        self.assertEqual(job.category_id, self.cat_burst_pipe)
        urgent = self.env.ref("pm_aftersales.pm_ticket_type_urgent_repair")
        self.assertEqual(job.ticket_type_id, urgent)
        self.assertIn("kitchen ceiling", job.description)
        self.assertEqual(job.team_id, self.crew)
        self.assertEqual(job.user_id, self.plumber)
        self.assertEqual(job.service_state, "dispatched")
        assignment = job.assignment_ids[:1]
        self.assertEqual(
            (assignment.user_id, assignment.mode, assignment.assigned_by_id),
            (self.plumber, "assign", self.assistant),
        )
        self.assertTrue(
            job.message_ids.filtered(lambda m: self.owner in m.partner_ids),
            "the owner is told the job is registered",
        )

    def test_technician_works_the_job(self):
        job = self.job_dispatched
        self._tour("technician_work", self.plumber)
        self.assertEqual(job.service_state, "done")
        self.assertTrue(job.checkin_date and job.done_date)
        # no label at hand: checked in with a reason, not counted as proven
        self.assertEqual(
            (job.checkin_method, job.checkin_reason, job.checkin_proven),
            ("manual", "The label at the door was torn off", False),
        )
        response = job.milestone_ids.filtered(lambda m: m.milestone_type == "response")
        self.assertEqual(response.state, "met")
        delay = job.delay_ids
        self.assertEqual(len(delay), 1)
        self.assertEqual(delay.user_id, self.plumber)
        # a minor repair: its one time limit is the completion's
        self.assertEqual(delay.milestone_type, "completion")
        self.assertEqual(delay.milestone_id.promised_deadline, delay.promised_date)
        self.assertEqual(delay.reason_id, self.env.ref("pm_aftersales.pm_delay_reason_parts"))
        self.assertIn("valve", delay.explanation)
        self.assertGreater(delay.promised_date, delay.original_deadline)
        part = job.part_ids
        self.assertEqual(part.product_id, self.valve)
        self.assertEqual((part.product_uom_qty, part.quantity_used), (1, 1))
        self.assertEqual(part.state, "consumed", "taken out of the store at completion")
        self.assertEqual(self.valve.with_context(location=self.stock.id).qty_available, 9)
        self.assertEqual(job.photo_before_ids.mapped("name"), ["tap_before.png"])
        self.assertEqual(job.photo_before_ids.mimetype, "image/png")
        self.assertEqual(job.failure_cause_id, self.cause_wear)
        self.assertIn("Cartridge", job.work_done)

    def test_owner_accepts_and_rates_on_the_portal(self):
        job = self.job_done
        self._tour("owner_portal", self.owner_user, url="/my")
        reported = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.owner.id), ("description", "ilike", "bathroom ceiling")]
        )
        self.assertEqual(len(reported), 1, "the owner's report registered one job")
        self.assertEqual((reported.unit_id, reported.category_id), (self.unit, self.cat_water_leak))
        acceptance = job.acceptance_ids
        self.assertEqual(len(acceptance), 1)
        self.assertEqual(
            (acceptance.result, acceptance.channel, acceptance.signed_by, acceptance.partner_id),
            ("accepted", "portal", "Tour Owner", self.owner),
        )
        self.assertTrue(acceptance.signature)
        followup = job.followup_ids
        self.assertEqual(
            (followup.score_speed, followup.score_attitude, followup.score_quality),
            (5, 4, 5),
        )
        self.assertEqual(followup.method, "portal")
        self.assertIn("Quick", followup.comment)
        self.assertEqual(job.service_state, "closed")
        self.assertAlmostEqual(job.satisfaction, 14 / 3, places=2)

    def test_assistant_records_the_followup_visit(self):
        job = self.job_accepted
        self._tour("followup_visit", self.assistant)
        followup = job.followup_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(
            (followup.score_speed, followup.score_attitude, followup.score_quality),
            (4, 5, 5),
        )
        self.assertEqual((followup.method, followup.user_id), ("phone", self.assistant))
        self.assertIn("Satisfied", followup.comment)
        self.assertFalse(followup.complaint_id, "good scores open no complaint")
        self.assertEqual(job.service_state, "closed")

    def test_supervisor_runs_a_rectification(self):
        self._tour("rectification", self.supervisor)
        defect = self.env["pm.defect"].search([("unit_id", "=", self.unit_handover.id)])
        self.assertEqual(len(defect), 1)
        self.assertEqual(defect.name, "Tour: window does not close tight")
        self.assertEqual(
            (defect.trade_id, defect.contractor_id), (self.trade_civil, self.contractor_crew)
        )
        self.assertEqual(defect.verified_by_id, self.supervisor)
        order = defect.order_id
        self.assertTrue(order)
        self.assertEqual(defect.state, "ordered")
        self.assertEqual(order.state, "accepted")
        self.assertEqual(order.contractor_id, self.contractor)
        self.assertEqual(order.opinion_signed_by_id, self.supervisor)
        self.assertTrue(order.opinion_signature)
        self.assertEqual((order.department, order.handler), ("Engineering", "Zhang Wei"))
        self.assertEqual(order.budget_state, "approved")
        self.assertEqual(order.budget_amount, 1500)
        self.assertEqual(order.progress, 100)
        signatures = order.signature_ids
        self.assertEqual(len(signatures), 4)
        self.assertEqual(
            set(signatures.mapped("party")), {"developer", "contractor", "property", "owner"}
        )
        self.assertEqual(set(signatures.mapped("result")), {"accepted"})
        self.assertTrue(all(signatures.mapped("signature")))
        self.assertEqual(set(signatures.mapped("round")), {1})
        self.assertEqual(signatures.filtered(lambda s: s.party == "owner").partner_id, self.owner)
        self.assertTrue(order.accepted_date)

    def test_manager_closes_a_period_and_opens_the_dashboard(self):
        self._tour("manager_period", self.manager)
        self.assertEqual(self.period.state, "closed")
        self.assertTrue(self.period.computed_date)
        self.assertEqual(self.period.scorecard_ids.employee_id.user_id, self.plumber | self.mason)


@tagged("post_install", "-at_install")
class TestToursDesktop(PmTourJourneys, PmTourCommon):
    browser_size = "1440x900"

    def test_assistant_reads_the_job_desk(self):
        """The assistant's desk at 1440 px: the deciding limit with its kind
        and the time left in the kanban and the list, the owner's wait on a
        paused job, the owner and the phone; one primary button in the form."""
        waiting = self._job("Tour: nobody at home")
        self.env["pm.ticket.pause"].with_user(self.assistant).create(
            {"ticket_id": waiting.id, "reason": "owner_absent"}
        )
        self.assertTrue(waiting.is_paused)
        self.assertFalse(waiting.next_deadline)
        # dispatched, not accepted yet: the response decides
        self.assertEqual(self.job_dispatched.next_milestone_type, "response")
        self.assertFalse(self.job_done.next_deadline)
        self._tour("job_desk", self.assistant)
        # the tour only reads
        self.assertEqual(self.job_done.service_state, "done")
        self.assertTrue(waiting.is_paused)


@tagged("post_install", "-at_install")
class TestToursPhone(PmTourJourneys, PmTourCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_technician_completes_a_job_on_his_phone(self):
        """After login on his phone the technician lands on his jobs and
        completes one in at most 6 taps, nothing scrolling sideways."""
        self.estate.write({"city": "Hangzhou", "street": "Lake Road 1"})
        building = self.unit.building_id
        unit = self._unit(building, "T-803", 8)
        job = self.env["helpdesk.ticket"].create(
            {
                "name": "Tour: running toilet cistern",
                "description": "<p>The cistern keeps running.</p>",
                "category_id": self.cat_water_leak.id,
                "unit_id": unit.id,
                "partner_id": self.owner.id,
                "team_id": self.crew.id,
                "appointment_date": fields.Datetime.now(),
            }
        )
        job.with_user(self.assistant)._dispatch(self.plumber)
        self.assertEqual(
            self.plumber.action_id.id,
            self.env.ref("pm_aftersales.pm_technician_job_action").id,
            "he lands on his jobs",
        )
        self._tour("technician_phone", self.plumber)
        self.assertEqual(job.service_state, "done")
        self.assertTrue(job.checkin_date and job.done_date)
        # checked in by the camera reading the unit's QR label
        self.assertEqual((job.checkin_method, job.checkin_proven), ("qr", True))
        self.assertEqual(job.failure_cause_id, self.cause_wear)
        self.assertIn("Flush valve", job.work_done)
        self.assertEqual(job.photo_after_ids.mapped("name"), ["cistern_after.png"])
