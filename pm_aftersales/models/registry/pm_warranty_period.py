import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError


class PmWarrantyPeriod(models.Model):
    """How long the work of a trade stays under warranty after handover.

    Defaults follow the PRC Regulation on the Quality Management of
    Construction Projects, art. 40. A period in "seasons" counts heating or
    cooling seasons: it ends on the Nth season end strictly after handover.
    A company-specific period overrides the one shared by all companies.
    """

    _name = "pm.warranty.period"
    _inherit = ["pm.cache.clear.mixin"]
    _description = "Warranty Period"
    _order = "trade_id, company_id, id"
    _rec_name = "trade_id"

    trade_id = fields.Many2one("pm.trade", required=True, ondelete="cascade")
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to apply to every company.",
    )
    duration = fields.Integer(required=True, default=2)
    duration_uom = fields.Selection(
        selection=[
            ("day", "Days"),
            ("month", "Months"),
            ("year", "Years"),
            ("season", "Heating/Cooling Seasons"),
        ],
        string="Time Unit",
        required=True,
        default="year",
    )
    season_end_month = fields.Integer(
        default=3, help="Month in which a season ends (for periods in seasons)."
    )
    season_end_day = fields.Integer(default=15, help="Day of the month on which a season ends.")
    legal_basis = fields.Char(translate=True)

    _duration_positive = models.Constraint(
        "CHECK(duration > 0)",
        "A warranty period must be longer than zero.",
    )
    _trade_company_uniq = models.UniqueIndex(
        "(trade_id, COALESCE(company_id, 0))",
        "This trade already has a warranty period for this company.",
    )

    @api.constrains("duration_uom", "season_end_month", "season_end_day")
    def _check_season_end(self):
        for period in self.filtered(lambda p: p.duration_uom == "season"):
            month, day = period.season_end_month, period.season_end_day
            # A non-leap year, so that the date exists every year.
            if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2001, month)[1]:
                raise ValidationError(
                    _(
                        "Warranty period of %(trade)s: the season end "
                        "%(month)s/%(day)s is not a valid date.",
                        trade=period.trade_id.name,
                        month=month,
                        day=day,
                    )
                )

    @api.model
    @tools.ormcache()
    def _get_periods_data(self):
        """{(trade id, company id or 0): (duration, unit, season month, day)} of
        the active trades, kept until a period or a trade changes: the hot path
        (a job's in-warranty flag) needs no query."""
        periods = self.sudo().search([("trade_id.active", "=", True)])
        return {
            (p.trade_id.id, p.company_id.id or 0): (
                p.duration,
                p.duration_uom,
                p.season_end_month,
                p.season_end_day,
            )
            for p in periods
        }

    @api.model
    def _get_warranty_end(self, handover, trade_id, company_id):
        """Last day of warranty of ``trade_id`` for a unit of ``company_id``
        handed over on ``handover`` (None without a period). Same rules as
        the SQL of pm.unit.warranty, which a test keeps in step."""
        data = self._get_periods_data()
        period = data.get((trade_id, company_id)) or data.get((trade_id, 0))
        if not period or not handover:
            return None
        duration, uom, month, day = period
        if uom == "day":
            return handover + timedelta(days=duration - 1)
        if uom in ("month", "year"):
            delta = relativedelta(**{f"{uom}s": duration})
            return handover + delta - timedelta(days=1)
        season_end = date(handover.year, month, day)
        return season_end + relativedelta(years=duration - 1 + (season_end <= handover))
