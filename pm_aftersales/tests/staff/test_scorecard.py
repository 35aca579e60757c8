"""Scorecards of February 2026, computed by hand.

Plumber: jobs completed in February (Shanghai time): 3
  J1 arrived in 10 min, done in 2 h, no rework, satisfaction 5, both limits met
  J2 arrived in 30 min, done in 10 h, rework 1, satisfaction 3, both limits missed
  J3 arrived in 20 min, done in 4 h, no rework, no follow-up answered, limits met
  -> first-time acceptance 2/3 = 66.67 %, rework 1, satisfaction (5+3)/2 = 4.0,
     arrivals and completions within limit 66.67 %, time to arrive 20 min,
     time to complete (2+10+4)/3 = 5.33 h
  complaints upheld in February: 2; delays: 1; tool checks 80 and 100: 90;
  training: 2 sessions held, 1 attended: 50 %, assessment 70.
Points with the default scheme (weight, target):
  first-time 66.67/95 -> 70.18 x 15 % = 10.53; rework 100-20x1 = 80 x 5 % = 4.00;
  satisfaction 4.0/4.5 -> 88.89 x 15 % = 13.33; complaints 100-25x2 = 50 x 10 % = 5.00;
  arrivals 70.18 x 10 % = 7.02; completions 7.02; time to arrive 100-2x(20-15) = 90
  x 5 % = 4.50; delays 1 <= 1 -> 100 x 5 % = 5.00; tools 90 >= 90 -> 100 x 10 % = 10.00;
  attendance 50 x 5 % = 2.50; assessment 70/80 -> 87.5 x 10 % = 8.75.  Total 77.65.
Mason: one perfect job, no tool check, no training: the indicators measured
  all score 100; tools and training (25 %) are left out: 100.
Leader: nothing measured: no score, no rank.
"""

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..common_staff import PmStaffCommon


