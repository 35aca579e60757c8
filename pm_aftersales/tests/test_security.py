from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tests.common import new_test_user

from .common import PmCommon

# Expected rights per model and role: r(ead), w(rite), c(reate), d(elete).
RIGHTS = {
    "pm.estate": {
        "owner": "r",
        "technician": "r",
        "assistant": "r",
        "cs_supervisor": "rwc",
        "eng_supervisor": "r",
        "manager": "rwcd",
    },
    "pm.building": {
        "owner": "r",
        "technician": "r",
        "assistant": "r",
        "cs_supervisor": "rwc",
        "eng_supervisor": "r",
        "manager": "rwcd",
    },
    "pm.unit": {
        "owner": "r",
        "technician": "r",
        "assistant": "rw",
        "cs_supervisor": "rwc",
        "eng_supervisor": "r",
        "manager": "rwcd",
    },
    "pm.unit.occupant": {
        "owner": "r",
        "technician": "r",
        "assistant": "rwcd",
        "cs_supervisor": "rwcd",
        "eng_supervisor": "r",
        "manager": "rwcd",
    },
    "pm.public.area": {
        "owner": "r",
        "technician": "r",
        "assistant": "r",
        "cs_supervisor": "rwc",
        "eng_supervisor": "rwc",
        "manager": "rwcd",
    },
    "pm.trade": {
        "owner": "r",
        "technician": "r",
        "assistant": "r",
        "cs_supervisor": "r",
        "eng_supervisor": "r",
        "manager": "rwcd",
    },
    "pm.warranty.period": {
        "owner": "r",
        "technician": "r",
        "assistant": "r",
        "cs_supervisor": "r",
        "eng_supervisor": "r",
        "manager": "rwcd",
    },
    "pm.unit.warranty": {
        "owner": "r",
        "technician": "r",
        "assistant": "r",
        "cs_supervisor": "r",
        "eng_supervisor": "r",
        "manager": "r",
    },
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "d": "unlink"}


