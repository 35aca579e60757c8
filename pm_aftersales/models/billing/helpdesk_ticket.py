import math

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CHARGE_MODES = [("free", "Free of Charge"), ("chargeable", "Chargeable")]
CHARGE_REASONS = [
    ("warranty", "In Warranty"),
    ("public_area", "Public Area"),
    ("not_handed_over", "Not Handed Over Yet"),
    ("out_of_warranty", "Out of Warranty"),
    ("value_added", "Value-Added Service"),
    ("not_repair", "Not a Repair"),
    ("override", "Decided by Customer Service"),
]
BILLING_STATES = [
    ("free", "Free of Charge"),
    ("to_quote", "To Quote"),
    ("quoted", "Quote Awaiting the Owner"),
    ("approved", "Quote Accepted"),
    ("declined", "Quote Declined"),
    ("to_pay", "To Pay"),
    ("paid", "Paid"),
]
SERVICE_SLOTS = [
    ("morning", "Morning (08:00–12:00)"),
    ("afternoon", "Afternoon (13:00–17:00)"),
    ("evening", "Evening (18:00–20:00)"),
]
# The states in which a job may still be quoted.
QUOTE_STATES = ("new", "dispatched", "accepted", "on_site")
PAID_STATES = ("paid", "in_payment", "reversed")