class TestScorecard(PmStaffCommon):
    def setUp(self):
        super().setUp()
        self._build_february()
        self.period.action_compute()
        self.cards = {c.employee_id: c for c in self.period.scorecard_ids}
        self.plumber = self.cards[self.emp_plumber]

    def _lines(self, card):
        return {line.code: line for line in card.line_ids}

    def test_every_indicator_by_hand(self):
        lines = self._lines(self.plumber)
        expected = {
            "jobs_done": (3, 100),
            "first_time_acceptance": (66.67, 70.18),
            "rework": (1, 80),
            "satisfaction": (4.0, 88.89),
            "complaints_upheld": (2, 50),
            "arrival_in_limit": (66.67, 70.18),
            "completion_in_limit": (66.67, 70.18),
            "response_minutes": (20.0, 90),
            "completion_hours": (5.33, 100),
            "delays": (1, 100),
            "tool_score": (90.0, 100),
            "training_attendance": (50.0, 50),
            "assessment_score": (70.0, 87.5),
        }
        self.assertEqual(set(lines), set(expected))
        for code, (value, points) in expected.items():
            with self.subTest(code=code):
                self.assertAlmostEqual(lines[code].value, value, places=2)
                self.assertAlmostEqual(lines[code].points, points, places=2)
                self.assertTrue(lines[code].has_data)
        self.assertAlmostEqual(lines["first_time_acceptance"].weighted, 10.53, places=2)
        self.assertAlmostEqual(lines["satisfaction"].weighted, 13.33, places=2)
        self.assertAlmostEqual(self.plumber.computed_score, 77.65, places=2)
        self.assertEqual(self.plumber.jobs_done, 3)
        self.assertEqual(self.plumber.complaints_upheld, 2)

    def test_indicators_without_data_are_left_out(self):
        mason = self.cards[self.emp_mason]
        lines = self._lines(mason)
        self.assertFalse(lines["tool_score"].has_data)
        self.assertFalse(lines["training_attendance"].has_data)
        self.assertEqual(lines["tool_score"].weighted, 0)
        self.assertEqual(lines["tool_score"].share, 0)
        self.assertEqual(lines["tool_score"].measure_state, "excluded")
        self.assertEqual(lines["jobs_done"].measure_state, "measured")
        self.assertTrue(lines["complaints_upheld"].has_data)  # zero complaints counts
        self.assertAlmostEqual(mason.computed_score, 100.0, places=2)
        leader = self.cards[self.emp_leader]
        self.assertFalse(leader.measured)
        self.assertEqual((leader.computed_score, leader.total_score, leader.rank), (0, 0, 0))

    def test_total_equals_the_lines_shown(self):
        """The weights of the measured lines are scaled to 100% (tools and
        training, 25 %, left out for the mason: 15 % becomes 20 %), and the
        score is the sum of the weighted points the lines show."""
        mason = self.cards[self.emp_mason]
        lines = self._lines(mason)
        measured = mason.line_ids.filtered("has_data")
        self.assertAlmostEqual(sum(measured.mapped("share")), 100.0, places=1)
        self.assertAlmostEqual(lines["first_time_acceptance"].share, 20.0, places=2)
        self.assertAlmostEqual(lines["first_time_acceptance"].weighted, 20.0, places=2)
        for card in self.period.scorecard_ids:
            with self.subTest(employee=card.employee_id.name):
                self.assertAlmostEqual(
                    card.computed_score, sum(card.line_ids.mapped("weighted")), places=2
                )
        # Satisfaction not answered for the mason any more: its weight goes to
        # the others, the total still adds up.
        lines["satisfaction"].write({"has_data": False, "points": 0})
        self.assertEqual(lines["satisfaction"].share, 0)
        self.assertAlmostEqual(sum(mason.line_ids.mapped("share")), 100.0, places=1)
        self.assertAlmostEqual(mason.computed_score, sum(mason.line_ids.mapped("weighted")))

    def test_weights_change_the_total(self):
        satisfaction = self.scheme.indicator_ids.filtered(lambda i: i.code == "satisfaction")
        first_time = self.scheme.indicator_ids.filtered(lambda i: i.code == "first_time_acceptance")
        # 10 points of weight moved from first-time acceptance to satisfaction.
        self.scheme.write(
            {
                "indicator_ids": [
                    (1, satisfaction.id, {"weight": 25}),
                    (1, first_time.id, {"weight": 5}),
                ]
            }
        )
        self.period.action_compute()
        # 88.89 x 25 % = 22.22 and 70.18 x 5 % = 3.51 instead of 13.33 and 10.53.
        self.assertAlmostEqual(
            self.plumber.computed_score, 77.65 + 22.22 + 3.51 - 13.33 - 10.53, places=2
        )

    def test_ranking_per_team(self):
        ranks = {e: self.cards[e].rank for e in (self.emp_mason, self.emp_plumber, self.emp_leader)}
        # The leader, with nothing measured, is not ranked.
        self.assertEqual(ranks, {self.emp_mason: 1, self.emp_plumber: 2, self.emp_leader: 0})
        self.assertEqual(self.plumber.team_id, self.crew)

    def test_manual_adjustment_kept_apart(self):
        supervisor = self.users["eng_supervisor"]
        card = self.plumber.with_user(supervisor)
        with self.assertRaisesRegex(ValidationError, "Say why"), self.env.cr.savepoint():
            card.write({"adjustment": 5})
        card.write({"adjustment": 5, "adjustment_reason": "Three night call-outs in the storm"})
        self.assertAlmostEqual(self.plumber.computed_score, 77.65, places=2)
        self.assertAlmostEqual(self.plumber.total_score, 82.65, places=2)
        # Recomputing keeps the adjustment.
        self.period.action_compute()
        self.assertAlmostEqual(self.plumber.total_score, 82.65, places=2)
        with self.assertRaises(AccessError):
            self.plumber.with_user(self.tech_plumber).write(
                {"adjustment": 10, "adjustment_reason": "I deserve it"}
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as error,
            self.env.cr.savepoint(),
        ):
            card.write({"adjustment": 25, "adjustment_reason": "Too much"})
            card.flush_recordset()
        self.assertIn("between -20 and +20", card._sql_error_to_message(error.exception))

    def test_close_freezes_and_suggests(self):
        self.scheme.complaint_threshold = 2
        manager = self.users["manager"]
        self.period.with_user(manager).action_close()
        self.assertEqual(self.period.state, "closed")
        with self.assertRaisesRegex(UserError, "closed"):
            self.period.action_compute()
        with self.assertRaisesRegex(UserError, "frozen"):
            self.plumber.with_user(self.users["eng_supervisor"]).write(
                {"adjustment": 2, "adjustment_reason": "late"}
            )
        with self.assertRaisesRegex(UserError, "frozen"):
            self.plumber.line_ids[:1].write({"value": 99})
        with self.assertRaisesRegex(UserError, "frozen"):
            self.plumber.unlink()
        suggestions = self.env["pm.reward.penalty"].search(
            [("scorecard_id", "in", self.period.scorecard_ids.ids)]
        )
        by_employee = {(s.employee_id, s.kind) for s in suggestions}
        # Nothing measured: no score, so no warning either.
        self.assertNotIn((self.emp_leader, "warning"), by_employee)
        self.assertIn((self.emp_plumber, "fine"), by_employee)  # 2 upheld complaints
        self.assertIn((self.emp_mason, "praise"), by_employee)  # best of the crew, 100
        self.assertNotIn((self.emp_plumber, "warning"), by_employee)  # 77.65 >= 60
        fine = suggestions.filtered(lambda s: s.employee_id == self.emp_plumber)
        self.assertEqual(fine.ticket_ids, self.upheld)  # the evidence
        self.assertTrue(all(s.suggested and s.state == "draft" for s in suggestions))
        # Reopened and closed again: nothing suggested twice.
        self.period.with_user(manager).action_reopen()
        self.period.with_user(manager).action_close()
        self.assertEqual(
            self.env["pm.reward.penalty"].search_count(
                [("scorecard_id", "in", self.period.scorecard_ids.ids)]
            ),
            len(suggestions),
        )
        with self.assertRaisesRegex(UserError, "Only a manager"):
            self.period.with_user(self.users["eng_supervisor"]).action_reopen()

    def test_a_person_decides(self):
        self.period.action_close()
        praise = self.env["pm.reward.penalty"].search(
            [("employee_id", "=", self.emp_mason.id), ("kind", "=", "praise")]
        )
        praise.with_user(self.users["eng_supervisor"]).action_submit()
        self.assertEqual(praise.state, "to_approve")
        with self.assertRaisesRegex(UserError, "Only a manager"):
            praise.with_user(self.users["eng_supervisor"]).action_approve()
        praise.with_user(self.users["manager"]).action_approve()
        self.assertEqual((praise.state, praise.decided_by_id), ("approved", self.users["manager"]))

    def test_bonus_and_fine_need_an_amount(self):
        Record = self.env["pm.reward.penalty"]
        bonus = Record.create(
            {"employee_id": self.emp_mason.id, "kind": "bonus", "reason": "Storm night"}
        )
        with self.assertRaisesRegex(UserError, "needs an amount"):
            bonus.action_submit()
        with (
            self.assertRaisesRegex(ValidationError, "Only a bonus or a fine"),
            self.env.cr.savepoint(),
        ):
            Record.create(
                {"employee_id": self.emp_mason.id, "kind": "praise", "reason": "x", "amount": 5}
            )

    def test_second_scorecard_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as error,
            self.env.cr.savepoint(),
        ):
            self.env["pm.scorecard"].create(
                {
                    "period_id": self.period.id,
                    "employee_id": self.emp_plumber.id,
                    "company_id": self.env.company.id,
                }
            )
        self.assertIn(
            "already has a scorecard for this period",
            self.env["pm.scorecard"]._sql_error_to_message(error.exception),
        )

    def test_query_count_does_not_grow_with_employees(self):
        def compute_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.period.action_compute()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        compute_queries()  # warm-up
        small = compute_queries()
        for index in range(5):
            extra = self._create_technician(f"extra{index}", self.trade_plumbing)
            self.crew.user_ids = [(4, extra.id)]
        compute_queries()  # their scorecards are created
        self.assertIn(
            self.tech_plumber.search([("login", "=", "tech_extra4")]).employee_id,
            self.period.scorecard_ids.employee_id,
        )
        # Five more employees (65 more indicator lines): the same statements,
        # but for the ORM's batches of 100 rows per INSERT/UPDATE; one query
        # per employee and indicator would add 65.
        self.assertLessEqual(compute_queries() - small, 3)
        self.assertEqual(len(self.period.scorecard_ids.filtered("jobs_done")), 2)