@tagged("post_install", "-at_install")
class TestSecurityGroups(PmCommon):
    def test_role_hierarchy(self):
        def group(xmlid):
            return self.env.ref(f"pm_aftersales.{xmlid}")

        manager = group("group_pm_manager")
        self.assertIn(group("group_pm_cs_supervisor"), manager.all_implied_ids)
        self.assertIn(group("group_pm_eng_supervisor"), manager.all_implied_ids)
        self.assertIn(self.env.ref("helpdesk_mgmt.group_helpdesk_manager"), manager.all_implied_ids)
        supervisor = group("group_pm_cs_supervisor")
        self.assertIn(group("group_pm_cs_assistant"), supervisor.all_implied_ids)
        self.assertIn(group("group_pm_technician"), supervisor.all_implied_ids)
        eng = group("group_pm_eng_supervisor")
        self.assertIn(group("group_pm_technician"), eng.all_implied_ids)
        self.assertNotIn(group("group_pm_cs_assistant"), eng.all_implied_ids)
        self.assertIn(self.env.ref("maintenance.group_equipment_manager"), eng.all_implied_ids)
        owner = group("group_pm_owner")
        self.assertIn(self.env.ref("base.group_portal"), owner.all_implied_ids)
        self.assertNotIn(self.env.ref("base.group_user"), owner.all_implied_ids)
        self.assertTrue(self.user_owner_a.share)
        self.assertFalse(self.users["technician"].share)

    def test_access_rights_matrix(self):
        users = dict(self.users, owner=self.user_owner_a)
        for model, rights in RIGHTS.items():
            # a record the role may see at all (owners: one of their own)
            record = self._sample(model)
            for role, allowed in rights.items():
                for letter, operation in OPERATIONS.items():
                    target = record if operation != "create" else record.browse()
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            target.with_user(users[role]).has_access(operation),
                            letter in allowed,
                        )

    def _sample(self, model):
        return {
            "pm.estate": self.estate,
            "pm.building": self.building,
            "pm.unit": self.unit_a,
            "pm.unit.occupant": self.unit_a.occupant_ids,
            "pm.public.area": self.area,
            "pm.trade": self.env.ref("pm_aftersales.pm_trade_civil"),
            "pm.warranty.period": self.env.ref("pm_aftersales.pm_warranty_period_civil"),
            "pm.unit.warranty": self.unit_a.warranty_ids[:1],
        }[model]

    def test_employee_without_role_sees_no_registry(self):
        employee = new_test_user(self.env, login="plain_employee", groups="base.group_user")
        for model in ("pm.estate", "pm.building", "pm.unit", "pm.unit.occupant", "pm.public.area"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(employee).search([])
        self.assertTrue(self.env["pm.trade"].with_user(employee).search([]))

    def test_portal_user_who_is_not_an_owner(self):
        contractor = new_test_user(
            self.env, login="pm_portal_not_owner", groups="base.group_portal"
        )
        for model in ("pm.estate", "pm.unit", "pm.unit.occupant", "pm.unit.warranty"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(contractor).search([])

    def test_assistant_registers_a_tenant(self):
        tenant = self.env["res.partner"].create({"name": "New tenant"})
        occupant = (
            self.env["pm.unit.occupant"]
            .with_user(self.users["assistant"])
            .create({"unit_id": self.unit_a.id, "partner_id": tenant.id, "role": "tenant"})
        )
        self.assertEqual(occupant.unit_id, self.unit_a)
        occupant.with_user(self.users["assistant"]).action_archive()
        self.assertFalse(occupant.active)

    def test_technician_cannot_change_the_registry(self):
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.users["technician"]).write({"floor_area": 10})
        with self.assertRaises(AccessError):
            self.env["pm.unit.occupant"].with_user(self.users["technician"]).create(
                {"unit_id": self.unit_a.id, "partner_id": self.owner_b.id, "role": "tenant"}
            )


@tagged("post_install", "-at_install")
class TestSecurityOwnerRules(PmCommon):
    """Owner A never sees owner B's home, and the other way round."""

    def _visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_units(self):
        self.assertEqual(self._visible(self.user_owner_a, "pm.unit"), self.unit_a | self.unit_a2)
        self.assertEqual(self._visible(self.user_owner_b, "pm.unit"), self.unit_b)
        with self.assertRaises(AccessError):
            self.unit_b.with_user(self.user_owner_a).read(["name"])
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.user_owner_b).check_access("read")
        self.unit_a.with_user(self.user_owner_a).check_access("read")

    def test_estates_and_buildings(self):
        self.assertEqual(self._visible(self.user_owner_a, "pm.estate"), self.estate)
        self.assertEqual(self._visible(self.user_owner_b, "pm.estate"), self.estate_other)
        self.assertEqual(
            self._visible(self.user_owner_a, "pm.building"), self.building | self.building_2
        )
        self.assertEqual(self._visible(self.user_owner_b, "pm.building"), self.building_other)
        with self.assertRaises(AccessError):
            self.estate_other.with_user(self.user_owner_a).read(["name"])

    def test_public_areas(self):
        self.assertEqual(self._visible(self.user_owner_a, "pm.public.area"), self.area)
        self.assertEqual(self._visible(self.user_owner_b, "pm.public.area"), self.area_other)

    def test_occupants(self):
        tenant = self.env["res.partner"].create({"name": "Tenant of A"})
        self.env["pm.unit.occupant"].create(
            {"unit_id": self.unit_a.id, "partner_id": tenant.id, "role": "tenant"}
        )
        visible = self._visible(self.user_owner_a, "pm.unit.occupant")
        self.assertEqual(visible.partner_id, self.owner_a)
        self.assertEqual(self._visible(self.user_owner_b, "pm.unit.occupant").unit_id, self.unit_b)

    def test_warranties(self):
        self.assertEqual(
            self._visible(self.user_owner_a, "pm.unit.warranty").unit_id,
            self.unit_a | self.unit_a2,
        )
        self.assertEqual(self._visible(self.user_owner_b, "pm.unit.warranty").unit_id, self.unit_b)

    def test_tenant_sees_the_unit_he_rents(self):
        tenant = self.env["res.partner"].create({"name": "Tenant"})
        self.env["pm.unit.occupant"].create(
            {"unit_id": self.unit_b.id, "partner_id": tenant.id, "role": "tenant"}
        )
        user = self._create_owner_user(tenant, "tenant_b")
        self.assertEqual(self._visible(user, "pm.unit"), self.unit_b)

    def test_moved_out_owner_loses_access(self):
        self.unit_a2.occupant_ids.action_archive()
        self.assertEqual(self._visible(self.user_owner_a, "pm.unit"), self.unit_a)

    def test_contact_of_a_company_owner(self):
        company = self.env["res.partner"].create({"name": "Shop Ltd", "is_company": True})
        contact = self.env["res.partner"].create({"name": "Shop manager", "parent_id": company.id})
        shop = self._create_unit(self.building_2, "102", floor=1, usage="commercial")
        self.env["pm.unit.occupant"].create(
            {"unit_id": shop.id, "partner_id": company.id, "role": "owner"}
        )
        user = self._create_owner_user(contact, "shop_manager")
        self.assertEqual(self._visible(user, "pm.unit"), shop)

    def test_owner_cannot_write(self):
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.user_owner_a).write({"floor_area": 1000})


