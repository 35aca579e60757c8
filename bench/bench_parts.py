"""Spare parts and preventive maintenance (issue 5): reserving the parts of
1,000 jobs against Odoo's own repair orders, and a month of preventive
requests for 5,000 pieces of equipment against OCA maintenance_plan's own
generator."""

from datetime import timedelta

from harness import benchmark

from odoo import Command, fields

PARTS_PER_JOB = 2


def _parts_setup(env, n_products=50):
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    products = env["product.product"].create(
        [
            {"name": f"Bench part {i}", "is_storable": True, "standard_price": 10 + i}
            for i in range(n_products)
        ]
    )
    for product in products:
        env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 100000)
    return warehouse, products


@benchmark
def parts_reservation(bench):
    """Reserve 2 parts for each of 1,000 jobs in one batch (transfers and
    moves created, confirmed, reserved), side by side with 1,000 Odoo repair
    orders confirming (and so reserving) the same parts. The repair orders'
    moves exist beforehand (lines of the order); the jobs' moves are created
    in the measured block, so the comparison is unfavourable to the jobs."""
    env = bench.env
    if "repair.order" not in env:
        print("  repair is not installed in the bench database: anchor skipped")
    n = bench.size(1000)
    warehouse, products = _parts_setup(env)
    location = warehouse.lot_stock_id
    bench.generator.tickets_sql(n, due_share=0)
    tickets = env["helpdesk.ticket"].search([("number", "like", "BENCH%")], limit=n)
    env["pm.ticket.part"].create(
        [
            {
                "ticket_id": ticket.id,
                "product_id": products[(i * PARTS_PER_JOB + k) % len(products)].id,
                "product_uom_qty": 1 + k,
                "location_id": location.id,
            }
            for i, ticket in enumerate(tickets)
            for k in range(PARTS_PER_JOB)
        ]
    )
    with bench.measure("reserve parts: 1,000 jobs, one batch", n):
        tickets._reserve_parts(tickets.part_ids)
    ours = bench.results[-1]
    reserved = sum(tickets.part_ids.mapped("quantity_reserved"))
    ours.note = f"{reserved:.0f} units reserved"
    if "repair.order" not in env:
        return
    repairs = env["repair.order"].create(
        [
            {
                "picking_type_id": warehouse.repair_type_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": products[(i * PARTS_PER_JOB + k) % len(products)].id,
                            "product_uom_qty": 1 + k,
                            "repair_line_type": "add",
                            "location_id": location.id,
                        }
                    )
                    for k in range(PARTS_PER_JOB)
                ],
            }
            for i in range(n)
        ]
    )
    with bench.measure("anchor: confirm 1,000 Odoo repair orders", n):
        repairs._action_repair_confirm()
    anchor = bench.results[-1]
    reserved = sum(repairs.move_ids.mapped("quantity"))
    anchor.note = f"{reserved:.0f} units reserved"
    ours.note += (
        f"; x{ours.queries / anchor.queries:.2f} queries, "
        f"x{ours.seconds / anchor.seconds:.2f} time vs repair"
    )


def _equipment(env, n, categories):
    return env["maintenance.equipment"].create(
        [
            {"name": f"Bench equipment {i}", "category_id": categories[i % len(categories)].id}
            for i in range(n)
        ]
    )


def _plan_vals(env, **vals):
    values = {
        "maintenance_kind_id": env.ref("pm_aftersales.maintenance_kind_inspection").id,
        "interval": 1,
        "interval_step": "week",
        "maintenance_plan_horizon": 1,
        "planning_step": "month",
        "start_maintenance_date": fields.Date.today(),
        "pm_checklist_item_ids": [
            Command.create({"name": f"Check {k}", "sequence": k}) for k in range(4)
        ],
    }
    values.update(vals)
    return values


@benchmark
def preventive_generation(bench):
    """A month of weekly inspections (4 checks each): OCA maintenance_plan's
    own generator (one plan per equipment, requests created one by one) on
    500 pieces of equipment, then pm_aftersales' set-based generator on the
    same 500 and on 5,000 (one plan per equipment category)."""
    env = bench.env
    categories = env["maintenance.equipment.category"].search([], limit=5)
    team = env["maintenance.team"].search([], limit=1)
    small, large = bench.size(500), bench.size(5000)
    Plan = env["maintenance.plan"]

    # The anchor: OCA's loop, as its cron runs it, on per-equipment plans.
    anchor_equipment = _equipment(env, small, categories)
    anchor_plans = Plan.create(
        [_plan_vals(env, equipment_id=e.id, maintenance_team_id=team.id) for e in anchor_equipment]
    )
    with bench.measure(f"anchor: OCA generator, {small} equipment plans", small) as box:
        created = env["maintenance.request"]
        for plan in anchor_plans:
            created |= plan.equipment_id._create_new_request(plan)
        box["note"] = f"{len(created)} requests"
    anchor = bench.results[-1]

    # Ours on the same plans.
    env["maintenance.request"].search([("maintenance_plan_id", "in", anchor_plans.ids)]).unlink()
    with bench.measure(f"pm_aftersales generator, {small} equipment plans", small):
        created = anchor_plans._pm_generate_requests()
    ours_small = bench.results[-1]
    ours_small.note = (
        f"{len(created)} requests; x{ours_small.queries / anchor.queries:.2f} queries, "
        f"x{ours_small.seconds / anchor.seconds:.2f} time vs OCA"
    )
    anchor_plans.active = False

    # 5,000 pieces of equipment, one plan per category.
    _equipment(env, large, categories)
    plans = Plan.create(
        [_plan_vals(env, pm_category_id=c.id, maintenance_team_id=team.id) for c in categories]
    )
    with bench.measure(f"pm_aftersales generator, {large} equipment, category plans", large) as box:
        created = plans._pm_generate_requests()
        box["note"] = f"{len(created)} requests, {len(created) * 4} checks"
    with bench.measure("second run the same day (nothing to create)", large) as box:
        again = plans._pm_generate_requests()
        box["note"] = f"{len(again)} requests"
    with bench.measure("next week's run (one new week per equipment)", large) as box:
        later = plans._pm_generate_requests(today=fields.Date.today() + timedelta(days=7))
        box["note"] = f"{len(later)} requests"
