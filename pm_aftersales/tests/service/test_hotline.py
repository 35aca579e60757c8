from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from ..common_service import T0, PmServiceCommon

TODAY = T0.date()


@tagged("post_install", "-at_install")
class TestHotline(PmServiceCommon):
    def _form(self):
        return Form(self.env["pm.hotline.wizard"].with_user(self.users["assistant"]))

    def test_caller_found_by_number(self):
        form = self._form()
        form.phone = "138-0013-8000"
        self.assertEqual(form.partner_id, self.owner_a)
        self.assertEqual(set(form.unit_ids.ids), {self.unit_a.id, self.unit_a2.id})
        self.assertFalse(form.unit_id)  # two units: the assistant picks one
        form.unit_id = self.unit_a
        form.category_id = self.cat_burst_pipe
        self.assertEqual(form.ticket_type_id, self.type_urgent)
        self.assertEqual(form.priority, "3")
        self.assertIn("Burst Pipe", form.name)
        form.description = "<p>Water pouring from the ceiling</p>"
        with freeze_time(T0):
            action = form.save().action_register()
        job = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(job.partner_id, self.owner_a)
        self.assertEqual(job.unit_id, self.unit_a)
        self.assertEqual(
            job.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        )
        self.assertEqual(self._milestone(job, "arrival").deadline, T0 + timedelta(minutes=15))
        self.assertEqual(job.report_date, T0)
        self.assertEqual(job.estate_id, self.estate)
        self.assertEqual(job.team_id, self.crew)  # the crew of the trade
        # the owner is told, in the chatter the portal shows
        ack = job.message_ids.filtered(
            lambda m: self.owner_a in m.partner_ids and m.message_type == "comment"
        )
        self.assertEqual(len(ack), 1)
        # and by SMS (the owner has a mobile number), logged beside it
        sms = job.message_ids.filtered(lambda m: m.message_type == "sms")
        self.assertEqual(sms.partner_ids, self.owner_a)
        self.assertIn(job.number, ack.body)
        self.assertEqual(ack.message_type, "comment")

    def test_single_unit_is_chosen(self):
        form = self._form()
        form.phone = "13900139000"
        self.assertEqual(form.partner_id, self.owner_b)
        self.assertEqual(form.unit_id, self.unit_b)

    def test_unknown_caller_needs_a_name(self):
        form = self._form()
        form.phone = "18612345678"
        self.assertFalse(form.partner_id)
        form.public_area_id = self.area
        form.category_id = self.cat_wall_crack
        form.description = "<p>Crack in the gate pillar</p>"
        wizard = form.save()
        with self.assertRaisesRegex(UserError, "enter the caller's name"):
            wizard.action_register()
        wizard.caller_name = "Passer-by"
        job = self.env["helpdesk.ticket"].browse(wizard.action_register()["res_id"])
        self.assertEqual(job.partner_id.name, "Passer-by")
        self.assertEqual(job.partner_id.phone, "18612345678")
        self.assertEqual(job.public_area_id, self.area)
        self.assertFalse(job.unit_id)

    def test_acknowledgement_in_the_owners_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "pm_aftersales")])._load_module_terms(
            ["pm_aftersales"], ["zh_CN"], overwrite=True
        )
        self.owner_a.lang = "zh_CN"
        self.owner_b.lang = "en_US"
        job_zh = self._create_job()
        job_en = self._create_job(unit_id=self.unit_b.id, partner_id=self.owner_b.id)
        (job_zh | job_en)._send_acknowledgement()
        body_zh = job_zh.message_ids.filtered(
            lambda m: self.owner_a in m.partner_ids and m.message_type == "comment"
        ).body
        body_en = job_en.message_ids.filtered(
            lambda m: self.owner_b in m.partner_ids and m.message_type == "comment"
        ).body
        self.assertIn("已受理", body_zh)
        self.assertIn("is registered as job", body_en)

    def test_registration_through_rpc_values(self):
        """The wizard created in one call (as JSON-RPC does) keeps what its
        computes found."""
        wizard = self.env["pm.hotline.wizard"].create(
            {
                "phone": "13900139000",
                "category_id": self.cat_water_leak.id,
                "description": "<p>Leak</p>",
            }
        )
        self.assertEqual(wizard.partner_id, self.owner_b)
        self.assertEqual(wizard.unit_id, self.unit_b)
        self.assertEqual(wizard.ticket_type_id, self.type_minor)
        wizard.invalidate_recordset()
        job = self.env["helpdesk.ticket"].browse(wizard.action_register()["res_id"])
        self.assertEqual((job.partner_id, job.unit_id), (self.owner_b, self.unit_b))

    def test_caller_panel(self):
        """The caller's units with his role, his open and recent jobs, and the
        warranty of the unit for the trade of the category."""
        self.unit_a.handover_date = TODAY - timedelta(days=400)  # plumbing: 2 years
        self.unit_a2.handover_date = TODAY - timedelta(days=3 * 365)
        open_job = self._create_job(name="Dripping tap")
        cancelled = self._create_job(name="Reported twice", unit_id=self.unit_a2.id)
        cancelled.action_cancel_job()
        other = self._create_job(unit_id=self.unit_b.id, partner_id=self.owner_b.id)
        with freeze_time(T0):
            form = self._form()
            form.phone = "13800138000"
            self.assertEqual(
                set(form.occupancy_ids[:].mapped(lambda o: (o.unit_id, o.role))),
                {(self.unit_a, "owner"), (self.unit_a2, "owner")},
            )
            self.assertEqual(form.open_ticket_ids[:], open_job)
            self.assertEqual(form.recent_ticket_ids[:], cancelled)
            self.assertNotIn(other, form.open_ticket_ids[:])
            self.assertFalse(form.warranty_state)  # no unit chosen yet
            form.unit_id = self.unit_a
            form.category_id = self.cat_burst_pipe  # plumbing
            self.assertEqual(form.warranty_state, "valid")
            self.assertEqual(
                form.warranty_end,
                self.unit_a.handover_date.replace(year=self.unit_a.handover_date.year + 2)
                - timedelta(days=1),
            )
            form.unit_id = self.unit_a2
            self.assertEqual(form.warranty_state, "expired")

    def test_caller_panel_empty_for_unknown_caller(self):
        form = self._form()
        form.phone = "18612345678"
        self.assertFalse(form.occupancy_ids)
        self.assertFalse(form.open_ticket_ids)
        self.assertFalse(form.recent_ticket_ids)

    def test_a_repair_needs_a_place(self):
        form = self._form()
        form.phone = "13800138000"  # two units: none chosen
        form.category_id = self.cat_burst_pipe
        form.description = "<p>Water pouring from the ceiling</p>"
        self.assertTrue(form.needs_place)
        # the form asks for the place before it lets the call be registered
        with self.assertRaisesRegex(AssertionError, "unit_id is a required field"):
            form.save()
        # and the server refuses it whatever the client sends
        wizard = (
            self.env["pm.hotline.wizard"]
            .with_user(self.users["assistant"])
            .create(
                {
                    "phone": "13800138000",
                    "category_id": self.cat_burst_pipe.id,
                    "description": "<p>Water pouring from the ceiling</p>",
                }
            )
        )
        self.assertFalse(wizard.unit_id)
        count = self.env["helpdesk.ticket"].search_count([])
        with self.assertRaisesRegex(ValidationError, "Urgent Repair.*unit.*public area"):
            wizard.action_register()
        with self.assertRaisesRegex(ValidationError, "choose the unit"):
            wizard.action_register_dispatch()
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        wizard.public_area_id = self.area
        job = self.env["helpdesk.ticket"].browse(wizard.action_register()["res_id"])
        self.assertEqual(job.public_area_id, self.area)

    def test_an_enquiry_needs_no_place(self):
        form = self._form()
        form.phone = "13800138000"
        form.category_id = self.env.ref("pm_aftersales.helpdesk_category_enquiry")
        form.description = "<p>When is the water cut tomorrow?</p>"
        self.assertFalse(form.needs_place)
        job = self.env["helpdesk.ticket"].browse(form.save().action_register()["res_id"])
        self.assertFalse(job.unit_id or job.public_area_id)

    def test_register_and_dispatch(self):
        form = self._form()
        form.phone = "13900139000"  # one unit: chosen
        form.category_id = self.cat_water_leak
        form.description = "<p>Leak</p>"
        with freeze_time(T0):
            action = form.save().action_register_dispatch()
        self.assertEqual(action["res_model"], "pm.dispatch.wizard")
        wizard = self.env["pm.dispatch.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.ticket_id.unit_id, self.unit_b)
        self.assertEqual(wizard.ticket_id.partner_id, self.owner_b)

    def test_only_the_service_categories_are_offered(self):
        foreign = self.env["helpdesk.ticket.category"].create({"name": "Wifi"})
        offered = self.env["helpdesk.ticket.category"].search(
            self.env["pm.hotline.wizard"]._fields["category_id"].domain
        )
        self.assertIn(self.cat_burst_pipe, offered)
        self.assertNotIn(foreign, offered)
        for model in ("pm.hotline.wizard", "helpdesk.ticket"):
            with self.subTest(model=model):
                field = self.env[model]._fields["category_id"]
                self.assertNotIn(foreign, self.env["helpdesk.ticket.category"].search(field.domain))
        # helpdesk_mgmt's own categories stay usable for its tickets
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Router", "description": "<p>No signal</p>", "category_id": foreign.id}
        )
        self.assertEqual(ticket.category_id, foreign)
