from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pm_low_score_threshold = fields.Integer(
        string="Low Satisfaction Score",
        default=2,
        help="A follow-up score at or below this (1–5) opens a complaint on the job.",
    )

    pm_rectification_escalation_days = fields.Integer(
        string="Rectification Escalation Delay (days)",
        default=2,
        help="A rectification still late this many days after an escalation goes one level up.",
    )

    _pm_low_score_range = models.Constraint(
        "CHECK(pm_low_score_threshold BETWEEN 0 AND 5)",
        "The low-satisfaction score is between 0 (never) and 5.",
    )
    _pm_rectification_escalation_positive = models.Constraint(
        "CHECK(pm_rectification_escalation_days > 0)",
        "The rectification escalation delay is at least one day.",
    )

    # ------------------------------------------------------------------
    # The company's calendar (Asia/Shanghai unless its address says)
    # ------------------------------------------------------------------
    def _pm_tz(self):
        self.ensure_one()
        return pytz.timezone(self.partner_id.tz or "Asia/Shanghai")

    def _pm_today(self):
        """Today in the company's time zone, whoever runs the code (a cron
        runs as OdooBot, whose time zone may be unset)."""
        return fields.Datetime.now().replace(tzinfo=pytz.utc).astimezone(self._pm_tz()).date()

    def _pm_utc_bounds(self, date_from, date_to):
        """First and last instant (exclusive) of the days ``date_from`` to
        ``date_to`` in the company's time zone, as naive UTC datetimes."""
        tz = self._pm_tz()
        start = tz.localize(datetime.combine(date_from, time.min))
        end = tz.localize(datetime.combine(date_to + timedelta(days=1), time.min))
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            end.astimezone(pytz.utc).replace(tzinfo=None),
        )

    def _pm_managers(self):
        """The company's after-sales managers (real users, not OdooBot)."""
        self.ensure_one()
        return self.env.ref("pm_aftersales.group_pm_manager").user_ids.filtered(
            lambda u: self in u.company_ids and not u._is_superuser()
        )
