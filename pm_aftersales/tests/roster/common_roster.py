from datetime import datetime

from odoo import Command

from ..common_service import PmServiceCommon

# Tuesday 2026-03-03 02:00 in Shanghai (UTC+8).
NIGHT = datetime(2026, 3, 2, 18, 0)
# Monday 2026-03-02, 08:00-20:00 and 20:00-08:00 in Shanghai.
DAY_START = datetime(2026, 3, 2, 0, 0)
NIGHT_START = datetime(2026, 3, 2, 12, 0)
NIGHT_END = datetime(2026, 3, 3, 0, 0)
# Monday 2026-03-02 10:00 in Shanghai: office hours.
OFFICE = datetime(2026, 3, 2, 2, 0)


class PmRosterCommon(PmServiceCommon):
    """The water crew works by a roster: the leader has the day shift, the
    plumber the night shift; the leader has no open job, the plumber two
    (the least loaded technician is the one off duty at night)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Shift = cls.env["pm.duty.shift"]
        cls.day_shift = cls._shift(cls.leader, DAY_START, NIGHT_START)
        cls.night_shift = cls._shift(cls.tech_plumber, NIGHT_START, NIGHT_END)
        for _index in range(2):
            cls.env["helpdesk.ticket"].create(
                {
                    "name": "Earlier job",
                    "description": "<p>Dripping tap</p>",
                    "category_id": cls.cat_water_leak.id,
                    "unit_id": cls.unit_a.id,
                    "partner_id": cls.owner_a.id,
                    "team_id": cls.crew.id,
                    "user_id": cls.tech_plumber.id,
                }
            )
        cls.duty_manager = cls.users["eng_supervisor"]

    @classmethod
    def _shift(cls, user, start, end, duty_type="crew", team=None, **vals):
        return cls.env["pm.duty.shift"].create(
            dict(
                {
                    "duty_type": duty_type,
                    "team_id": (team or cls.crew).id if duty_type == "crew" else False,
                    "user_id": user.id,
                    "date_start": start,
                    "date_end": end,
                },
                **vals,
            )
        )

    def _urgent_job(self, when=NIGHT, **vals):
        job = self._create_job(self.cat_burst_pipe, when=when, **vals)
        self.assertEqual(job.ticket_type_id, self.type_urgent)
        return job

    def _escalations(self, job, user=None):
        activities = job.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("pm_aftersales.mail_activity_type_escalation")
            )
        )
        return activities.filtered(lambda a: a.user_id == user) if user else activities

    @classmethod
    def _new_technician(cls, login, crew_name):
        """A plumber, only member of a crew of his own."""
        user = cls._create_technician(login, cls.trade_plumbing)
        crew = cls.env["helpdesk.ticket.team"].create(
            {
                "name": crew_name,
                "alias_name": f"{login}-crew-test",
                "user_ids": [Command.set(user.ids)],
            }
        )
        return user, crew
