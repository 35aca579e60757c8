import calendar

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PmWarrantyPeriod(models.Model):
    """How long the work of a trade stays under warranty after handover.

    Defaults follow the PRC Regulation on the Quality Management of
    Construction Projects, art. 40. A period in "seasons" counts heating or
    cooling seasons: it ends on the Nth season end strictly after handover.
    A company-specific period overrides the one shared by all companies.
    """

    _name = "pm.warranty.period"
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
        string="Unit",
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
