"""The rectification budget through tier validation (OCA base_tier_validation):
who reviews which amount, who may not, the rejection and its reason."""

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import new_test_user

from ..common_rectification import PmRectificationCommon


class TestRectificationBudgetTiers(PmRectificationCommon):
    def _submitted(self, amount, **vals):
        order = self._advance(self._create_order(), "assigned")
        order.write(dict({"plan": "<p>Patch and repaint</p>", "budget_amount": amount}, **vals))
        order.action_submit_budget()
        return order

    def test_reviewers_follow_the_amount(self):
        users = self.users
        supervisors = users["cs_supervisor"] | users["eng_supervisor"] | users["manager"]
        small = self._submitted(5000)
        self.assertEqual(small.budget_state, "submitted")
        self.assertEqual(small.review_ids.status, "pending")
        self.assertEqual(small.review_ids.requested_by, self.env.user)
        self.assertEqual(small.review_ids.name, "Rectification budget up to 5,000")
        self.assertEqual(
            small.review_ids.todo_by,
            "Customer-Service Supervisor, Engineering Supervisor, Manager",
        )
        self.assertEqual(small.review_ids.reviewer_ids & self._staff(), supervisors)
        big = self._submitted(5000.01)
        self.assertEqual(big.review_ids.name, "Rectification budget above 5,000")
        self.assertEqual(big.review_ids.reviewer_ids & self._staff(), users["manager"])
        # The engineering supervisor approves the small one, not the big one.
        self.assertTrue(small.with_user(users["eng_supervisor"]).can_review)
        self.assertFalse(big.with_user(users["eng_supervisor"]).can_review)
        with self.assertRaisesRegex(UserError, "awaits the approval of Manager"):
            big.with_user(users["eng_supervisor"]).action_approve_budget()
        small.with_user(users["eng_supervisor"]).action_approve_budget()
        self.assertEqual(
            (small.state, small.budget_state, small.validation_status),
            ("planned", "approved", "validated"),
        )
        self.assertEqual(small.budget_approved_by_id, users["eng_supervisor"])
        self.assertEqual(small.review_ids.done_by, users["eng_supervisor"])
        self.assertEqual(big.state, "assigned")

    def _staff(self):
        return self.env["res.users"].union(*self.users.values())

    def test_reviewers_are_the_staff_of_the_company(self):
        elsewhere = new_test_user(
            self.env,
            login="pm_supervisor_b",
            groups="pm_aftersales.group_pm_cs_supervisor",
            company_id=self.company_b.id,
            company_ids=[Command.set(self.company_b.ids)],
        )
        order = self._submitted(1000)
        self.assertIn(self.users["cs_supervisor"], order.review_ids.reviewer_ids)
        self.assertNotIn(elsewhere, order.review_ids.reviewer_ids)
        # Given the company too, they review its budgets.
        elsewhere.company_ids = [Command.link(self.company.id)]
        self.assertIn(elsewhere, order.review_ids.reviewer_ids)

    def test_non_reviewer_cannot_validate(self):
        order = self._submitted(8000)
        for role in ("assistant", "technician", "cs_supervisor", "eng_supervisor"):
            user_order = order.with_user(self.users[role])
            with self.assertRaisesRegex(UserError, "above your approval limit", msg=role):
                user_order.validate_tier()
            with self.assertRaisesRegex(UserError, "above your approval limit", msg=role):
                user_order.reject_tier()
        order.budget_reject_reason = "Too much"
        with self.assertRaisesRegex(UserError, "above your approval limit"):
            order.with_user(self.users["cs_supervisor"]).action_reject_budget()
        # Nor can the approval be written over the tiers.
        with self.assertRaisesRegex(ValidationError, "validation process is still open"):
            order.with_user(self.users["cs_supervisor"]).write({"budget_state": "approved"})
        self.assertEqual((order.state, order.budget_state), ("assigned", "submitted"))
        self.assertEqual(order.review_ids.status, "pending")

    def test_plan_and_budget_frozen_while_submitted(self):
        order = self._submitted(3000)
        with self.assertRaisesRegex(UserError, "await approval"):
            order.budget_amount = 1
        with self.assertRaisesRegex(UserError, "await approval"):
            order.plan = "<p>Cheaper</p>"
        # The rest of the order goes on: its handler, its escalations.
        order.write({"handler": "Li Na", "escalation_level": 1})
        self.assertEqual(order.handler, "Li Na")
        order.with_user(self.users["manager"]).action_approve_budget()
        self.assertEqual(order.state, "planned")

    def test_rejection_keeps_the_reason(self):
        order = self._submitted(4000)
        order.budget_reject_reason = "Use the standard tiles"
        order.with_user(self.users["cs_supervisor"]).action_reject_budget()
        self.assertEqual((order.state, order.budget_state), ("assigned", "rejected"))
        self.assertEqual(order.validation_status, "rejected")
        review = order.review_ids
        self.assertEqual((review.status, review.done_by), ("rejected", self.users["cs_supervisor"]))
        self.assertEqual(review.comment, "Use the standard tiles")
        self.assertEqual(order.budget_reject_reason, "Use the standard tiles")
        self.assertIn(
            "Budget rejected: Use the standard tiles", "".join(order.message_ids.mapped("body"))
        )
        # Submitted again: a new round of reviews, the reason cleared.
        order.write({"plan": "<p>Standard tiles</p>", "budget_amount": 2500})
        order.action_submit_budget()
        self.assertNotEqual(order.review_ids, review)
        self.assertEqual(order.review_ids.status, "pending")
        self.assertFalse(order.budget_reject_reason)

    def test_tier_asking_for_a_comment(self):
        self._budget_tiers().has_comment = True
        order = self._submitted(2000)
        manager_order = order.with_user(self.users["manager"])
        order.budget_reject_reason = "Get a second quote"
        action = manager_order.action_reject_budget()
        self.assertEqual(action["res_model"], "comment.wizard")
        self.assertEqual(action["context"]["default_comment"], "Get a second quote")
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.users["manager"])
            .with_context(action["context"])
            .create({})
        )
        wizard.add_comment()
        self.assertEqual(order.budget_state, "rejected")
        self.assertEqual(order.review_ids.comment, "Get a second quote")
        order.write({"budget_amount": 1500})
        order.action_submit_budget()
        action = manager_order.action_approve_budget()
        wizard = (
            self.env["comment.wizard"]
            .with_user(self.users["manager"])
            .with_context(action["context"])
            .create({"comment": "Fine"})
        )
        wizard.add_comment()
        self.assertEqual((order.state, order.budget_state), ("planned", "approved"))
        self.assertEqual(order.budget_approved_by_id, self.users["manager"])

    def test_two_tiers_in_sequence(self):
        """A company may ask for more than one approval: the budget waits
        for all of them."""
        self.env["tier.definition"].create(
            {
                "name": "Big budgets: the manager too",
                "model_id": self.env["ir.model"]._get_id("pm.rectification.order"),
                "review_type": "pm_groups",
                "pm_reviewer_group_ids": self.env.ref("pm_aftersales.group_pm_manager").ids,
                "definition_domain": '[("budget_amount", ">", 3000)]',
                "approve_sequence": True,
                "sequence": 5,
                "company_id": self.company.id,
            }
        )
        self._budget_tiers().filtered(lambda t: t.sequence == 10).approve_sequence = True
        order = self._submitted(4000)
        self.assertEqual(len(order.review_ids), 2)
        order.with_user(self.users["cs_supervisor"]).action_approve_budget()
        self.assertEqual((order.state, order.budget_state), ("assigned", "submitted"))
        order.with_user(self.users["manager"]).action_approve_budget()
        self.assertEqual((order.state, order.budget_state), ("planned", "approved"))

    def test_no_tier_no_submission(self):
        self._budget_tiers().active = False
        order = self._advance(self._create_order(), "assigned")
        order.write({"plan": "<p>Patch</p>", "budget_amount": 900})
        with self.assertRaisesRegex(UserError, "No approval tier"), self.env.cr.savepoint():
            order.action_submit_budget()
        order.invalidate_recordset()
        self.assertEqual(order.budget_state, "none")

    def test_reviews_hidden_from_the_portal(self):
        order = self._submitted(1000)
        # (in the order's company: base_tier_validation's company rule would hide them)
        self.user_owner_a.company_ids = [Command.link(self.company.id)]
        reviews = self.env["tier.review"].with_user(self.user_owner_a).search([])
        self.assertFalse(reviews & order.review_ids)
        self.assertTrue(order.with_user(self.user_owner_a).has_access("read"))
        self.assertNotIn("review_ids", order.with_user(self.user_owner_a).fields_get())

    def test_new_company_gets_the_tiers(self):
        main = self.env.ref("base.main_company")
        self.env["tier.definition"].create(
            {
                "name": "Partners: not the addon's",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "company_id": main.id,
            }
        )
        new = self.env["res.company"].create({"name": "Branch Property Co."})

        def tiers(company):
            return sorted(
                (t.name, t.definition_domain, tuple(t.pm_reviewer_group_ids.ids))
                for t in self._budget_tiers(company)
            )

        self.assertTrue(tiers(new))
        self.assertEqual(tiers(new), tiers(main))
        # The tiers of other models stay the main company's.
        self.assertFalse(
            self.env["tier.definition"].search(
                [("company_id", "=", new.id), ("model", "!=", "pm.rectification.order")]
            )
        )


