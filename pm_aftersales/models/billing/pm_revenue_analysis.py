from odoo import fields, models
from odoo.tools import SQL


class PmRevenueAnalysis(models.Model):
    """What the paid repairs and value-added services bring in: the lines of
    the posted customer invoices of service jobs, by service, category,
    estate and month, with what is still unpaid (the line's share of its
    invoice's amount due)."""

    _name = "pm.revenue.analysis"
    _inherit = ["pm.analysis.mixin"]
    _description = "Service Revenue Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "ticket_id"
    _depends = {
        "account.move": [
            "invoice_date",
            "state",
            "move_type",
            "pm_ticket_id",
            "amount_total_signed",
            "amount_residual_signed",
            "payment_state",
        ],
        "account.move.line": ["move_id", "product_id", "balance", "display_type"],
        "helpdesk.ticket": [
            "estate_id",
            "building_id",
            "category_id",
            "ticket_type_id",
            "trade_id",
            "charge_reason",
        ],
        "product.template": ["categ_id", "pm_is_value_added", "type"],
    }

    ticket_id = fields.Many2one("helpdesk.ticket", string="Job", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    date = fields.Date(string="Invoice Date", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    estate_id = fields.Many2one("pm.estate", string="Estate", readonly=True)
    building_id = fields.Many2one("pm.building", string="Building", readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", string="Category", readonly=True)
    ticket_type_id = fields.Many2one("pm.ticket.type", string="Job Type", readonly=True)
    trade_id = fields.Many2one("pm.trade", string="Trade", readonly=True)
    product_id = fields.Many2one("product.product", string="Service or Part", readonly=True)
    product_categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    line_kind = fields.Selection(
        [("labour", "Labour"), ("part", "Parts"), ("service", "Value-Added Service")],
        string="Revenue From",
        readonly=True,
    )
    charge_reason = fields.Selection(
        related="ticket_id.charge_reason", string="Charging Reason", readonly=True
    )
    payment_state = fields.Selection(
        [
            ("not_paid", "Not Paid"),
            ("in_payment", "In Payment"),
            ("paid", "Paid"),
            ("partial", "Partially Paid"),
            ("reversed", "Reversed"),
            ("blocked", "Blocked"),
            ("invoicing_legacy", "Invoicing App Legacy"),
        ],
        string="Payment Status",
        readonly=True,
    )
    amount = fields.Monetary(
        string="Revenue (untaxed)", readonly=True, currency_field="currency_id"
    )
    amount_due = fields.Monetary(
        string="Unpaid (untaxed)", readonly=True, currency_field="currency_id"
    )

    def _select(self):
        return SQL(
            """
            aml.id AS id, m.pm_ticket_id AS ticket_id, m.id AS move_id,
            m.invoice_date AS date, m.company_id, c.currency_id,
            t.estate_id, t.building_id, t.category_id, t.ticket_type_id, t.trade_id,
            aml.product_id, pt.categ_id AS product_categ_id,
            CASE WHEN pt.pm_is_value_added THEN 'service'
                 WHEN pt.type = 'service' THEN 'labour'
                 ELSE 'part' END AS line_kind,
            m.payment_state,
            -aml.balance AS amount,
            -aml.balance * COALESCE(
                m.amount_residual_signed / NULLIF(m.amount_total_signed, 0), 0
            ) AS amount_due
            """
        )

    def _from(self):
        return SQL(
            """
            account_move_line aml
            JOIN account_move m ON m.id = aml.move_id
            JOIN helpdesk_ticket t ON t.id = m.pm_ticket_id
            JOIN res_company c ON c.id = m.company_id
            LEFT JOIN product_product pp ON pp.id = aml.product_id
            LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
            """
        )

    def _where(self):
        return SQL(
            "m.state = 'posted' AND m.move_type = 'out_invoice' AND aml.display_type = 'product'"
        )
