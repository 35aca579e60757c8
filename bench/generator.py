"""Data generator for the benchmarks: N estates, buildings, units, owners.

Uses the ORM in large batches (one create per model and batch), the way an
import would; later issues add tickets, parts, rectification orders...
"""

import random
from datetime import date, timedelta


class DataGenerator:
    def __init__(self, env, seed=42):
        self.env = env
        self.rng = random.Random(seed)
        self.serial = 0

    def estates(self, n_estates=1, buildings_per_estate=10, floors=20, units_per_floor=5):
        """Create estates with buildings and units; returns the units."""
        Estate, Building, Unit = (self.env[m] for m in ("pm.estate", "pm.building", "pm.unit"))
        estates = Estate.create(
            [
                {"name": f"Bench Estate {i}", "code": f"BE{i}-{self.rng.random():.6f}"}
                for i in range(n_estates)
            ]
        )
        buildings = Building.create(
            [
                {"name": f"B{b}", "estate_id": estate.id, "floor_count": floors}
                for estate in estates
                for b in range(buildings_per_estate)
            ]
        )
        handover = date(2024, 6, 30)
        units = Unit.create(
            [
                {
                    "name": f"{floor}{room:02d}",
                    "building_id": building.id,
                    "floor": floor,
                    "floor_area": round(self.rng.uniform(60, 150), 2),
                    "handover_date": handover + timedelta(days=self.rng.randint(0, 400)),
                }
                for building in buildings
                for floor in range(1, floors + 1)
                for room in range(1, units_per_floor + 1)
            ]
        )
        return units

    def owners(self, units, share_two_units=0.2):
        """One owner per unit, some owners holding two units; returns partners."""
        n = max(1, int(len(units) * (1 - share_two_units)))
        partners = self.env["res.partner"].create(
            [{"name": f"Owner {i}", "phone": f"138{i:08d}"} for i in range(n)]
        )
        self.env["pm.unit.occupant"].create(
            [
                {"unit_id": unit.id, "partner_id": partners[i % n].id, "role": "owner"}
                for i, unit in enumerate(units)
            ]
        )
        return partners

    # ------------------------------------------------------------------ jobs
    def tickets_sql(
        self, n, due_share=0.01, rule_xmlid="pm_aftersales.pm_sla_rule_minor_repair", team=None
    ):
        """Insert ``n`` open jobs with a running completion milestone in bulk SQL
        (the ORM would take an hour for 100,000); ``due_share`` of them have
        an escalation due now. Returns the ids of the due milestones."""
        env, cr = self.env, self.env.cr
        rule = env.ref(rule_xmlid)
        line = rule.line_ids.filtered(lambda rl: rl.milestone_type == "completion")
        stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        company = env.company
        self.serial += 1
        prefix = f"BENCH{self.serial}-"
        cr.execute(
            """
            INSERT INTO helpdesk_ticket
                (number, name, description, company_id, stage_id, service_state, active,
                 priority, sequence, report_date, create_date, write_date, create_uid,
                 write_uid, last_stage_update, ticket_type_id, sla_rule_id, kanban_state, team_id)
            SELECT %s || g, 'Bench job ' || g, '<p>bench</p>', %s, %s, 'new', true, '1', 10,
                   now() at time zone 'utc' - interval '1 hour',
                   now() at time zone 'utc', now() at time zone 'utc', 1, 1,
                   now() at time zone 'utc', %s, %s, 'normal', %s
            FROM generate_series(1, %s) g
            RETURNING id
            """,
            (
                prefix,
                company.id,
                stage.id,
                rule.ticket_type_ids[:1].id,
                rule.id,
                team.id if team else None,
                n,
            ),
        )
        ticket_ids = [row[0] for row in cr.fetchall()]
        due = max(1, int(n * due_share))
        cr.execute(
            """
            INSERT INTO pm_ticket_milestone
                (ticket_id, company_id, rule_line_id, milestone_type, state, start_date,
                 limit_deadline, deadline, at_risk_date, escalation_level,
                 next_escalation_date, create_date, write_date, create_uid, write_uid)
            SELECT t.id, %s, %s, 'completion', 'running',
                   now() at time zone 'utc' - interval '1 hour',
                   CASE WHEN t.rn <= %s THEN now() at time zone 'utc' - interval '5 minutes'
                        ELSE now() at time zone 'utc' + interval '2 days' END,
                   CASE WHEN t.rn <= %s THEN now() at time zone 'utc' - interval '5 minutes'
                        ELSE now() at time zone 'utc' + interval '2 days' END,
                   now() at time zone 'utc' + interval '1 day', 0,
                   CASE WHEN t.rn <= %s THEN now() at time zone 'utc' - interval '5 minutes'
                        ELSE now() at time zone 'utc' + interval '2 days' END,
                   now() at time zone 'utc', now() at time zone 'utc', 1, 1
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn
                  FROM helpdesk_ticket WHERE id = ANY(%s)) t
            RETURNING id, next_escalation_date <= now() at time zone 'utc'
            """,
            (company.id, line.id, due, due, due, ticket_ids),
        )
        rows = cr.fetchall()
        cr.execute("ANALYZE pm_ticket_milestone")
        cr.execute("ANALYZE helpdesk_ticket")
        return [mid for mid, is_due in rows if is_due]
