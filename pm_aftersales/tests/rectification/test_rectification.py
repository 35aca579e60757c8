from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..common_rectification import PmRectificationCommon, signature_png


class TestRectificationWorkflow(PmRectificationCommon):
    # ------------------------------------------------------------------ defects
    def test_defect_verified_by_supervisor_only(self):
        defect = self._create_defect()
        self.assertEqual(defect.state, "reported")
        # The estate's supervisor gets a to-do to verify it on site.
        self.assertEqual(defect.activity_ids.user_id, self.users["cs_supervisor"])
        with self.assertRaisesRegex(UserError, "supervisor"):
            defect.with_user(self.users["assistant"]).action_verify()
        defect.with_user(self.users["cs_supervisor"]).action_verify()
        self.assertEqual(defect.state, "verified")
        self.assertEqual(defect.verified_by_id, self.users["cs_supervisor"])
        self.assertFalse(defect.activity_ids)

    def test_not_a_defect_needs_a_reason(self):
        defect = self._create_defect()
        supervisor = defect.with_user(self.users["cs_supervisor"])
        with self.assertRaisesRegex(UserError, "Say why"):
            supervisor.action_reject()
        defect.verify_note = "Owner's own nail holes"
        supervisor.action_reject()
        self.assertEqual(defect.state, "rejected")

    def test_orders_grouped_by_unit_trade_and_crew(self):
        supervisor = self.users["cs_supervisor"]
        other_crew = self.env["res.partner"].create(
            {"name": "Bright door crew", "parent_id": self.contractor_2.id, "type": "other"}
        )
        defects = (
            self._create_defect(name="Crack 1")
            | self._create_defect(name="Crack 2")
            | self._create_defect(name="Door", trade=self.trade_door, crew=other_crew)
            | self._create_defect(unit=self.unit_a2, name="Crack 3")
        )
        defects.with_user(supervisor).action_verify()
        unverified = self._create_defect(name="Not verified yet")
        action = (defects | unverified).with_user(self.users["assistant"]).action_create_orders()
        orders = self.env["pm.rectification.order"].browse(action["domain"][0][2])
        self.assertEqual(len(orders), 3)
        by_key = {(o.unit_id, o.trade_id): o for o in orders}
        grouped = by_key[(self.unit_a, self.trade)]
        self.assertEqual(grouped.defect_ids.mapped("name"), ["Crack 1", "Crack 2"])
        self.assertEqual(grouped.contractor_id, self.contractor)
        self.assertEqual(grouped.crew_id, self.crew)
        self.assertEqual(grouped.developer_id, self.developer)  # from the estate
        self.assertEqual(grouped.rect_owner_id, self.users["manager"])
        self.assertEqual(by_key[(self.unit_a, self.trade_door)].contractor_id, self.contractor_2)
        self.assertEqual(set(orders.mapped("state")), {"verified"})
        self.assertEqual(set(defects.mapped("state")), {"ordered"})
        self.assertFalse(unverified.order_id)
        self.assertTrue(all(o.name.startswith("ZG") for o in orders))
        with self.assertRaisesRegex(UserError, "verified defects"):
            unverified.action_create_orders()

    # ------------------------------------------------------------------ states
    def test_full_workflow(self):
        order = self._create_order()
        self.assertEqual(order.state, "draft")
        self._advance(order, "assigned")
        self.assertEqual(order.opinion_signed_by_id, self.users["manager"])
        self._advance_from(order, "assigned", "in_progress")
        self.assertEqual(order.budget_state, "approved")
        self.env["pm.rectification.progress"].create(
            {"order_id": order.id, "percent": 40, "description": "Chiselled", "date": "2026-03-03"}
        )
        self.env["pm.rectification.progress"].create(
            {"order_id": order.id, "percent": 90, "description": "Plastered", "date": "2026-03-04"}
        )
        self.assertEqual((order.progress, order.last_progress_note), (90, "Plastered"))
        order.action_done()
        self.assertEqual(order.state, "done")
        self._sign_all(order)
        self.assertEqual(order.state, "accepted")
        order.action_close()
        self.assertEqual(order.state, "closed")
        self.assertEqual(set(order.defect_ids.mapped("state")), {"fixed"})

    def _advance_from(self, order, current, target):
        steps = ["planned", "in_progress", "done"]
        for step in steps[: steps.index(target) + 1]:
            if step == "planned":
                order.write({"plan": "<p>Patch</p>", "budget_amount": 800})
                order.action_submit_budget()
                order.with_user(self.users["manager"]).action_approve_budget()
            elif step == "in_progress":
                order.action_start()

    def test_opinion_signed_by_the_rectification_owner_with_everything(self):
        order = self._advance(self._create_order(), "verified")
        order.write({"department": "Engineering", "opinion": "Fix it"})
        with self.assertRaisesRegex(UserError, "handler, deadline, signature"):
            order.with_user(self.users["manager"]).action_sign_opinion()
        order.write(
            {"handler": "Zhang", "deadline": "2026-03-09", "opinion_signature": signature_png()}
        )
        with self.assertRaisesRegex(UserError, "Only the rectification owner"):
            order.with_user(self.users["cs_supervisor"]).action_sign_opinion()
        order.rect_owner_id = self.users["cs_supervisor"]
        order.with_user(self.users["cs_supervisor"]).action_sign_opinion()
        self.assertEqual(order.state, "assigned")

    def test_wrong_state_is_refused_clearly(self):
        order = self._create_order()
        with self.assertRaisesRegex(UserError, "cannot be started now"):
            order.action_start()
        with self.assertRaisesRegex(UserError, "in progress"):
            self.env["pm.rectification.progress"].create(
                {"order_id": order.id, "percent": 10, "description": "Too early"}
            )
        order = self._advance(self._create_order(), "in_progress")
        with self.assertRaisesRegex(UserError, "Record the work done"):
            order.action_done()

    # ------------------------------------------------------------------ budget
    def test_budget_approval_limits_by_amount(self):
        supervisor, manager = self.users["cs_supervisor"], self.users["manager"]
        # The test's company got the shipped tiers (the main company's).
        tier_supervisor, tier_manager = self._budget_tiers()
        self.assertEqual(tier_supervisor.definition_domain, '[("budget_amount", "<=", 5000)]')
        self.assertIn(
            self.env.ref("pm_aftersales.group_pm_cs_supervisor"),
            tier_supervisor.pm_reviewer_group_ids,
        )
        small = self._advance(self._create_order(), "assigned")
        small.write({"plan": "<p>Patch</p>", "budget_amount": 5000})
        small.action_submit_budget()
        small.with_user(supervisor).action_approve_budget()  # at the limit
        self.assertEqual((small.state, small.budget_approved_by_id), ("planned", supervisor))
        big = self._advance(self._create_order(), "assigned")
        big.write({"plan": "<p>Replace the slab</p>", "budget_amount": 5000.01})
        big.action_submit_budget()
        with self.assertRaisesRegex(UserError, "above your approval limit"):
            big.with_user(supervisor).action_approve_budget()
        with self.assertRaisesRegex(UserError, "above your approval limit"):
            big.with_user(self.users["assistant"]).action_approve_budget()
        big.with_user(manager).action_approve_budget()  # unlimited
        self.assertEqual(big.state, "planned")
        # Raising the supervisors' tier lets them approve more.
        tier_supervisor.definition_domain = '[("budget_amount", "<=", 20000)]'
        tier_manager.definition_domain = '[("budget_amount", ">", 20000)]'
        bigger = self._advance(self._create_order(), "assigned")
        bigger.write({"plan": "<p>Replace</p>", "budget_amount": 15000})
        bigger.action_submit_budget()
        bigger.with_user(supervisor).action_approve_budget()
        self.assertEqual(bigger.state, "planned")

    def test_budget_rejection_loop(self):
        order = self._advance(self._create_order(), "assigned")
        order.write({"plan": "<p>Gold-plated taps</p>", "budget_amount": 3000})
        order.action_submit_budget()
        supervisor = order.with_user(self.users["cs_supervisor"])
        with self.assertRaisesRegex(UserError, "Say why"):
            supervisor.action_reject_budget()
        order.budget_reject_reason = "Too expensive: use standard taps"
        supervisor.action_reject_budget()
        self.assertEqual((order.state, order.budget_state), ("assigned", "rejected"))
        with self.assertRaisesRegex(UserError, "not submitted"):
            supervisor.action_approve_budget()
        order.write({"plan": "<p>Standard taps</p>", "budget_amount": 900})
        order.action_submit_budget()
        self.assertFalse(order.budget_reject_reason)
        supervisor.action_approve_budget()
        self.assertEqual(order.state, "planned")

    def _assert_db_refuses(self, record, vals, message):
        """The database refuses ``vals`` and the user reads ``message``."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as error,
            self.env.cr.savepoint(),
        ):
            record.write(vals)
            record.flush_recordset()
        self.assertIn(message, record._sql_error_to_message(error.exception))
        record.invalidate_recordset()

    def test_budget_zero_or_negative_refused(self):
        order = self._advance(self._create_order(), "assigned")
        order.plan = "<p>Patch</p>"
        with self.assertRaisesRegex(UserError, "must be more than zero: enter the estimated"):
            order.action_submit_budget()
        self.assertEqual(order.budget_state, "none")
        with (
            self.assertRaisesRegex(ValidationError, "more than zero"),
            self.env.cr.savepoint(),
        ):
            order.write({"budget_amount": 0, "budget_state": "submitted"})
        order.invalidate_recordset()
        self.assertEqual(order.budget_state, "none")
        self._assert_db_refuses(
            order, {"budget_amount": -10}, "The cost budget cannot be negative."
        )

    def test_deadline_before_order_date_refused(self):
        order = self._create_order()
        self._assert_db_refuses(
            order,
            {"deadline": "2026-03-01"},
            "The deadline cannot be before the order date: give a later deadline.",
        )
        order.deadline = "2026-03-02"  # the same day is fine
        order.flush_recordset()
        self.assertEqual(str(order.deadline), "2026-03-02")

    # ------------------------------------------------------------------ acceptance
    def test_accepted_only_when_all_four_accepted(self):
        order = self._advance(self._create_order(), "done")
        for party in ("property", "developer", "contractor"):
            self._sign(order, party)
            self.assertEqual(order.state, "done", f"accepted after {party} only")
        self.assertEqual(order.signed_parties.count(","), 2)
        self._sign(order, "owner")
        self.assertEqual(order.state, "accepted")
        self.assertTrue(order.accepted_date)

    def test_any_rejection_reopens_with_the_reason(self):
        for rejecting in ("property", "developer", "contractor", "owner"):
            order = self._advance(self._create_order(), "done")
            self._sign(order, "property" if rejecting != "property" else "developer")
            self._sign(order, rejecting, result="rejected", comment=f"{rejecting}: still cracked")
            self.assertEqual(order.state, "in_progress", rejecting)
            self.assertEqual(order.acceptance_round, 2)
            self.assertFalse(order.current_signature_ids)  # everyone signs again
            self.assertTrue(
                any(
                    f"{rejecting}: still cracked" in body
                    for body in order.message_ids.mapped("body")
                )
            )
            self.assertEqual(order.escalation_reason, "rejected")
            self.assertEqual(order.escalation_level, 1)
        # Second round: fixed, signed again by all four, accepted.
        order.action_done()
        self._sign_all(order)
        self.assertEqual(order.state, "accepted")
        self.assertEqual(len(order.signature_ids), 6)

    def _assert_sign_refused(self, message, order, party, exception=ValidationError, **kwargs):
        """Refused as the user would see it: the transaction is rolled back."""
        with self.assertRaisesRegex(exception, message), self.env.cr.savepoint():
            self._sign(order, party, **kwargs)
        order.invalidate_recordset()
        self.assertFalse(order.signature_ids.filtered(lambda s: s.party == party))

    def test_rejection_needs_a_reason_acceptance_a_signature(self):
        order = self._advance(self._create_order(), "done")
        self._assert_sign_refused("Say why", order, "owner", result="rejected", comment=" ")
        self._assert_sign_refused("Sign to accept", order, "owner", signature=False)
        self.assertFalse(order.signature_ids)

    def test_party_signs_once_per_round(self):
        order = self._advance(self._create_order(), "done")
        self._sign(order, "owner")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as error,
            self.env.cr.savepoint(),
        ):
            self._sign(order, "owner")
        self.assertIn(
            "This party has already signed this acceptance",
            order.signature_ids._sql_error_to_message(error.exception),
        )
        self.assertEqual(len(order.signature_ids), 1)

    def test_signature_by_someone_not_of_that_party_refused(self):
        order = self._advance(self._create_order(), "done")
        refused = self._assert_sign_refused
        # Owner B is not an owner of unit A (staff recording it on a tablet).
        refused(
            "not an owner of unit",
            order,
            "owner",
            user=self.users["cs_supervisor"],
            partner_id=self.owner_b.id,
        )
        # A representative of another contractor does not even see the order.
        refused(
            "doesn't have 'read' access",
            order,
            "contractor",
            exception=AccessError,
            user=self.user_contractor_2,
        )
        # The developer's representative signing for the contractor.
        refused("do not represent", order, "contractor", user=self.user_developer)
        # Staff recording a developer signature for someone of another company.
        refused(
            "does not represent",
            order,
            "developer",
            user=self.users["cs_supervisor"],
            partner_id=self.user_contractor.partner_id.id,
        )
        # Only property staff sign for the property company.
        refused("only property company staff", order, "property", user=self.user_owner_a)
        self.assertFalse(order.signature_ids)

    def test_signature_only_when_awaiting_acceptance_and_frozen(self):
        order = self._advance(self._create_order(), "in_progress")
        with self.assertRaisesRegex(ValidationError, "not waiting for acceptance"):
            self._sign(order, "property")
        order = self._advance(self._create_order(), "done")
        signature = self._sign(order, "property")
        with self.assertRaisesRegex(ValidationError, "cannot be changed"):
            signature.result = "rejected"

    def test_staff_records_a_party_on_a_tablet(self):
        order = self._advance(self._create_order(), "done")
        supervisor = self.users["cs_supervisor"]
        action = order.with_user(supervisor).action_record_signature()
        self.assertEqual(action["res_model"], "pm.rectification.signature")
        self.assertEqual(action["context"]["default_party"], "developer")  # first missing
        rep = self.user_developer.partner_id
        signature = (
            self.env["pm.rectification.signature"]
            .with_user(supervisor)
            .with_context(action["context"])
            .create({"partner_id": rep.id, "signed_by": rep.name, "signature": signature_png()})
        )
        self.assertEqual((signature.party, signature.user_id), ("developer", supervisor))
        self.assertEqual(signature.round, 1)
        action = order.with_user(supervisor).action_record_signature()
        self.assertEqual(action["context"]["default_party"], "contractor")
