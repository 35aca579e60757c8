import random
from datetime import timedelta

from odoo import Command, api, fields, models


class PmDemoBuilder(models.AbstractModel):
    """Demo: an owner satisfaction survey asked twice, with answers, so the
    results compare two quarters. Called by demo/pm_portal_demo.xml."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_satisfaction_surveys(self):
        rng = random.Random(7)
        survey = self.env["survey.survey"].create(
            {
                "title": "业主满意度调查",
                "access_mode": "token",
                "description": "<p>感谢您抽出时间告诉我们物业服务做得怎么样。</p>",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": title,
                            "question_type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                            "constr_mandatory": True,
                        }
                    )
                    for title in ("维修服务", "客服态度", "公共区域保洁", "安全秩序", "总体满意度")
                ]
                + [Command.create({"title": "您的建议", "question_type": "text_box"})],
            }
        )
        estate = self.env.ref("pm_aftersales.estate_cuihu")
        Campaign = self.env["pm.survey.campaign"]
        today = fields.Date.context_today(self)
        for period, days_ago, bias, answered in (
            ("2026 Q2", 150, 0, 0.7),
            ("2026 Q3", 60, 1, 0.55),
        ):
            campaign = Campaign.create(
                {
                    "name": f"业主满意度调查 {period}",
                    "period": period,
                    "survey_id": survey.id,
                    "estate_id": estate.id,
                    "date": today - timedelta(days=days_ago),
                }
            )
            campaign.action_send()
            scale_questions = survey.question_ids.filtered(lambda q: q.question_type == "scale")
            for answer in campaign.answer_ids.sudo():
                if rng.random() > answered:
                    continue
                for question in scale_questions:
                    value = min(5, max(1, round(rng.gauss(3.6 + 0.4 * bias, 0.9))))
                    answer._save_lines(question, str(value))
                answer._mark_done()
            if period == "2026 Q2":
                campaign.action_close()
        return True