class TestScorecardBadInput(PmStaffCommon):
    def test_weights_must_add_up_to_100(self):
        first = self.scheme.indicator_ids.filtered(lambda i: i.code == "first_time_acceptance")
        self.assertEqual(first.weight, 15)
        with (
            self.assertRaisesRegex(ValidationError, "must add up to 100%"),
            self.env.cr.savepoint(),
        ):
            first.weight = 20
        first.invalidate_recordset()
        with self.assertRaisesRegex(ValidationError, "add up to 95.0%"), self.env.cr.savepoint():
            self.scheme.write({"indicator_ids": [(1, first.id, {"weight": 10})]})
        first.invalidate_recordset()
        # Moving weight between two lines in one save is fine.
        rework = self.scheme.indicator_ids.filtered(lambda i: i.code == "rework")
        self.scheme.write(
            {"indicator_ids": [(1, first.id, {"weight": 10}), (1, rework.id, {"weight": 10})]}
        )
        self.assertEqual(self.scheme.total_weight, 100)

    def test_scores_outside_their_scale(self):
        course = self.env.ref("pm_aftersales.course_process")
        for model, vals, message in (
            (
                "pm.training.attendance",
                {
                    "session_id": self._session(course, "2026-02-02", [], state="planned").id,
                    "employee_id": self.emp_plumber.id,
                    "score": 120,
                },
                "between 0 and 100",
            ),
            (
                "pm.tool.check",
                {"employee_id": self.emp_plumber.id, "score": 150},
                "between 0 and 100",
            ),
        ):
            with (
                self.subTest(model=model),
                mute_logger("odoo.sql_db"),
                self.assertRaises(IntegrityError) as error,
                self.env.cr.savepoint(),
            ):
                self.env[model].create(vals)
            self.assertIn(message, self.env[model]._sql_error_to_message(error.exception))

    def test_damaged_tool_needs_a_note(self):
        with self.assertRaisesRegex(ValidationError, "damaged or lost"):
            self.env["pm.tool.check"].create(
                {"employee_id": self.emp_plumber.id, "condition": "lost", "score": 0}
            )


