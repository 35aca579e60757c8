from odoo.tests import tagged

from ..common_screens import form_onchange_spec, read_form
from .common_patrol import PmPatrolCommon


@tagged("post_install", "-at_install")
class TestPatrolScreens(PmPatrolCommon):
    """The screens the menus do not reach: the technician's round and its
    point (a dialog opened by a button), the supervisor's route form."""

    def test_technician_opens_the_round_and_its_point(self):
        round_ = self._first_round()
        Round = round_.with_user(self.tech_plumber)
        [values] = read_form(Round)
        self.assertEqual(len(values["line_ids"]), 3)
        action = Round.action_pm_next_point()
        view_id = action["views"][0][0]
        line = self.env[action["res_model"]].with_user(self.tech_plumber).browse(action["res_id"])
        arch = line.get_views([(view_id, "form")])["views"]["form"]["arch"]
        self.assertIn('widget="pm_qr_scan"', arch)
        self.assertIn("action_pm_point_failed", arch)
        [point] = read_form(line, view_id=view_id)
        self.assertEqual(point["name"], "Main gate")
        self.assertEqual(point["state"], "pending")
        self.assertEqual(len(point["check_ids"]), 2)
        self.assertIn("pm_scan_code", point)

    def test_supervisor_plans_on_the_route_form(self):
        supervisor = self.users["eng_supervisor"]
        Route = self.env["pm.patrol.route"].with_user(supervisor)
        defaults = Route.onchange({}, [], form_onchange_spec(Route))["value"]
        self.assertEqual(defaults["interval_unit"], "days")
        [values] = read_form(self.route.with_user(supervisor))
        self.assertEqual(len(values["point_ids"]), 3)
        self.assertIn(
            "action_pm_plan_rounds", Route.get_views([(False, "form")])["views"]["form"]["arch"]
        )
        # the technician reads it, without the planning button
        arch = self.route.with_user(self.tech_plumber).get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertNotIn("action_pm_plan_rounds", arch)
        [values] = read_form(self.route.with_user(self.tech_plumber))
        self.assertEqual(values["name"], "Night security")
