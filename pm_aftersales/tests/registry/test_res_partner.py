from odoo.tests import tagged

from ..common import PmCommon


@tagged("post_install", "-at_install")
class TestResPartner(PmCommon):
    def test_units_of_partner(self):
        self.assertEqual(self.owner_a.pm_unit_ids, self.unit_a | self.unit_a2)
        self.assertEqual(self.owner_a.pm_unit_count, 2)
        self.assertEqual(self.owner_b.pm_unit_ids, self.unit_b)

    def test_search_partner_by_unit(self):
        partners = self.env["res.partner"].search([("pm_unit_ids", "=", self.unit_b.id)])
        self.assertEqual(partners, self.owner_b)

    def test_hotline_finds_caller_by_number(self):
        """The hotline types digits as heard; stored numbers have spaces or dashes."""
        Partner = self.env["res.partner"]
        for typed, expected in (
            ("13800138000", self.owner_a),
            ("138-0013-8000", self.owner_a),
            ("13900139000", self.owner_b),
            ("0138", self.owner_a),
            ("3900", self.owner_b),
        ):
            found = Partner.search([("phone_mobile_search", "ilike", typed)])
            self.assertEqual(found & (self.owner_a | self.owner_b), expected, typed)

    def test_action_view_units(self):
        action = self.owner_a.action_view_pm_units()
        self.assertEqual(self.env["pm.unit"].search(action["domain"]), self.unit_a | self.unit_a2)

    def test_signup_prepared_once(self):
        """Every notice to an owner without a user prepares a sign-up link:
        the partner row is written once, not on every notice."""
        self.owner_a.signup_prepare()
        self.env.flush_all()
        with self.assertQueryCount(0):
            self.owner_a.signup_prepare()
            self.env.flush_all()
        self.assertEqual(self.owner_a.signup_type, "signup")
        self.owner_a.signup_prepare(signup_type="reset")
        self.assertEqual(self.owner_a.signup_type, "reset")
