from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# What the parts line says about its stock move.
PART_STATES = [
    ("draft", "To Reserve"),
    ("waiting", "Waiting"),
    ("partial", "Partly Available"),
    ("available", "Available"),
    ("consumed", "Consumed"),
    ("cancelled", "Cancelled"),
]
MOVE_PART_STATE = {
    "draft": "draft",
    "waiting": "waiting",
    "confirmed": "waiting",
    "partially_available": "partial",
    "assigned": "available",
    "done": "consumed",
    "cancel": "cancelled",
}
# Fields that define the reservation: frozen once the stock move exists.
RESERVATION_FIELDS = ("product_id", "product_uom_qty", "location_id", "ticket_id")


class PmTicketPart(models.Model):
    """A spare part a service job needs (备件): reserved from the spare-parts
    store when the parts list is confirmed, consumed when the job is completed.
    The counts live in stock moves; this line only says what the job needs
    and what the technician used."""

    _name = "pm.ticket.part"
    _description = "Service Job Part"
    _order = "ticket_id, sequence, id"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Job", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    equipment_id = fields.Many2one(
        related="ticket_id.equipment_id", store=True, index="btree_not_null", string="Equipment"
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Part",
        required=True,
        index=True,
        check_company=True,
        domain="[('is_storable', '=', True)]",
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit of Measure")
    product_uom_qty = fields.Float(
        string="Quantity", digits="Product Unit", default=1.0, required=True
    )
    location_id = fields.Many2one(
        "stock.location",
        string="Source Location",
        required=True,
        index=True,
        domain="[('usage', '=', 'internal')]",
        compute="_compute_location_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Spare-parts location the part is taken from.",
    )
    quantity_used = fields.Float(
        string="Used", digits="Product Unit", help="What the technician actually used."
    )
    over_reason = fields.Char(
        string="Reason for Extra",
        help="Why more was used than planned: required in that case.",
    )
    move_id = fields.Many2one("stock.move", readonly=True, copy=False, index="btree_not_null")
    state = fields.Selection(
        PART_STATES,
        string="Status",
        compute="_compute_state",
        store=True,
        compute_sudo=True,
        default="draft",
    )
    quantity_reserved = fields.Float(
        string="Reserved", digits="Product Unit", compute="_compute_stock_info", compute_sudo=True
    )
    expected_date = fields.Datetime(
        compute="_compute_stock_info",
        compute_sudo=True,
        help="When the missing quantity is expected in the store.",
    )
    minimum_qty = fields.Float(
        string="Minimum Stock",
        digits="Product Unit",
        compute="_compute_stock_info",
        compute_sudo=True,
        help="Minimum of the part's reordering rule in this warehouse.",
    )
    below_minimum = fields.Boolean(
        compute="_compute_stock_info",
        compute_sudo=True,
        help="Taking this part brings the store below the minimum of its reordering rule.",
    )
    unit_cost = fields.Float(
        digits="Product Price", readonly=True, help="Cost of one unit when it was consumed."
    )
    cost = fields.Float(digits="Product Price", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")

    _quantity_positive = models.Constraint(
        "CHECK(product_uom_qty > 0)",
        "The quantity of a part must be positive: enter how many the job needs.",
    )
    _used_not_negative = models.Constraint(
        "CHECK(quantity_used >= 0)",
        "The quantity used cannot be negative: enter 0 if the part was not used.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("ticket_id")
    def _compute_location_id(self):
        for line in self:
            if not line.location_id:
                line.location_id = line.ticket_id._get_parts_location()

    @api.depends("move_id.state")
    def _compute_state(self):
        for line in self:
            line.state = MOVE_PART_STATE.get(line.move_id.state, "draft")

    @api.depends(
        "move_id.state", "move_id.quantity", "product_id", "location_id", "product_uom_qty"
    )
    def _compute_stock_info(self):
        minimums = self._get_minimums()
        moves = self.move_id.filtered(lambda m: m.state not in ("done", "cancel"))
        for line in self:
            move = line.move_id if line.move_id in moves else self.env["stock.move"]
            line.quantity_reserved = move.quantity
            line.expected_date = (
                move.forecast_expected_date if line.state in ("waiting", "partial") else False
            )
            rule = minimums.get((line.product_id.id, line.location_id.warehouse_id.id))
            line.minimum_qty = rule[0] if rule else 0.0
            # The forecast already counts a confirmed reservation; a line not
            # yet confirmed still has to take its quantity.
            pending = line.product_uom_qty if line.state == "draft" else 0.0
            line.below_minimum = bool(rule) and rule[1] - pending < rule[0]

    def _get_minimums(self):
        """{(product, warehouse): (minimum, forecast)} of the reordering rules
        of these lines' parts, in two queries whatever the number of lines."""
        products = self.product_id
        warehouses = self.location_id.warehouse_id
        if not products or not warehouses:
            return {}
        rules = (
            self.env["stock.warehouse.orderpoint"]
            .sudo()
            .search_fetch(
                [
                    ("product_id", "in", products.ids),
                    ("warehouse_id", "in", warehouses.ids),
                    ("trigger", "in", ("auto", "manual")),
                ],
                ["product_id", "warehouse_id", "product_min_qty", "qty_forecast"],
            )
        )
        return {
            (rule.product_id.id, rule.warehouse_id.id): (rule.product_min_qty, rule.qty_forecast)
            for rule in rules
        }

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("location_id", "ticket_id")
    def _check_location_company(self):
        for line in self:
            company = line.location_id.company_id
            if company and company != line.ticket_id.company_id:
                raise ValidationError(
                    self.env._(
                        "Part %(part)s on job %(job)s is taken from %(location)s, a location "
                        "of %(company)s: choose a spare-parts location of %(job_company)s.",
                        part=line.product_id.display_name,
                        job=line.ticket_id.number,
                        location=line.location_id.display_name,
                        company=company.name,
                        job_company=line.ticket_id.company_id.name,
                    )
                )
            if line.location_id.usage != "internal":
                raise ValidationError(
                    self.env._(
                        "Part %(part)s must be taken from a stock location, not from %(location)s.",
                        part=line.product_id.display_name,
                        location=line.location_id.display_name,
                    )
                )

    @api.constrains("quantity_used", "product_uom_qty", "over_reason")
    def _check_over_consumption(self):
        for line in self:
            over = line.product_uom_id.compare(line.quantity_used, line.product_uom_qty) > 0
            if over and not (line.over_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "%(used)s %(unit)s of %(part)s used on job %(job)s, but %(planned)s "
                        "were reserved: give the reason for the extra quantity.",
                        used=line.quantity_used,
                        unit=line.product_uom_id.name,
                        part=line.product_id.display_name,
                        job=line.ticket_id.number,
                        planned=line.product_uom_qty,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if any(field in vals for field in RESERVATION_FIELDS):
            locked = self.filtered(lambda line: line.move_id and line.state != "cancelled")
            if locked:
                raise UserError(
                    self.env._(
                        "Part %s is already reserved: add a new line instead of changing it.",
                        locked[0].product_id.display_name,
                    )
                )
        if "quantity_used" in vals or "over_reason" in vals:
            consumed = self.filtered(lambda line: line.state == "consumed")
            if consumed:
                raise UserError(
                    self.env._(
                        "Part %s has been consumed: its quantity can no longer change.",
                        consumed[0].product_id.display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_consumed(self):
        if any(line.state == "consumed" for line in self):
            raise UserError(self.env._("A consumed part stays on the job's service record."))

    def unlink(self):
        self.sudo().move_id.filtered(lambda m: m.state not in ("done", "cancel"))._action_cancel()
        return super().unlink()

    # ------------------------------------------------------------------
    # Stock
    # ------------------------------------------------------------------
    def _prepare_move_vals(self, picking):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "product_uom": self.product_id.uom_id.id,
            "product_uom_qty": self.product_uom_qty,
            "location_id": self.location_id.id,
            "location_dest_id": picking.location_dest_id.id,
            "picking_id": picking.id,
            "picking_type_id": picking.picking_type_id.id,
            "company_id": self.company_id.id,
            "partner_id": self.ticket_id.partner_id.id,
            "origin": self.ticket_id.number,
        }

    def _prepare_consumed_vals(self):
        self.ensure_one()
        unit_cost = self.product_id.with_company(self.company_id).standard_price
        return {"unit_cost": unit_cost, "cost": unit_cost * self.quantity_used}
