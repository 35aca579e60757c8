"""19.0.1.1.0: the approval limits of each company become tier definitions
(migrations/19.0.1.1.0/post-tier.py)."""

from odoo.modules import get_module_path
from odoo.modules.module import load_script

from ..common_rectification import PmRectificationCommon


def _script():
    path = f"{get_module_path('pm_aftersales')}/migrations/19.0.1.1.0/post-tier.py"
    return load_script(path, "pm_aftersales_post_tier")


class TestBudgetTierMigration(PmRectificationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.script = _script()
        ref = cls.env.ref
        cls.cs = ref("pm_aftersales.group_pm_cs_supervisor").id
        cls.eng = ref("pm_aftersales.group_pm_eng_supervisor").id
        cls.manager = ref("pm_aftersales.group_pm_manager").id

    def test_bands_from_limits(self):
        bands = self.script.budget_bands
        cs, eng, manager = self.cs, self.eng, self.manager
        # The shipped limits: the shipped tiers.
        self.assertEqual(
            bands([(cs, 5000.0, False), (eng, 5000.0, False), (manager, None, True)]),
            [(0.0, 5000.0, sorted([cs, eng, manager])), (5000.0, None, [manager])],
        )
        self.assertEqual(
            bands([(cs, 3000.0, False), (eng, 8000.0, False), (manager, 0.0, True)]),
            [
                (0.0, 3000.0, sorted([cs, eng, manager])),
                (3000.0, 8000.0, sorted([eng, manager])),
                (8000.0, None, [manager]),
            ],
        )
        # Nobody unlimited: nobody approves more than the largest limit.
        self.assertEqual(bands([(cs, 2000.0, False)]), [(0.0, 2000.0, [cs])])
        self.assertEqual(bands([]), [])
        self.assertEqual(self.script.band_domain(0.0, 5000.0), '[("budget_amount", "<=", 5000)]')
        self.assertEqual(
            self.script.band_domain(3000.0, 8000.5),
            '[("budget_amount", ">", 3000), ("budget_amount", "<=", 8000.5)]',
        )
        self.assertEqual(self.script.band_domain(5000.0, None), '[("budget_amount", ">", 5000)]')

    def _legacy_limits(self, rows):
        """The table of pm.approval.limit as 19.0.1.0.1 left it."""
        cr = self.env.cr
        cr.execute("SELECT to_regclass('pm_approval_limit') IS NULL")
        self.assertTrue(cr.fetchone()[0], "the limits' table is still there")
        cr.execute(
            """CREATE TABLE pm_approval_limit (
                   id serial PRIMARY KEY, company_id integer NOT NULL, group_id integer NOT NULL,
                   amount numeric, unlimited boolean)"""
        )
        for row in rows:
            cr.execute(
                "INSERT INTO pm_approval_limit (company_id, group_id, amount, unlimited)"
                " VALUES (%s, %s, %s, %s)",
                row,
            )
        cr.execute(
            """INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
               VALUES ('pm_aftersales', 'approval_limit_old', 'pm.approval.limit', 1, true)"""
        )

    def test_migrate(self):
        company, other = self.company, self.company_b
        shipped = self._budget_tiers(company)
        self._legacy_limits(
            [
                # The test's company kept the shipped limits...
                (company.id, self.cs, 5000, False),
                (company.id, self.eng, 5000, False),
                (company.id, self.manager, None, True),
                # ... the other one has its own.
                (other.id, self.cs, 3000, False),
                (other.id, self.eng, 8000, False),
                (other.id, self.manager, None, True),
            ]
        )
        # Submitted before the upgrade: no review yet.
        waiting = self._advance(self._create_order(), "assigned")
        waiting.write({"plan": "<p>Patch</p>", "budget_amount": 6000, "budget_state": "submitted"})
        self.assertFalse(waiting.review_ids)
        self.script.migrate(self.env.cr, "19.0.1.0.1")
        self.env.invalidate_all()
        self.assertEqual(self._budget_tiers(company), shipped, "the same tiers stay")
        self.assertTrue(all(shipped.mapped("active")))
        converted = self._budget_tiers(other)
        self.assertEqual(
            [(t.definition_domain, sorted(t.pm_reviewer_group_ids.ids)) for t in converted],
            [
                ('[("budget_amount", "<=", 3000)]', sorted([self.cs, self.eng, self.manager])),
                (
                    '[("budget_amount", ">", 3000), ("budget_amount", "<=", 8000)]',
                    sorted([self.eng, self.manager]),
                ),
                ('[("budget_amount", ">", 8000)]', [self.manager]),
            ],
        )
        self.assertEqual(set(converted.mapped("review_type")), {"pm_groups"})
        self.assertIn("up to", converted[0].name)
        self.assertIn("above", converted[2].name)
        # The tiers copied at its creation are archived.
        archived = (
            self.env["tier.definition"]
            .with_context(active_test=False)
            .search([("company_id", "=", other.id), ("active", "=", False)])
        )
        self.assertEqual(len(archived), 2)
        # The waiting budget asks the manager now (above 5,000 here).
        self.assertEqual(waiting.review_ids.status, "pending")
        self.assertEqual(waiting.review_ids.definition_id, shipped[1])
        waiting.with_user(self.users["manager"]).action_approve_budget()
        self.assertEqual(waiting.state, "planned")
        # The table and its data are gone.
        self.env.cr.execute("SELECT to_regclass('pm_approval_limit') IS NULL")
        self.assertTrue(self.env.cr.fetchone()[0])
        self.assertFalse(
            self.env["ir.model.data"].search([("model", "=", "pm.approval.limit")]),
        )

    def test_migrate_without_limits_table(self):
        tiers = self.env["tier.definition"].search([])
        self.script.migrate(self.env.cr, "19.0.1.0.1")
        self.assertEqual(self.env["tier.definition"].search([]), tiers)
