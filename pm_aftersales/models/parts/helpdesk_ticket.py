from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    """The job's spare parts: listed, reserved in the store, taken out at
    completion, given back when the job is cancelled."""

    _inherit = "helpdesk.ticket"

    part_ids = fields.One2many("pm.ticket.part", "ticket_id", string="Parts")
    picking_ids = fields.One2many(
        "stock.picking",
        "pm_ticket_id",
        string="Parts Transfers",
        readonly=True,
        groups="stock.group_stock_user",
    )
    parts_state = fields.Selection(
        [
            ("none", "No Parts"),
            ("draft", "To Reserve"),
            ("waiting", "Waiting for Parts"),
            ("partial", "Parts Partly Available"),
            ("available", "Parts Available"),
            ("consumed", "Parts Consumed"),
        ],
        string="Parts Status",
        compute="_compute_parts_state",
        store=True,
        index=True,
        compute_sudo=True,
    )
    parts_expected_date = fields.Datetime(
        string="Parts Expected",
        compute="_compute_parts_info",
        compute_sudo=True,
        help="When the last missing part is expected in the store.",
    )
    parts_below_minimum = fields.Boolean(
        compute="_compute_parts_info",
        compute_sudo=True,
        groups="base.group_user",
        help="A part of this job brings its store below the reordering minimum.",
    )
    parts_cost = fields.Monetary(
        string="Parts Cost",
        compute="_compute_parts_cost",
        store=True,
        currency_field="currency_id",
        compute_sudo=True,
        groups="base.group_user",  # what the company pays: internal
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")

    @api.depends("part_ids.state")
    def _compute_parts_state(self):
        for ticket in self:
            states = set(ticket.part_ids.mapped("state")) - {"cancelled"}
            open_states = states - {"consumed"}
            if not states:
                ticket.parts_state = "none"
            elif not open_states:
                ticket.parts_state = "consumed"
            elif "draft" in open_states:
                ticket.parts_state = "draft"
            elif open_states == {"available"}:
                ticket.parts_state = "available"
            elif open_states == {"waiting"}:
                ticket.parts_state = "waiting"
            else:
                ticket.parts_state = "partial"

    @api.depends("part_ids.expected_date", "part_ids.below_minimum")
    def _compute_parts_info(self):
        for ticket in self:
            dates = [d for d in ticket.part_ids.mapped("expected_date") if d]
            ticket.parts_expected_date = max(dates) if dates else False
            ticket.parts_below_minimum = any(ticket.part_ids.mapped("below_minimum"))

    @api.depends("part_ids.cost")
    def _compute_parts_cost(self):
        for ticket in self:
            ticket.parts_cost = sum(ticket.part_ids.mapped("cost"))

    def _on_service_state_change(self, old_states):
        # A cancelled job gives its parts back before its time limits are
        # cancelled; a completed one takes them out once its milestones are
        # reached.
        self.filtered(lambda t: t.service_state == "cancelled")._cancel_parts()
        res = super()._on_service_state_change(old_states)
        self.filtered(lambda t: t.service_state == "done")._consume_parts()
        return res

    def _get_parts_location(self):
        """Default store of this job's parts: its estate's spare-parts
        warehouse, else the company's first warehouse."""
        self.ensure_one()
        warehouse = self.estate_id.warehouse_id or self.env["stock.warehouse"].sudo().search(
            [("company_id", "=", self.company_id.id or self.env.company.id)], limit=1
        )
        return warehouse.lot_stock_id

    def _check_parts_access(self):
        """Stock moves are made as superuser for whoever may change the job."""
        self.check_access("write")
        self.part_ids.check_access("write")

    def _prepare_parts_picking_vals(self, warehouse, location):
        self.ensure_one()
        picking_type = warehouse.pm_consumption_type_id
        if not picking_type:
            raise UserError(
                self.env._(
                    "Warehouse %s has no repair consumption operation type: ask a stock "
                    "manager to set it on the warehouse.",
                    warehouse.name,
                )
            )
        return {
            "picking_type_id": picking_type.id,
            "location_id": location.id,
            "location_dest_id": picking_type.default_location_dest_id.id
            or warehouse._pm_get_consumption_location().id,
            "partner_id": self.partner_id.id,
            "origin": self.number,
            "pm_ticket_id": self.id,
            "company_id": self.company_id.id,
            "scheduled_date": self.appointment_date or fields.Datetime.now(),
        }

    def _reserve_parts(self, lines):
        """Create and reserve the stock moves of ``lines`` (lines of these
        jobs without a move): one transfer per job and store."""
        lines = lines.filtered(lambda line: not line.move_id or line.state == "cancelled")
        if not lines:
            return self.env["stock.picking"]
        Picking = self.env["stock.picking"].sudo()
        picking_vals, groups = [], []
        for (ticket, location), group in lines.grouped(
            lambda line: (line.ticket_id, line.location_id)
        ).items():
            warehouse = location.warehouse_id
            if not warehouse:
                raise UserError(
                    self.env._(
                        "%s belongs to no warehouse: parts can only be reserved from a "
                        "warehouse location.",
                        location.display_name,
                    )
                )
            picking_vals.append(ticket._prepare_parts_picking_vals(warehouse, location))
            groups.append(group)
        pickings = Picking.create(picking_vals)
        move_vals = [
            line._prepare_move_vals(picking)
            for picking, group in zip(pickings, groups, strict=True)
            for line in group
        ]
        moves = self.env["stock.move"].sudo().create(move_vals)
        for line, move in zip([line for group in groups for line in group], moves, strict=True):
            line.sudo().move_id = move
        pickings.action_confirm()
        pickings.action_assign()
        return pickings

    def action_confirm_parts(self):
        """Reserve the parts list in the store (领料预留)."""
        self._check_parts_access()
        lines = self.part_ids.filtered(lambda line: line.state in ("draft", "cancelled"))
        if not lines:
            raise UserError(self.env._("There is no part to reserve on this job."))
        self._reserve_parts(lines)
        return True

    def action_check_parts_availability(self):
        """Try again to reserve what was missing."""
        self._check_parts_access()
        self.sudo().picking_ids.filtered(
            lambda p: p.state in ("confirmed", "waiting", "assigned")
        ).action_assign()
        return True

    def _consume_parts(self):
        """At completion: take out of the store what was used and release the
        rest of the reservation. Whoever may complete the job may do this:
        the stock operations are made as superuser."""
        lines = self.sudo().part_ids.filtered(lambda line: line.state != "consumed")
        # Parts used without being reserved first (taken on the spot).
        self._reserve_parts(
            lines.filtered(lambda line: line.state in ("draft", "cancelled") and line.quantity_used)
        )
        unused = lines.filtered(lambda line: line.state == "draft" and not line.quantity_used)
        for ticket, group in unused.grouped("ticket_id").items():
            ticket.message_post(
                body=self.env._(
                    "Listed but not used, removed from the parts: %s",
                    ", ".join(group.product_id.mapped("display_name")),
                )
            )
        unused.unlink()
        lines = (lines - unused).filtered(
            lambda line: line.move_id and line.move_id.state not in ("done", "cancel")
        )
        if not lines:
            return
        for line in lines:
            line.move_id.quantity = line.quantity_used
            line.move_id.picked = True
        # Parts used on a job are not a delivery: no "your order is
        # delivered" SMS to the owner (stock_sms).
        lines.move_id.picking_id.with_context(cancel_backorder=True, skip_sms=True)._action_done()
        for line in lines.filtered(lambda line: line.state == "consumed"):
            line.write(line._prepare_consumed_vals())

    def _cancel_parts(self):
        """The job is cancelled: give the reserved parts back to the store."""
        moves = self.sudo().part_ids.move_id.filtered(lambda m: m.state not in ("done", "cancel"))
        moves._action_cancel()

    def action_view_parts_pickings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("pm_ticket_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