class HelpdeskTicket(models.Model):
    """Chargeable or free, the quote, the invoice of what was used and its
    payment. A job is free in warranty, in a public area and for what is not
    a repair; chargeable outside the warranty and for every value-added
    service; customer service may decide otherwise, with a reason."""

    _inherit = "helpdesk.ticket"

    charge_mode = fields.Selection(
        CHARGE_MODES,
        string="Charging",
        compute="_compute_charge",
        store=True,
        tracking=True,
        index=True,
    )
    charge_reason = fields.Selection(
        CHARGE_REASONS, string="Charging Reason", compute="_compute_charge", store=True
    )
    charge_override = fields.Selection(
        CHARGE_MODES,
        string="Charging Decided",
        tracking=True,
        copy=False,
        groups="pm_aftersales.group_pm_cs_assistant",
        help="Decide by hand whether the job is charged (a goodwill repair, a damage "
        "caused by the owner in warranty…): the reason is required and tracked.",
    )
    charge_override_reason = fields.Char(
        string="Reason for the Decision",
        tracking=True,
        copy=False,
        groups="pm_aftersales.group_pm_cs_assistant",
    )
    service_product_id = fields.Many2one(
        "product.product",
        string="Value-Added Service",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        domain="[('pm_is_value_added', '=', True), ('sale_ok', '=', True)]",
    )
    service_date = fields.Date(string="Wished Date", tracking=True)
    service_slot = fields.Selection(SERVICE_SLOTS, string="Wished Time", tracking=True)
    sale_order_ids = fields.One2many(
        "sale.order", "pm_ticket_id", string="Quotes", groups="sales_team.group_sale_salesman"
    )
    invoice_ids = fields.One2many(
        "account.move",
        "pm_ticket_id",
        string="Invoices",
        groups="account.group_account_invoice",
    )
    quote_id = fields.Many2one(
        "sale.order",
        string="Quote",
        compute="_compute_quote_id",
        groups="sales_team.group_sale_salesman",
    )
    billing_state = fields.Selection(
        BILLING_STATES,
        string="Payment",
        compute="_compute_billing_state",
        compute_sudo=True,
        store=True,
        index=True,
        tracking=True,
    )
    amount_quoted = fields.Monetary(
        string="Quoted",
        compute="_compute_amount_quoted",
        compute_sudo=True,
        currency_field="currency_id",
        groups="sales_team.group_sale_salesman",
    )
    amount_billed = fields.Monetary(
        string="Invoiced",
        compute="_compute_amounts",
        compute_sudo=True,
        store=True,
        currency_field="currency_id",
        groups="sales_team.group_sale_salesman",
    )
    amount_due = fields.Monetary(
        string="Amount Due",
        compute="_compute_amounts",
        compute_sudo=True,
        store=True,
        currency_field="currency_id",
        groups="sales_team.group_sale_salesman",
    )
    quote_url = fields.Char(
        string="Quote Link",
        compute="_compute_portal_urls",
        compute_sudo=True,
        groups="sales_team.group_sale_salesman",
        help="The owner's link to the quote on the portal (in the owner's mails).",
    )
    invoice_url = fields.Char(
        string="Invoice Link",
        compute="_compute_portal_urls",
        compute_sudo=True,
        groups="sales_team.group_sale_salesman",
        help="The owner's link to the invoice to pay on the portal (in the owner's mails).",
    )
    quote_outdated = fields.Boolean(
        string="Beyond the Quote",
        compute="_compute_quote_outdated",
        compute_sudo=True,
        help="Parts or hours beyond the accepted quote: the owner must accept a revised quote.",
    )

    _charge_override_reason = models.Constraint(
        "CHECK(charge_override IS NULL OR COALESCE(TRIM(charge_override_reason), '') != '')",
        "Say why customer service decides the charging of a job: the reason is required.",
    )

    # ------------------------------------------------------------------
    # Chargeable or free
    # ------------------------------------------------------------------
    @api.depends(
        "charge_override",
        "ticket_type_id.code",
        "ticket_type_id.is_repair",
        "service_product_id",
        "unit_id.handover_date",
        "in_warranty",
    )
    def _compute_charge(self):
        for ticket in self:
            ticket.charge_mode, ticket.charge_reason = ticket._pm_get_charge()

    def _pm_label(self, field_name):
        """The translated label of a selection field's value."""
        self.ensure_one()
        field = self._fields[field_name]
        return dict(field._description_selection(self.env)).get(self.sudo()[field_name], "")

    def _pm_get_charge(self):
        """(charging, reason) of the job: an extension point."""
        self.ensure_one()
        if self.sudo().charge_override:
            return self.sudo().charge_override, "override"
        if self.service_product_id or self.ticket_type_id.code == "value_added":
            return "chargeable", "value_added"
        if not self.ticket_type_id.is_repair:
            return "free", "not_repair"
        if not self.unit_id:
            return "free", "public_area"
        if not self.unit_id.handover_date:
            return "free", "not_handed_over"  # the developer's: a rectification
        if self.in_warranty:
            return "free", "warranty"
        return "chargeable", "out_of_warranty"

    @api.constrains("charge_override", "charge_override_reason")
    def _check_charge_override(self):
        for ticket in self.sudo():
            if ticket.charge_override and not (ticket.charge_override_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say why job %s is decided “%s”: the reason is required.",
                        ticket.number,
                        ticket._pm_label("charge_override"),
                    )
                )

    # ------------------------------------------------------------------
    # Quote, invoice, payment
    # ------------------------------------------------------------------
    def _pm_active_quote(self):
        """The job's current quote (the newest one not cancelled)."""
        self.ensure_one()
        orders = self.sudo().sale_order_ids.filtered(lambda o: o.state != "cancel")
        return orders.sorted("id")[-1:]

    def _pm_posted_invoices(self):
        self.ensure_one()
        return self.sudo().invoice_ids.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_invoice"
        )

    @api.depends("sale_order_ids.state")
    def _compute_quote_id(self):
        for ticket in self:
            ticket.quote_id = ticket._pm_active_quote()

    @api.depends(
        "charge_mode",
        "service_state",
        "sale_order_ids.state",
        "sale_order_ids.pm_declined",
        "invoice_ids.state",
        "invoice_ids.payment_state",
        "invoice_ids.matched_payment_ids",
        "invoice_ids.matched_payment_ids.state",
    )
    def _compute_billing_state(self):
        for ticket in self:
            ticket.billing_state = ticket._pm_get_billing_state()

    def _pm_get_billing_state(self):
        self.ensure_one()
        invoices = self._pm_posted_invoices()
        orders = self.sale_order_ids
        if orders.filtered(lambda o: o.state in ("draft", "sent")):
            return "quoted"
        if invoices:
            if not self._pm_invoices_due():
                return "paid"
            return "to_pay"
        if orders.filtered(lambda o: o.state == "sale"):
            return "approved"
        if self.charge_mode != "chargeable":
            return "free"
        if orders.filtered("pm_declined"):
            return "declined"
        if self.service_state not in QUOTE_STATES:
            return False  # finished (or cancelled) before any quote
        return "to_quote"

    @api.depends("sale_order_ids.amount_total", "sale_order_ids.state")
    def _compute_amount_quoted(self):
        for ticket in self:
            ticket.amount_quoted = ticket._pm_active_quote().amount_total

    @api.depends(
        "invoice_ids.amount_total_signed",
        "invoice_ids.amount_residual_signed",
        "invoice_ids.state",
        "invoice_ids.matched_payment_ids",
        "invoice_ids.matched_payment_ids.state",
    )
    def _compute_amounts(self):
        for ticket in self:
            invoices = ticket._pm_posted_invoices()
            ticket.amount_billed = sum(invoices.mapped("amount_total_signed"))
            ticket.amount_due = sum(self._pm_invoice_due(move) for move in invoices)

    @api.depends(
        "sale_order_ids.state",
        "sale_order_ids.order_line.product_uom_qty",
        "part_ids.product_uom_qty",
        "part_ids.quantity_used",
        "part_ids.state",
        "checkin_date",
        "done_date",
    )
    def _compute_quote_outdated(self):
        for ticket in self:
            confirmed = ticket.sudo().sale_order_ids.filtered(lambda o: o.state == "sale")
            ticket.quote_outdated = bool(confirmed and ticket._pm_get_beyond_quote(confirmed))

    def _pm_get_quoted_quantities(self, orders=None):
        """{product: quantity} accepted by the owner on ``orders`` (default:
        the job's confirmed quotes)."""
        self.ensure_one()
        if orders is None:
            orders = self.sudo().sale_order_ids.filtered(lambda o: o.state == "sale")
        quoted = {}
        for line in orders.order_line.filtered(lambda line: not line.display_type):
            quoted[line.product_id] = quoted.get(line.product_id, 0.0) + line.product_uom_qty
        return quoted

    def _pm_get_needed_quantities(self):
        """{product: quantity} the job needs: its parts, its labour (the
        hours worked so far for labour by the hour)."""
        self.ensure_one()
        needed = dict(self._pm_get_part_quantities())
        labour = self._pm_get_labour_product()
        if labour:
            invoiced = sum(
                self.sudo()
                .sale_order_ids.order_line.filtered(lambda line: line.product_id == labour)
                .mapped("qty_invoiced")
            )
            if invoiced:
                # a rework after the owner rejected the work: on the centre
                needed[labour] = invoiced
            elif self._pm_is_per_hour(labour):
                needed[labour] = max(self._pm_get_hours_worked(), labour.pm_service_duration or 1.0)
            else:
                needed[labour] = 1.0
        return needed

    def _pm_get_beyond_quote(self, orders=None):
        """{product: quantity beyond the accepted quotes} of the parts and
        hours the job needs or has used."""
        self.ensure_one()
        quoted = self._pm_get_quoted_quantities(orders)
        needed = self._pm_get_needed_quantities()
        labour = self._pm_get_labour_product()
        if labour in needed and labour not in quoted:
            # a quote without labour (an inspection at the call-out fee)
            del needed[labour]
        return {
            product: qty - quoted.get(product, 0.0)
            for product, qty in needed.items()
            if qty - quoted.get(product, 0.0) > 1e-6
        }

    # -- what is quoted ------------------------------------------------
    def _pm_get_labour_product(self):
        """The labour of the job: the booked service, else the category's,
        the trade's, the company's labour price."""
        self.ensure_one()
        return (
            self.service_product_id
            or self.category_id.sudo().pm_labour_product_id
            or self.trade_id.sudo().labour_product_id
            or self.company_id.sudo().pm_labour_product_id
        )

    def _pm_is_per_hour(self, product):
        hour = self.env.ref("uom.product_uom_hour", raise_if_not_found=False)
        return bool(hour) and product.uom_id == hour

    def _pm_get_hours_worked(self):
        """Hours on site (check-in to completion, or to now), by half hours
        begun."""
        self.ensure_one()
        if not self.checkin_date:
            return 0.0
        end = self.done_date or fields.Datetime.now()
        hours = max((end - self.checkin_date).total_seconds() / 3600.0, 0.0)
        return max(math.ceil(hours * 2 - 1e-9) / 2.0, 0.5)

    def _pm_get_part_quantities(self, used=False):
        """{product: quantity} of the job's parts: what it needs (the more of
        planned and used), or what was used."""
        self.ensure_one()
        quantities = {}
        for part in self.sudo().part_ids.filtered(lambda p: p.state != "cancelled"):
            qty = part.quantity_used if used else max(part.product_uom_qty, part.quantity_used)
            if qty:
                quantities[part.product_id] = quantities.get(part.product_id, 0.0) + qty
        return quantities

    def _pm_prepare_quote_line_vals(self, kept=None):
        """The lines of a quote: what the job needs, less what the quotes
        ``kept`` (already invoiced: a rework after the owner rejected the
        work) hold."""
        self.ensure_one()
        needed = self._pm_get_needed_quantities()
        quoted = self._pm_get_quoted_quantities(kept) if kept else {}
        labour = self._pm_get_labour_product()
        lines = []
        for product in sorted(needed, key=lambda p: (p != labour, p.id)):
            qty = needed[product] - quoted.get(product, 0.0)
            if qty > 1e-6:
                lines.append({"product_id": product.id, "product_uom_qty": qty})
        return lines

    def _pm_prepare_quote_vals(self, kept=None):
        self.ensure_one()
        lines = self._pm_prepare_quote_line_vals(kept)
        if not lines:
            raise UserError(
                self.env._(
                    "Job %(job)s has nothing to quote: give its category “%(category)s” (or its "
                    "trade, or the company) a labour price in the settings.",
                    job=self.number,
                    category=self.category_id.display_name or "",
                )
            )
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "pm_ticket_id": self.id,
            "origin": self.number,
            "client_order_ref": self.number,
            "require_signature": True,
            "require_payment": False,
            "order_line": [Command.create(vals) for vals in lines],
        }

    def _pm_check_may_quote(self):
        """The assistants quote; the job's technician may ask for a revised
        quote from the job (the prices are the catalogue's, not his)."""
        user = self.env.user
        for ticket in self:
            if user.has_group("pm_aftersales.group_pm_cs_assistant"):
                continue
            ticket._check_assigned_to_me(self.env._("quote it"))

    def action_pm_quote(self):
        """Quote the job (or revise its accepted quote) and send it to the
        owner: the clocks wait while the owner decides."""
        self.ensure_one()
        self._pm_check_may_quote()
        self._pm_create_quote()
        return True

    def _pm_create_quote(self):
        """Create the quote from the job's labour and parts, send it to the
        owner and stop the clocks until the owner decides (as superuser: the
        prices are the catalogue's)."""
        self.ensure_one()
        self._check_state(QUOTE_STATES, self.env._("quoted"))
        ticket = self.sudo().with_company(self.company_id)
        if ticket.charge_mode != "chargeable":
            raise UserError(
                self.env._(
                    "Job %(job)s is free of charge (%(reason)s): it is not quoted.",
                    job=self.number,
                    reason=ticket._pm_label("charge_reason"),
                )
            )
        if not ticket.partner_id:
            raise UserError(
                self.env._("Job %s has no owner: say who it is before quoting.", self.number)
            )
        previous = ticket._pm_active_quote()
        if previous.state in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "Quote %(quote)s of job %(job)s still awaits the owner: revise it there or "
                    "wait for the owner's answer.",
                    quote=previous.name,
                    job=self.number,
                )
            )
        if previous and not ticket.quote_outdated:
            raise UserError(
                self.env._(
                    "The owner has accepted quote %(quote)s of job %(job)s and nothing goes "
                    "beyond it: there is nothing to revise.",
                    quote=previous.name,
                    job=self.number,
                )
            )
        confirmed = ticket.sale_order_ids.filtered(lambda o: o.state == "sale")
        kept = confirmed.filtered(lambda o: o.invoice_ids.filtered(lambda m: m.state == "posted"))
        vals = ticket._pm_prepare_quote_vals(kept)
        if previous:
            vals["pm_revision_of_id"] = previous.id
        order = self.env["sale.order"].sudo().with_company(self.company_id).create(vals)
        order.action_quotation_sent()
        (confirmed - kept)._action_cancel()
        ticket._pm_pause_for_quote(order)
        ticket._notify_owner("pm_aftersales.mail_template_ticket_quote")
        return order

    def _pm_pause_for_quote(self, order):
        for ticket in self:
            if ticket.is_paused:
                continue
            # its chatter note in the company's language, as the system's
            self.env["pm.ticket.pause"].sudo().with_context(
                lang=ticket.company_id._pm_lang()
            ).create(
                {
                    "ticket_id": ticket.id,
                    "reason": "quote",
                    "note": order.name,
                    "sale_order_id": order.id,
                }
            )

    def _pm_resume_after_quote(self):
        for ticket in self.sudo():
            ticket.with_context(lang=ticket.company_id._pm_lang()).pause_ids.filtered(
                lambda p: p.reason == "quote" and not p.date_end
            ).action_resume()

    def _pm_on_quote_accepted(self, order):
        self.ensure_one()
        self._pm_resume_after_quote()
        self.message_post(
            body=self.with_context(lang=self.company_id._pm_lang()).env._(
                "Quote %(quote)s accepted (%(amount)s): the work can go on.",
                quote=order.name,
                amount=order.amount_total,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _pm_on_quote_declined(self, order, reason):
        """The company's rule: cancel the job, or go on as an inspection at
        the call-out fee."""
        self.ensure_one()
        self._pm_resume_after_quote()
        env = self.with_context(lang=self.company_id._pm_lang()).env
        callout = self.company_id.pm_callout_product_id
        body = env._(
            "The owner declined quote %(quote)s: %(reason)s", quote=order.name, reason=reason or ""
        )
        if self.company_id.pm_quote_decline_policy == "inspection" and callout:
            inspection = (
                self.env["sale.order"]
                .sudo()
                .with_company(self.company_id)
                .create(
                    dict(
                        self._pm_prepare_quote_vals(),
                        require_signature=False,
                        order_line=[Command.create({"product_id": callout.id})],
                        pm_revision_of_id=order.id,
                    )
                )
            )
            inspection.action_confirm()
            self.message_post(
                body=body
                + " "
                + env._(
                    "The job goes on as an inspection at the call-out fee (%s).", inspection.name
                ),
                subtype_xmlid="mail.mt_note",
            )
            return
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        if self.service_state in QUOTE_STATES:
            self.sudo().action_cancel_job()

    def _pm_get_used_quantities(self):
        """{product: quantity} used on site: the parts used, the hours worked
        (labour by the hour) or one visit."""
        self.ensure_one()
        used = self._pm_get_part_quantities(used=True)
        labour = self._pm_get_labour_product()
        if labour:
            needed = self._pm_get_needed_quantities()
            used[labour] = (
                min(self._pm_get_hours_worked(), needed[labour])
                if self._pm_is_per_hour(labour)
                else 1.0
            )
        return used

    def _pm_set_delivered(self, order):
        """What was used on site and not invoiced yet (by another quote of
        the job), on the quote's lines."""
        self.ensure_one()
        used = self._pm_get_used_quantities()
        others = self.sudo().sale_order_ids - order
        for line in others.order_line:
            if line.product_id in used:
                used[line.product_id] -= line.qty_invoiced
        for line in order.order_line.filtered(lambda line: not line.display_type):
            product = line.product_id
            if product in used:
                qty = max(min(used.pop(product), line.product_uom_qty), 0.0)
            elif product.type == "service":
                qty = line.product_uom_qty  # the call-out fee
            else:
                qty = 0.0  # a part quoted and not used
            line.qty_delivered = qty

    def _pm_invoice_work(self):
        """Invoice what was used (the accepted quotes), post the invoice and
        tell the owner how to pay."""
        for ticket in self.sudo():
            invoiced = False
            for order in ticket.sale_order_ids.filtered(lambda o: o.state == "sale"):
                order = order.with_company(order.company_id)
                ticket._pm_set_delivered(order)
                if not any(line.qty_to_invoice > 0 for line in order.order_line):
                    continue
                order._create_invoices(final=True).action_post()
                invoiced = True
            if invoiced:
                ticket._notify_owner("pm_aftersales.mail_template_ticket_invoice")

    @api.depends("sale_order_ids.state", "invoice_ids.state", "invoice_ids.payment_state")
    def _compute_portal_urls(self):
        for ticket in self:
            order = ticket._pm_active_quote()
            ticket.quote_url = order and order.get_base_url() + order.get_portal_url()
            invoice = ticket._pm_invoice_to_pay() or ticket._pm_posted_invoices()[:1]
            ticket.invoice_url = invoice and invoice.get_base_url() + invoice.get_portal_url(
                anchor="portal_pay", query_string="&payment=True"
            )

    @api.model
    def _pm_invoice_due(self, invoice):
        """What the owner still owes on ``invoice``: its amount due less the
        payments received and not yet reconciled with the bank (an online
        payment, a payment at the counter are "in process" until then)."""
        if invoice.payment_state in PAID_STATES:
            return 0.0
        received = sum(
            payment.amount
            for payment in invoice.matched_payment_ids
            if payment.state == "in_process"
        )
        due = invoice.amount_residual_signed - received
        return due if invoice.currency_id.compare_amounts(due, 0.0) > 0 else 0.0

    def _pm_invoices_due(self):
        """The job's posted invoices the owner still owes something on."""
        self.ensure_one()
        return self._pm_posted_invoices().filtered(lambda m: self._pm_invoice_due(m))

    def _pm_invoice_to_pay(self):
        return self._pm_invoices_due()[:1]

    def action_pm_view_quote(self):
        self.ensure_one()
        order = self._pm_active_quote()
        if not order:
            raise UserError(self.env._("Job %s has no quote yet.", self.number))
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_pm_view_invoice(self):
        self.ensure_one()
        invoice = self._pm_posted_invoices()[-1:]
        if not invoice:
            raise UserError(self.env._("Job %s has no invoice yet.", self.number))
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": invoice.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_pm_register_payment(self):
        """The owner pays at the counter: Odoo's payment wizard on the
        job's unpaid invoices."""
        self.ensure_one()
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(
                self.env._("Payments are registered by customer service or the accountants.")
            )
        # read as the user (the invoices' access rules), owed as computed
        invoices = self.invoice_ids & self._pm_invoices_due()
        if not invoices:
            raise UserError(self.env._("Job %s has nothing left to pay.", self.number))
        return invoices.action_register_payment()

    # ------------------------------------------------------------------
    # The workflow's hooks
    # ------------------------------------------------------------------
    def _pm_check_quote_accepted(self, action):
        for ticket in self.sudo():
            if ticket.charge_mode == "chargeable" and ticket.billing_state in (
                "to_quote",
                "quoted",
                "declined",
            ):
                raise UserError(
                    self.env._(
                        "Job %(job)s is chargeable (%(state)s): the owner accepts the quote "
                        "before it is %(action)s.",
                        job=ticket.number,
                        state=ticket._pm_label("billing_state"),
                        action=action,
                    )
                )

    def action_check_in(self):
        # who may check in, then whether the owner accepted the quote
        self._check_assigned_to_me(self.env._("check in"))
        self._pm_check_quote_accepted(self.env._("checked in"))
        return super().action_check_in()

    def _check_completion(self):
        res = super()._check_completion()
        self._pm_check_quote_accepted(self.env._("completed"))
        for ticket in self.sudo():
            if ticket.quote_outdated:
                raise UserError(
                    self.env._(
                        "Job %s used parts or hours beyond the accepted quote: revise the quote "
                        "and have the owner accept it before completing.",
                        ticket.number,
                    )
                )
        return res

    def action_complete(self):
        res = super().action_complete()
        self.filtered(lambda t: t.charge_mode == "chargeable")._pm_invoice_work()
        return res

    def action_cancel_job(self):
        res = super().action_cancel_job()
        quotes = self.sudo().sale_order_ids.filtered(lambda o: o.state in ("draft", "sent"))
        quotes._action_cancel()
        self._pm_resume_after_quote()
        return res
