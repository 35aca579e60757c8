from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..common_service import PmServiceCommon


@tagged("post_install", "-at_install")
class TestSurveyCampaign(PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "Owner satisfaction",
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Repairs",
                            "question_type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                        }
                    ),
                    Command.create(
                        {
                            "title": "Cleanliness",
                            "question_type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                        }
                    ),
                ],
            }
        )
        cls.q_repairs, cls.q_clean = cls.survey.question_ids
        cls.co_owner = cls.env["res.partner"].create({"name": "Co", "email": "co@example.com"})
        cls.env["pm.unit.occupant"].create(
            {"unit_id": cls.unit_a2.id, "partner_id": cls.co_owner.id, "role": "co_owner"}
        )

    def _campaign(self, period):
        return (
            self.env["pm.survey.campaign"]
            .with_user(self.users["cs_supervisor"])
            .create(
                {
                    "name": f"Satisfaction {period}",
                    "period": period,
                    "survey_id": self.survey.id,
                    "estate_id": self.estate.id,
                }
            )
        )

    def _answer(self, answer, repairs, clean):
        answer = answer.sudo()  # as the survey pages save them
        for question, value in ((self.q_repairs, repairs), (self.q_clean, clean)):
            answer._save_lines(question, str(value))
        answer._mark_done()

    def test_send_once_per_owner(self):
        campaign = self._campaign("2026 Q1")
        campaign.action_send()
        self.assertEqual(campaign.state, "sent")
        answers = campaign.answer_ids
        self.assertEqual(answers.partner_id, self.owner_a | self.co_owner)  # A once, not twice
        self.assertEqual(
            answers.filtered(lambda a: a.partner_id == self.co_owner).pm_unit_id, self.unit_a2
        )
        self.assertEqual(campaign.invited_count, 2)
        mails = self.env["mail.mail"].search([("recipient_ids", "in", self.co_owner.ids)])
        self.assertTrue(mails)
        with self.assertRaisesRegex(UserError, "already been sent"):
            campaign.action_send()

    def test_results_per_period_building_question(self):
        q1 = self._campaign("2026 Q1")
        q1.action_send()
        for answer in q1.answer_ids:
            self._answer(answer, 3, 4)
        q2 = self._campaign("2026 Q2")
        q2.action_send()
        by_partner = {a.partner_id: a for a in q2.answer_ids}
        self._answer(by_partner[self.owner_a], 5, 4)
        self._answer(by_partner[self.co_owner], 4, 2)
        self.assertEqual(q1.completed_count, 2)
        self.assertEqual(q1.response_rate, 100.0)
        Result = self.env["pm.survey.result"].with_user(self.users["cs_supervisor"])
        rows = Result._read_group(
            [("campaign_id", "in", (q1 | q2).ids)], ["period", "question_id"], ["score:avg"]
        )
        scores = {(period, question.title): avg for period, question, avg in rows}
        self.assertEqual(scores[("2026 Q1", "Repairs")], 3)
        self.assertEqual(scores[("2026 Q2", "Repairs")], 4.5)
        self.assertEqual(scores[("2026 Q2", "Cleanliness")], 3)
        by_building = dict(
            Result._read_group([("campaign_id", "=", q2.id)], ["building_id"], ["score:avg"])
        )
        self.assertEqual(by_building[self.building], 4.5)  # owner A's first unit: building 1
        self.assertEqual(by_building[self.building_2], 3)  # the co-owner's unit

    def test_unanswered_invitations_do_not_count(self):
        campaign = self._campaign("2026 Q3")
        campaign.action_send()
        self.assertFalse(self.env["pm.survey.result"].search([("campaign_id", "=", campaign.id)]))
