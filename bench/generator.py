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
