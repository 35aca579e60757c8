from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from ..common_service import PmServiceCommon


@tagged("post_install", "-at_install")
class TestPartsCommon(PmServiceCommon):
    """A spare-parts warehouse for the estate and a few parts in stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].create(
            {"name": "Green Lake Spare Parts", "code": "GLSP", "company_id": cls.company.id}
        )
        cls.estate.warehouse_id = cls.warehouse
        cls.stock = cls.warehouse.lot_stock_id
        cls.category_plumbing = cls.env.ref("pm_aftersales.product_category_parts_plumbing")
        cls.valve = cls._create_part("Angle valve", 25.0, 5)
        cls.joint = cls._create_part("Pipe joint", 3.5, 1)
        cls.seal = cls._create_part("Seal strip", 8.0, 0)

    @classmethod
    def _create_part(cls, name, cost, qty):
        product = cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "standard_price": cost,
                "categ_id": cls.category_plumbing.id,
            }
        )
        if qty:
            cls.env["stock.quant"]._update_available_quantity(product, cls.stock, qty)
        return product

    def _free(self, product):
        return product.with_context(location=self.stock.id).free_qty

    def _on_hand(self, product):
        return product.with_context(location=self.stock.id).qty_available

    def _job_with_parts(self, lines, **vals):
        job = self._create_job(**vals)
        self.env["pm.ticket.part"].create(
            [{"ticket_id": job.id, "product_id": p.id, "product_uom_qty": q} for p, q in lines]
        )
        return job

    def _work(self, job, used=None, tech=None):
        """Dispatch, check in, record the parts used, complete."""
        tech = tech or self.tech_plumber
        job._dispatch(tech)
        job.with_user(tech).action_check_in()
        for line, qty in (used or {}).items():
            line.with_user(tech).quantity_used = qty
        job.with_user(tech).write(
            {"work_done": "Valve replaced", "failure_cause_id": self.cause_wear.id}
        )
        job.with_user(tech).action_complete()


@tagged("post_install", "-at_install")
class TestPartsReservation(TestPartsCommon):
    def test_reserve_available_parts(self):
        job = self._job_with_parts([(self.valve, 2)])
        line = job.part_ids
        self.assertEqual(line.location_id, self.stock, "the estate's store is the default")
        self.assertEqual(line.state, "draft")
        self.assertEqual(job.parts_state, "draft")
        job.action_confirm_parts()
        self.assertEqual(line.state, "available")
        self.assertEqual(line.quantity_reserved, 2)
        self.assertEqual(job.parts_state, "available")
        picking = job.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.picking_type_id, self.warehouse.pm_consumption_type_id)
        self.assertEqual(picking.location_dest_id.usage, "production")
        self.assertEqual(picking.origin, job.number)
        self.assertEqual(line.move_id.picking_id, picking)
        # reserved, not yet gone: on hand unchanged, free quantity lower
        self.assertEqual(self._on_hand(self.valve), 5)
        self.assertEqual(self._free(self.valve), 3)

    def test_partial_and_waiting_with_expected_date(self):
        receipt_date = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.stock.id,
                "scheduled_date": receipt_date,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.seal.id,
                            "product_uom_qty": 50,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.stock.id,
                            "date": receipt_date,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        job = self._job_with_parts([(self.joint, 3), (self.seal, 6)])
        job.action_confirm_parts()
        joint_line, seal_line = job.part_ids
        self.assertEqual(joint_line.state, "partial")
        self.assertEqual(joint_line.quantity_reserved, 1)
        self.assertEqual(seal_line.state, "waiting")
        self.assertEqual(seal_line.quantity_reserved, 0)
        self.assertEqual(seal_line.expected_date, receipt_date)
        self.assertEqual(job.parts_state, "partial")
        self.assertEqual(job.parts_expected_date, receipt_date)
        # the seal strip arrives: checking again reserves it
        receipt.move_ids.quantity = 50
        receipt.button_validate()
        job.action_check_parts_availability()
        self.assertEqual(seal_line.state, "available")
        self.assertFalse(seal_line.expected_date)

    def test_dispatcher_sees_availability(self):
        job = self._job_with_parts([(self.seal, 2)])
        job.action_confirm_parts()
        wizard = (
            self.env["pm.dispatch.wizard"]
            .with_user(self.users["assistant"])
            .create({"ticket_id": job.id, "mode": "assign", "user_id": self.tech_plumber.id})
        )
        self.assertEqual(wizard.parts_state, "waiting")
        self.assertEqual(wizard.part_ids.product_id, self.seal)

    def test_nothing_to_reserve(self):
        job = self._create_job()
        with self.assertRaisesRegex(UserError, "no part to reserve"):
            job.action_confirm_parts()


@tagged("post_install", "-at_install")
class TestPartsConsumption(TestPartsCommon):
    def test_completion_consumes_used_and_returns_rest(self):
        job = self._job_with_parts([(self.valve, 3), (self.joint, 1)])
        job.action_confirm_parts()
        valve_line, joint_line = job.part_ids
        self.assertEqual(self._free(self.valve), 2)
        self._work(job, used={valve_line: 2, joint_line: 0})
        self.assertEqual(job.service_state, "done")
        # two valves left the store, the third is free again
        self.assertEqual(valve_line.state, "consumed")
        self.assertEqual(valve_line.move_id.quantity, 2)
        self.assertEqual(self._on_hand(self.valve), 3)
        self.assertEqual(self._free(self.valve), 3)
        # the unused joint was never taken
        self.assertEqual(joint_line.state, "cancelled")
        self.assertEqual(self._on_hand(self.joint), 1)
        self.assertEqual(self._free(self.joint), 1)
        # cost on the service record
        self.assertEqual(valve_line.unit_cost, 25.0)
        self.assertEqual(valve_line.cost, 50.0)
        self.assertEqual(job.parts_cost, 50.0)
        self.assertEqual(job.parts_state, "consumed")
        self.assertEqual(job.picking_ids.state, "done")

    def test_parts_used_without_reservation(self):
        job = self._job_with_parts([(self.valve, 1), (self.joint, 1)])
        valve_line, joint_line = job.part_ids
        self._work(job, used={valve_line: 1})
        self.assertEqual(valve_line.state, "consumed")
        self.assertEqual(self._on_hand(self.valve), 4)
        # listed, never reserved nor used: removed, and said so on the job
        self.assertFalse(joint_line.exists())
        self.assertTrue(any("Pipe joint" in body for body in job.message_ids.mapped("body")))

    def test_more_than_reserved_needs_a_reason(self):
        job = self._job_with_parts([(self.valve, 2)])
        job.action_confirm_parts()
        line = job.part_ids
        job._dispatch(self.tech_plumber)
        with self.assertRaisesRegex(ValidationError, "give the reason for the extra quantity"):
            line.with_user(self.tech_plumber).quantity_used = 3
        line.with_user(self.tech_plumber).write(
            {"quantity_used": 3, "over_reason": "Both valves rusted, third for the heater"}
        )
        job.with_user(self.tech_plumber).action_check_in()
        job.with_user(self.tech_plumber).write(
            {"work_done": "Valves replaced", "failure_cause_id": self.cause_wear.id}
        )
        job.with_user(self.tech_plumber).action_complete()
        self.assertEqual(line.state, "consumed")
        self.assertEqual(self._on_hand(self.valve), 2)
        self.assertEqual(line.cost, 75.0)

    def test_consumed_part_is_locked(self):
        job = self._job_with_parts([(self.valve, 1)])
        job.action_confirm_parts()
        line = job.part_ids
        with self.assertRaisesRegex(UserError, "already reserved"):
            line.product_id = self.joint
        self._work(job, used={line: 1})
        with self.assertRaisesRegex(UserError, "has been consumed"):
            line.quantity_used = 0
        with self.assertRaisesRegex(UserError, "stays on the job"):
            line.unlink()

    def test_cancelling_the_job_unreserves(self):
        job = self._job_with_parts([(self.valve, 4)])
        job.action_confirm_parts()
        self.assertEqual(self._free(self.valve), 1)
        job.with_user(self.users["assistant"]).action_cancel_job()
        self.assertEqual(job.part_ids.state, "cancelled")
        self.assertEqual(job.picking_ids.state, "cancel")
        self.assertEqual(self._free(self.valve), 5)
        self.assertEqual(self._on_hand(self.valve), 5)

    def test_removing_a_reserved_line_unreserves(self):
        job = self._job_with_parts([(self.valve, 2)])
        job.action_confirm_parts()
        job.part_ids.unlink()
        self.assertEqual(self._free(self.valve), 5)

    def test_consumption_report(self):
        equipment = self.env["maintenance.equipment"].create(
            {"name": "Pump 1", "pm_estate_id": self.estate.id, "pm_building_id": self.building.id}
        )
        job = self._job_with_parts([(self.valve, 2)], equipment_id=equipment.id)
        job.action_confirm_parts()
        self._work(job, used={job.part_ids: 2})
        rows = self.env["pm.part.consumption.report"].search([("ticket_id", "=", job.id)])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows.product_category_id, self.category_plumbing)
        self.assertEqual(rows.building_id, self.building)
        self.assertEqual(rows.equipment_id, equipment)
        self.assertEqual(rows.quantity, 2)
        self.assertEqual(rows.cost, 50.0)
        groups = self.env["pm.part.consumption.report"]._read_group(
            [("building_id", "=", self.building.id), ("ticket_id", "=", job.id)],
            ["product_category_id"],
            ["quantity:sum", "cost:sum"],
        )
        self.assertEqual(groups, [(self.category_plumbing, 2.0, 50.0)])
        # and on the equipment file
        self.assertEqual(equipment.pm_parts_cost, 50.0)
        self.assertEqual(equipment.pm_part_count, 1)


@tagged("post_install", "-at_install")
class TestPartsBadInput(TestPartsCommon):
    @mute_logger("odoo.sql_db")
    def test_negative_or_zero_quantity_refused(self):
        job = self._create_job()
        for qty in (-1, 0):
            with self.subTest(qty=qty), self.assertRaises(IntegrityError), self.cr.savepoint():
                self.env["pm.ticket.part"].create(
                    {"ticket_id": job.id, "product_id": self.valve.id, "product_uom_qty": qty}
                )
        line = self.env["pm.ticket.part"].create({"ticket_id": job.id, "product_id": self.valve.id})
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            line.quantity_used = -1
            line.flush_recordset()

    def test_location_of_another_company_refused(self):
        warehouse_b = self.env["stock.warehouse"].create(
            {"name": "Other store", "code": "OTH", "company_id": self.company_b.id}
        )
        job = self._create_job()
        with self.assertRaisesRegex(ValidationError, "choose a spare-parts location of"):
            self.env["pm.ticket.part"].create(
                {
                    "ticket_id": job.id,
                    "product_id": self.valve.id,
                    "location_id": warehouse_b.lot_stock_id.id,
                }
            )

    def test_virtual_location_refused(self):
        job = self._create_job()
        with self.assertRaisesRegex(ValidationError, "must be taken from a stock location"):
            self.env["pm.ticket.part"].create(
                {
                    "ticket_id": job.id,
                    "product_id": self.valve.id,
                    "location_id": self.env.ref("stock.stock_location_customers").id,
                }
            )


@tagged("post_install", "-at_install")
class TestPartsMinimum(TestPartsCommon):
    def test_warning_below_reordering_minimum(self):
        self.env["stock.warehouse.orderpoint"].create(
            [
                {
                    "product_id": self.valve.id,
                    "warehouse_id": self.warehouse.id,
                    "location_id": self.stock.id,
                    "product_min_qty": 4,
                    "product_max_qty": 10,
                    "trigger": "manual",
                },
                {
                    "product_id": self.joint.id,
                    "warehouse_id": self.warehouse.id,
                    "location_id": self.stock.id,
                    "product_min_qty": 0,
                    "product_max_qty": 10,
                    "trigger": "manual",
                },
            ]
        )
        job = self._job_with_parts([(self.valve, 2), (self.joint, 1)])
        valve_line, joint_line = job.part_ids
        # 5 valves - 2 for this job < minimum 4
        self.assertTrue(valve_line.below_minimum)
        self.assertEqual(valve_line.minimum_qty, 4)
        self.assertFalse(joint_line.below_minimum)
        self.assertTrue(job.parts_below_minimum)
        job.action_confirm_parts()
        job.invalidate_recordset()
        job.part_ids.invalidate_recordset()
        self.assertTrue(valve_line.below_minimum, "still below once reserved")
        other = self._job_with_parts([(self.valve, 1)], unit_id=self.unit_a2.id)
        self.assertTrue(other.part_ids.below_minimum)

    def test_no_rule_no_warning(self):
        job = self._job_with_parts([(self.valve, 5)])
        self.assertFalse(job.part_ids.below_minimum)
        self.assertFalse(job.parts_below_minimum)

    def test_minimums_read_in_constant_queries(self):
        jobs = [self._job_with_parts([(self.valve, 1), (self.joint, 1)]) for _i in range(6)]
        lines_few = jobs[0].part_ids
        lines_many = self.env["pm.ticket.part"].browse(
            [line.id for j in jobs for line in j.part_ids]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=6):
            lines_few.mapped("below_minimum")
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=6):
            lines_many.mapped("below_minimum")


@tagged("post_install", "-at_install")
class TestPartsSecurity(TestPartsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_mine = cls._job_with_parts_cls([(cls.valve, 1)])
        cls.job_mine._dispatch(cls.tech_plumber)
        cls.job_other = cls._job_with_parts_cls([(cls.valve, 1)])
        cls.job_other._dispatch(cls.tech_mason)
        cls.stock_manager = new_test_user(
            cls.env,
            login="storekeeper",
            groups="stock.group_stock_manager,pm_aftersales.group_pm_technician",
        )

    @classmethod
    def _job_with_parts_cls(cls, lines):
        job = cls.env["helpdesk.ticket"].create(
            {
                "name": "Leak",
                "description": "<p>Leak under the sink</p>",
                "category_id": cls.cat_burst_pipe.id,
                "unit_id": cls.unit_a.id,
                "partner_id": cls.owner_a.id,
                "team_id": cls.crew.id,
            }
        )
        cls.env["pm.ticket.part"].create(
            [{"ticket_id": job.id, "product_id": p.id, "product_uom_qty": q} for p, q in lines]
        )
        return job

    def test_technician_records_parts_on_own_jobs_only(self):
        Part = self.env["pm.ticket.part"].with_user(self.tech_plumber)
        mine = Part.search([("ticket_id", "=", self.job_mine.id)])
        self.assertEqual(mine, self.job_mine.part_ids)
        mine.quantity_used = 1
        Part.create({"ticket_id": self.job_mine.id, "product_id": self.joint.id})
        self.job_mine.with_user(self.tech_plumber).action_confirm_parts()
        self.assertEqual(self.job_mine.parts_state, "available")
        # someone else's job: invisible, and neither writable nor extendable
        self.assertFalse(Part.search([("ticket_id", "=", self.job_other.id)]))
        with self.assertRaises(AccessError):
            self.job_other.part_ids.with_user(self.tech_plumber).quantity_used = 1
        with self.assertRaises(AccessError):
            Part.create({"ticket_id": self.job_other.id, "product_id": self.joint.id})
        with self.assertRaises(AccessError):
            self.job_other.with_user(self.tech_plumber).action_confirm_parts()

    def test_dispatcher_and_supervisor_see_all_parts(self):
        for role in ("assistant", "eng_supervisor"):
            with self.subTest(role=role):
                Part = self.env["pm.ticket.part"].with_user(self.users[role])
                found = Part.search([("ticket_id", "in", (self.job_mine | self.job_other).ids)])
                self.assertEqual(len(found), 2)

    def test_owner_never_reads_parts(self):
        owner = new_test_user(
            self.env,
            login="owner_parts",
            groups="pm_aftersales.group_pm_owner",
            partner_id=self.owner_a.id,
        )
        with self.assertRaises(AccessError):
            self.env["pm.ticket.part"].with_user(owner).search([])

    def test_stock_settings_belong_to_stock_managers(self):
        orderpoint = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.valve.id,
                "warehouse_id": self.warehouse.id,
                "location_id": self.stock.id,
                "product_min_qty": 1,
                "product_max_qty": 5,
            }
        )
        supervisor = self.users["eng_supervisor"]
        self.assertTrue(supervisor.has_group("stock.group_stock_user"))
        # the engineering supervisor runs the store but not its settings
        for record, vals in (
            (orderpoint, {"product_min_qty": 0}),
            (self.warehouse, {"name": "Renamed"}),
            (self.warehouse.pm_consumption_type_id, {"name": "Renamed"}),
        ):
            with self.subTest(model=record._name), self.assertRaises(AccessError):
                record.with_user(supervisor).write(vals)
        with self.assertRaises(AccessError):
            self.estate_other.with_user(self.users["manager"]).action_create_warehouse()
        orderpoint.with_user(self.stock_manager).product_min_qty = 2
        self.assertEqual(orderpoint.product_min_qty, 2)

    def test_estate_warehouse_created_by_stock_manager(self):
        estate = self.estate_other
        self.assertFalse(estate.warehouse_id)
        estate.with_user(self.stock_manager).action_create_warehouse()
        self.assertTrue(estate.warehouse_id.pm_consumption_type_id)
        self.assertEqual(estate.warehouse_id.code, "RS")
