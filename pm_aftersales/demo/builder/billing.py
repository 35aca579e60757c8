from odoo import api, models


class PmDemoBuilder(models.AbstractModel):
    """Paid repairs in the demo: the chargeable jobs are quoted and the owner
    accepts before the work (a revised quote when more was used); then some
    invoices are paid at the counter, others wait; a value-added cleaning
    booked on the portal waits on the owner's approval, another quote was
    declined."""

    _inherit = "pm.demo.builder"

    @api.model
    def _clear_generic_accounting_demo(self):
        """The demo company keeps its books in yuan: the entries of Odoo's
        generic accounting demo (in dollars, made when ``account`` was
        installed) are removed first, Odoo refusing a currency change over
        existing journal items."""
        company = self.env.ref("base.main_company")
        if company.currency_id == self.env.ref("base.CNY"):
            return True
        domain = [("company_id", "=", company.id)]
        self.env["account.bank.statement"].search(domain).unlink()
        self.env["account.bank.statement.line"].search(domain).unlink()
        self.env["account.payment"].search(domain).unlink()
        moves = self.env["account.move"].with_context(force_delete=True).search(domain)
        moves.filtered(lambda m: m.state != "draft").button_draft()
        moves.unlink()
        return True

    @api.model
    def _demo_pricelists_in_company_currency(self):
        """The pricelists Odoo made for the company while it was in dollars
        quote in yuan, as the company now does."""
        company = self.env.ref("base.main_company")
        self.env["product.pricelist"].search(
            [("company_id", "=", company.id), ("currency_id", "!=", company.currency_id.id)]
        ).currency_id = company.currency_id
        return True

    @api.model
    def _job_quote(self, story, ticket):
        """A chargeable job not yet quoted (or beyond its quote): quoted,
        signed by the owner."""
        ticket = ticket.sudo()
        if ticket.charge_mode != "chargeable" or not (
            ticket.billing_state == "to_quote" or ticket.quote_outdated
        ):
            return
        order = ticket._pm_create_quote()
        order.write(
            {
                "signed_by": ticket.partner_id.name,
                "signature": story["signature"],
            }
        )
        order.action_confirm()

    @api.model
    def _build_billing(self):
        """Half of the invoices paid at the counter; a cleaning booked and
        awaiting the owner; a declined quote."""
        Ticket = self.env["helpdesk.ticket"]
        invoices = Ticket.search([("billing_state", "=", "to_pay")], order="id").invoice_ids
        for invoice in invoices.filtered(lambda m: m.state == "posted")[::2]:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({})._create_payments()
        user = self.env.ref("pm_aftersales.user_owner", raise_if_not_found=False)
        owner = user.partner_id if user else self.env["res.partner"]
        unit = (
            owner
            and self.env["pm.unit.occupant"]
            .search([("partner_id", "=", owner.id)], limit=1)
            .unit_id
        )
        if not unit:
            return True
        team = self.env.ref("pm_aftersales.team_general", raise_if_not_found=False)
        for product, decline in (
            ("pm_aftersales.product_vas_deep_cleaning", None),
            ("pm_aftersales.product_vas_range_hood", "下周再约，这次先不做了"),
        ):
            service = self.env.ref(product).with_context(lang=owner.lang or "zh_CN")
            ticket = Ticket.create(
                {
                    "name": f"{service.name} - {unit.display_name}",
                    "description": "<p>周六上午家里有人。</p>",
                    "category_id": self.env.ref("pm_aftersales.helpdesk_category_value_added").id,
                    "ticket_type_id": self.env.ref("pm_aftersales.pm_ticket_type_value_added").id,
                    "service_product_id": service.id,
                    "unit_id": unit.id,
                    "partner_id": owner.id,
                    "team_id": team.id if team else False,
                    "channel_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
                }
            )
            order = ticket._pm_create_quote()
            if decline:
                order._pm_decline(decline)
        return True