class TestRectificationBudgetChinese(PmRectificationCommon):
    """What a Chinese supervisor reads of the budget approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search([("name", "=", "pm_aftersales")])._load_module_terms(
            ["pm_aftersales"], ["zh_CN"], overwrite=True
        )
        cls.users["cs_supervisor"].lang = "zh_CN"

    def test_zh_cn_labels_render(self):
        env_zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        shipped = env_zh.ref("pm_aftersales.tier_definition_rectification_budget_supervisor")
        self.assertEqual(shipped.name, "整改预算 5,000 及以下")
        self.assertEqual(
            env_zh.ref("pm_aftersales.tier_definition_rectification_budget_manager").name,
            "整改预算 5,000 以上",
        )
        review_type = env_zh["tier.definition"]._fields["review_type"]
        labels = dict(review_type._description_selection(env_zh))
        self.assertEqual(labels["pm_groups"], "这些用户组中的任一用户")
        self.assertIn(
            "及以下", env_zh["tier.definition"]._pm_budget_tier_name(0, 3000, self.company)
        )
        search = env_zh["pm.rectification.order"].get_views([(False, "search")])
        self.assertIn("待我审批的预算", search["views"]["search"]["arch"])
        # The supervisor, in Chinese, told who approves a budget above theirs.
        order = self._advance(self._create_order(), "assigned")
        order.write({"plan": "<p>整改方案</p>", "budget_amount": 9000})
        order.action_submit_budget()
        with self.assertRaisesRegex(UserError, "超出您的审批权限"):
            order.with_user(self.users["cs_supervisor"]).with_context(
                lang="zh_CN"
            ).action_approve_budget()
