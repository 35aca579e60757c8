from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests.common import new_test_user

from .common import PmCommon

# A Monday, 10:00 UTC.
T0 = datetime(2026, 3, 2, 10, 0, 0)


class PmServiceCommon(PmCommon):
    """Crews, technicians with their trades and calendars, supervisors of the
    estate, and the company's time-limit rules (from the addon's data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.type_urgent = ref("pm_aftersales.pm_ticket_type_urgent_repair")
        cls.type_minor = ref("pm_aftersales.pm_ticket_type_minor_repair")
        cls.type_complaint = ref("pm_aftersales.pm_ticket_type_complaint")
        cls.type_enquiry = ref("pm_aftersales.pm_ticket_type_enquiry")
        cls.cat_burst_pipe = ref("pm_aftersales.helpdesk_category_burst_pipe")
        cls.cat_water_leak = ref("pm_aftersales.helpdesk_category_water_leak")
        cls.cat_wall_crack = ref("pm_aftersales.helpdesk_category_wall_crack")
        cls.cat_complaint_attitude = ref("pm_aftersales.helpdesk_category_complaint_attitude")
        cls.trade_plumbing = ref("pm_aftersales.pm_trade_plumbing")
        cls.trade_civil = ref("pm_aftersales.pm_trade_civil")
        cls.cause_wear = ref("pm_aftersales.pm_failure_cause_wear")
        # Round-the-clock rota and office hours (Mon-Fri 09:00-17:00 UTC).
        cls.calendar_24x7 = cls.env["resource.calendar"].create(
            {
                "name": "24x7",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {"name": f"d{d}", "dayofweek": str(d), "hour_from": 0, "hour_to": 24}
                    )
                    for d in range(7)
                ],
            }
        )
        cls.calendar_office = cls.env["resource.calendar"].create(
            {
                "name": "Office hours",
                "tz": "UTC",
                "hours_per_day": 8,
                "attendance_ids": [
                    Command.create(
                        {"name": f"d{d}", "dayofweek": str(d), "hour_from": 9, "hour_to": 17}
                    )
                    for d in range(5)
                ],
            }
        )
        cls.leader = cls._create_technician("leader", cls.trade_plumbing)
        cls.tech_plumber = cls._create_technician("plumber", cls.trade_plumbing)
        cls.tech_mason = cls._create_technician("mason", cls.trade_civil)
        cls.crew = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Water crew",
                "alias_name": "water-crew-test",
                "user_id": cls.leader.id,
                "user_ids": [Command.set((cls.leader | cls.tech_plumber | cls.tech_mason).ids)],
                "trade_ids": [Command.set((cls.trade_plumbing | cls.trade_civil).ids)],
            }
        )
        cls.estate.write(
            {
                "manager_id": cls.users["manager"].id,
                "cs_supervisor_id": cls.users["cs_supervisor"].id,
                "eng_supervisor_id": cls.users["eng_supervisor"].id,
            }
        )
        # Other crews of the database must not take our test jobs.
        cls.env["helpdesk.ticket.team"].search([("id", "!=", cls.crew.id)]).trade_ids = False

    @classmethod
    def _create_technician(cls, login, trade, calendar=None):
        user = new_test_user(
            cls.env,
            login=f"tech_{login}",
            groups="pm_aftersales.group_pm_technician",
            name=f"Tech {login}",
        )
        cls.env["hr.employee"].create(
            {
                "name": user.name,
                "user_id": user.id,
                "pm_trade_ids": [Command.set(trade.ids)],
                "resource_calendar_id": (calendar or cls.calendar_24x7).id,
            }
        )
        return user

    def _create_job(self, category=None, when=T0, **vals):
        category = category or self.cat_burst_pipe
        with freeze_time(when):
            return self.env["helpdesk.ticket"].create(
                dict(
                    {
                        "name": "Water everywhere",
                        "description": "<p>Pipe burst in the kitchen</p>",
                        "category_id": category.id,
                        "unit_id": self.unit_a.id,
                        "partner_id": self.owner_a.id,
                        "team_id": self.crew.id,
                    },
                    **vals,
                )
            )

    def _milestone(self, ticket, mtype):
        return ticket.milestone_ids.filtered(lambda m: m.milestone_type == mtype)

    def _dispatch(self, ticket, user, when):
        with freeze_time(when):
            ticket._dispatch(user)

    def _as(self, user, record):
        return record.with_user(user)
