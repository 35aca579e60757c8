from odoo import api, fields, models
from odoo.fields import Domain

# A line's id packs its unit and trade: (unit_id << ID_SHIFT) + trade_id.
ID_SHIFT = 20

WARRANTY_STATES = [
    ("pending", "Not Handed Over"),
    ("valid", "In Warranty"),
    ("expired", "Expired"),
]


class PmUnitWarranty(models.Model):
    """Warranty of each unit for each trade that has a warranty period.

    A read-only SQL query, so the end dates always follow the handover date
    and the configured periods; whether a line is still valid is decided
    against today's date in Python (searchable through the stored end date).
    """

    _name = "pm.unit.warranty"
    _description = "Unit Warranty"
    _auto = False
    _order = "unit_id, trade_id"
    _rec_name = "trade_id"
    _depends = {
        "pm.unit": ["building_id", "company_id", "estate_id", "handover_date"],
        "pm.warranty.period": [
            "trade_id",
            "company_id",
            "duration",
            "duration_uom",
            "season_end_month",
            "season_end_day",
        ],
        "pm.trade": ["active"],
    }

    unit_id = fields.Many2one("pm.unit", readonly=True)
    trade_id = fields.Many2one("pm.trade", readonly=True)
    period_id = fields.Many2one("pm.warranty.period", string="Warranty Period", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    estate_id = fields.Many2one("pm.estate", readonly=True)
    building_id = fields.Many2one("pm.building", readonly=True)
    handover_date = fields.Date(readonly=True)
    warranty_end = fields.Date(string="Warranty Until", readonly=True, help="Last day covered.")
    state = fields.Selection(
        WARRANTY_STATES,
        string="Status",
        compute="_compute_state",
        search="_search_state",
    )
    in_warranty = fields.Boolean(compute="_compute_state", search="_search_in_warranty")

    @property
    def _table_query(self):
        return f"{self._select()} {self._from()} {self._where()} {self._order_by()}"

    def _select(self):
        return f"""
            SELECT DISTINCT ON (u.id, p.trade_id)
                (u.id::bigint << {ID_SHIFT}) + p.trade_id AS id,
                u.id AS unit_id,
                p.trade_id AS trade_id,
                p.id AS period_id,
                u.company_id AS company_id,
                u.estate_id AS estate_id,
                u.building_id AS building_id,
                u.handover_date AS handover_date,
                {self._select_warranty_end()} AS warranty_end
        """

    def _select_warranty_end(self):
        # Inclusive last day. Seasons end on the Nth season end strictly after
        # handover; Postgres clamps 29 Feb + 1 year to 28 Feb.
        season_end = (
            "make_date(EXTRACT(YEAR FROM u.handover_date)::int,"
            " p.season_end_month, p.season_end_day)"
        )
        return f"""
            CASE p.duration_uom
                WHEN 'day' THEN u.handover_date + p.duration - 1
                WHEN 'month' THEN
                    (u.handover_date + make_interval(months => p.duration))::date - 1
                WHEN 'year' THEN
                    (u.handover_date + make_interval(years => p.duration))::date - 1
                WHEN 'season' THEN
                    ({season_end} + make_interval(years => p.duration - 1
                        + ({season_end} <= u.handover_date)::int))::date
            END
        """

    def _from(self):
        return """
            FROM pm_unit u
            JOIN pm_warranty_period p
                ON p.company_id = u.company_id OR p.company_id IS NULL
            JOIN pm_trade t ON t.id = p.trade_id AND t.active
        """

    def _where(self):
        return ""

    def _order_by(self):
        # The company's own period wins over the shared one.
        return "ORDER BY u.id, p.trade_id, p.company_id NULLS LAST"

    @api.model
    def _get_lines(self, units, trades):
        """Warranty lines of ``units`` for ``trades``, read afresh in one query
        (lines read earlier in the transaction may predate a new handover date
        or period)."""
        self.browse(
            [(unit_id << ID_SHIFT) + trade_id for unit_id in units.ids for trade_id in trades.ids]
        ).invalidate_recordset()
        return self.search_fetch(
            [("unit_id", "in", units.ids), ("trade_id", "in", trades.ids)],
            ["unit_id", "trade_id", "handover_date", "warranty_end"],
        )

    @api.depends("handover_date", "warranty_end")
    @api.depends_context("date")
    def _compute_state(self):
        today = self._get_reference_date()
        for line in self:
            line.state = line._get_state(today)
            line.in_warranty = line.state == "valid"

    def _get_reference_date(self):
        return self.env.context.get("date") or fields.Date.context_today(self)

    def _get_state(self, date):
        if not self.handover_date or date < self.handover_date:
            return "pending"
        if date <= self.warranty_end:
            return "valid"
        return "expired"

    def _is_valid_on(self, date=None):
        self.ensure_one()
        return self._get_state(date or self._get_reference_date()) == "valid"

    def _get_state_domain(self, state):
        today = self._get_reference_date()
        if state == "valid":
            return Domain("handover_date", "<=", today) & Domain("warranty_end", ">=", today)
        if state == "expired":
            return Domain("warranty_end", "<", today)
        return Domain("handover_date", "=", False) | Domain("handover_date", ">", today)

    def _search_state(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain.OR(self._get_state_domain(state) for state in value)
        return domain if operator == "in" else ~domain

    def _search_in_warranty(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = self._get_state_domain("valid")
        positive = (True in value) == (operator == "in")
        return domain if positive else ~domain