@tagged("post_install", "-at_install")
class TestSecurityMultiCompany(PmCommon):
    def test_company_rules(self):
        manager = self.users["manager"]
        models = {
            "pm.estate": self.estate_company_b,
            "pm.building": self.building_company_b,
            "pm.unit": self.unit_company_b,
        }
        for model, record in models.items():
            with self.subTest(model=model):
                self.assertNotIn(record, self.env[model].with_user(manager).search([]))
                with self.assertRaises(AccessError):
                    record.with_user(manager).read(["display_name"])

        manager.company_ids = [Command.link(self.company_b.id)]
        both = self.env(
            user=manager, context={"allowed_company_ids": [self.company.id, self.company_b.id]}
        )
        for model, record in models.items():
            with self.subTest(model=model, companies="both"):
                self.assertIn(record, both[model].search([]))

    def test_company_warranty_period_stays_in_company(self):
        period = self.env["pm.warranty.period"].create(
            {
                "trade_id": self.env.ref("pm_aftersales.pm_trade_lift").id,
                "company_id": self.company_b.id,
                "duration": 1,
            }
        )
        visible = self.env["pm.warranty.period"].with_user(self.users["manager"]).search([])
        self.assertNotIn(period, visible)
        self.assertIn(self.env.ref("pm_aftersales.pm_warranty_period_civil"), visible)


@tagged("post_install", "-at_install")
class TestSecurityCoverage(TransactionCase):
    """Every model of the addon has access rights, the top role (manager) can
    read it, and a model of a company has its multi-company rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.models = [
            model
            for name, model in sorted(cls.env.registry.items())
            if not model._abstract and model._original_module == "pm_aftersales"
        ]

    def _access(self, model):
        return self.env["ir.model.access"].search([("model_id.model", "=", model._name)])

    def test_every_model_has_access_rights(self):
        for model in self.models:
            with self.subTest(model=model._name):
                self.assertTrue(self._access(model))

    def test_every_internal_role_reaches_its_models(self):
        """The manager implies every internal role: he reads every model, so
        none is left to the superuser alone."""
        manager = self.env.ref("pm_aftersales.group_pm_manager")
        for model in self.models:
            with self.subTest(model=model._name):
                self.assertTrue(
                    self._access(model).filtered(
                        lambda a: a.perm_read and a.group_id in manager.all_implied_ids
                    )
                )

    def test_every_company_model_has_its_company_rule(self):
        for model in self.models:
            field = model._fields.get("company_id")
            if not (field and field.store and field.comodel_name == "res.company"):
                continue
            rules = self.env["ir.rule"].search(
                [("model_id.model", "=", model._name), ("global", "=", True)]
            )
            with self.subTest(model=model._name):
                self.assertTrue(
                    rules.filtered(lambda r: "company_ids" in r.domain_force),
                    "no multi-company rule",
                )
