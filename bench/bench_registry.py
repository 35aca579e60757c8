"""Property registry benchmarks (foundation)."""

from harness import benchmark


@benchmark
def registry_create_units(bench):
    n_buildings = bench.size(10)
    with bench.measure("create units (with estate/buildings)", n_buildings * 100):
        bench.generator.estates(1, n_buildings, floors=20, units_per_floor=5)


@benchmark
def registry_register_owners(bench):
    units = bench.generator.estates(1, bench.size(5), floors=20, units_per_floor=5)
    with bench.measure("register owners", len(units)):
        bench.generator.owners(units)


@benchmark
def registry_warranty_lookup(bench):
    """In-warranty search over all units: one query whatever the unit count."""
    for size in (1, 10):
        units = bench.generator.estates(1, bench.size(size), floors=20, units_per_floor=5)
        with bench.measure(f"in-warranty search ({len(units)} units)", len(units)):
            bench.env["pm.unit.warranty"].search_count(
                [("unit_id", "in", units.ids), ("in_warranty", "=", True)]
            )


@benchmark
def registry_hotline_lookup(bench):
    units = bench.generator.estates(1, bench.size(10), floors=20, units_per_floor=5)
    partners = bench.generator.owners(units)
    numbers = partners[:100].mapped("phone")
    with bench.measure("hotline caller lookup by phone", len(numbers)):
        for number in numbers:
            bench.env["res.partner"].search([("phone_mobile_search", "ilike", number[3:])], limit=5)