class TestCompanyDefaults(PmStaffCommon):
    """A company created after the install gets the default set-up."""

    def test_new_company_gets_the_scheme_and_indicators(self):
        main = self.env.ref("base.main_company")
        new = self.env["res.company"].create({"name": "Branch Property Co."})
        scheme = self.env["pm.scorecard.scheme"].search([("company_id", "=", new.id)])
        main_scheme = self.env["pm.scorecard.scheme"].search([("company_id", "=", main.id)])
        self.assertEqual(len(scheme), 1)
        self.assertEqual(
            sorted(scheme.indicator_ids.mapped(lambda i: (i.code, i.weight))),
            sorted(main_scheme.indicator_ids.mapped(lambda i: (i.code, i.weight))),
        )
        self.assertEqual(
            set(self.env["pm.kpi"].search([("company_id", "=", new.id)]).mapped("metric")),
            set(self.env["pm.kpi"].search([("company_id", "=", main.id)]).mapped("metric")),
        )

        # The budget approval tiers (tier validation) too.
        def tiers(company):
            return self.env["tier.definition"].search(
                [("company_id", "=", company.id), ("model", "=", "pm.rectification.order")]
            )

        self.assertEqual(
            sorted(tiers(new).mapped(lambda t: (t.definition_domain, t.pm_reviewer_group_ids.ids))),
            sorted(
                tiers(main).mapped(lambda t: (t.definition_domain, t.pm_reviewer_group_ids.ids))
            ),
        )
        self.assertTrue(tiers(new))
