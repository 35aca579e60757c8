from odoo import Command
from odoo.tests.common import TransactionCase, new_test_user

ROLE_GROUPS = {
    "technician": "pm_aftersales.group_pm_technician",
    "assistant": "pm_aftersales.group_pm_cs_assistant",
    "cs_supervisor": "pm_aftersales.group_pm_cs_supervisor",
    "eng_supervisor": "pm_aftersales.group_pm_eng_supervisor",
    "manager": "pm_aftersales.group_pm_manager",
}


class PmCommon(TransactionCase):
    """A small registry: two estates of one company, a third estate in another
    company, owners A and B, a user per role.

    The company is the test's own (Asia/Shanghai), so that nothing the
    database already holds — demo data dated from its install day, other
    companies' records — counts in what a test measures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "PM Test Property Co."})
        cls.company.partner_id.tz = "Asia/Shanghai"
        # The suites of the workflow check in plainly; the qr room's tests
        # require the proof (tests/qr).
        cls.company.pm_checkin_proof_required = False
        # The test's user works in it (no allowed_company_ids in the context:
        # it would follow every with_user() of the test).
        cls.env.user.write(
            {"company_ids": [Command.link(cls.company.id)], "company_id": cls.company.id}
        )
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        assert cls.env.company == cls.company
        cls.company_b = cls.env["res.company"].create({"name": "Other Property Co."})
        cls.estate = cls.env["pm.estate"].create({"name": "Green Lake", "code": "GL"})
        cls.building = cls.env["pm.building"].create(
            {
                "name": "Building 1",
                "estate_id": cls.estate.id,
                "floor_count": 18,
                "basement_count": 2,
            }
        )
        cls.building_2 = cls.env["pm.building"].create(
            {"name": "Building 2", "estate_id": cls.estate.id, "floor_count": 10}
        )
        cls.unit_a = cls._create_unit(cls.building, "801", floor=8)
        cls.unit_a2 = cls._create_unit(cls.building_2, "101", floor=1)
        cls.estate_other = cls.env["pm.estate"].create({"name": "Riverside", "code": "RS"})
        cls.building_other = cls.env["pm.building"].create(
            {"name": "Tower A", "estate_id": cls.estate_other.id}
        )
        cls.unit_b = cls._create_unit(cls.building_other, "1202", floor=12)
        cls.estate_company_b = cls.env["pm.estate"].create(
            {"name": "Sunny Hills", "code": "SH", "company_id": cls.company_b.id}
        )
        cls.building_company_b = cls.env["pm.building"].create(
            {"name": "Block 9", "estate_id": cls.estate_company_b.id}
        )
        cls.unit_company_b = cls._create_unit(cls.building_company_b, "901", floor=9)
        cls.area = cls.env["pm.public.area"].create(
            {"name": "Main gate", "estate_id": cls.estate.id, "area_type": "road"}
        )
        cls.area_other = cls.env["pm.public.area"].create(
            {"name": "Pool", "estate_id": cls.estate_other.id, "area_type": "clubhouse"}
        )
        cls.owner_a = cls.env["res.partner"].create(
            {"name": "Owner A", "phone": "138 0013 8000", "email": "a@example.com"}
        )
        cls.owner_b = cls.env["res.partner"].create(
            {"name": "Owner B", "phone": "139-0013-9000", "email": "b@example.com"}
        )
        cls.env["pm.unit.occupant"].create(
            [
                {"unit_id": cls.unit_a.id, "partner_id": cls.owner_a.id, "role": "owner"},
                {"unit_id": cls.unit_a2.id, "partner_id": cls.owner_a.id, "role": "owner"},
                {"unit_id": cls.unit_b.id, "partner_id": cls.owner_b.id, "role": "owner"},
            ]
        )
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"pm_{role}",
                groups=group,
                company_ids=[Command.set([cls.company.id])],
            )
            for role, group in ROLE_GROUPS.items()
        }
        cls.user_owner_a = cls._create_owner_user(cls.owner_a, "owner_a")
        cls.user_owner_b = cls._create_owner_user(cls.owner_b, "owner_b")

    @classmethod
    def _create_unit(cls, building, name, floor=1, **vals):
        return cls.env["pm.unit"].create(
            dict(
                {"name": name, "building_id": building.id, "floor": floor, "floor_area": 89.5},
                **vals,
            )
        )

    @classmethod
    def _create_owner_user(cls, partner, login):
        return new_test_user(
            cls.env,
            login=login,
            groups="pm_aftersales.group_pm_owner",
            partner_id=partner.id,
            name=partner.name,
        )
