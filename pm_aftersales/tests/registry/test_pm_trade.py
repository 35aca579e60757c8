from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common import PmCommon


@tagged("post_install", "-at_install")
class TestPmTrade(PmCommon):
    def test_default_trades(self):
        codes = set(self.env["pm.trade"].search([]).mapped("code"))
        self.assertLessEqual(
            {
                "civil",
                "water_electric",
                "doors_windows",
                "security_door",
                "upvc_window",
                "lift",
                "fire",
                "landscaping",
            },
            codes,
        )

    def test_code_unique(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["pm.trade"].create({"name": "Civil again", "code": "civil"})
