from odoo import fields, models


class PmTrade(models.Model):
    """A trade (专业/工种): water & electric, civil works, doors and windows...

    Repair categories, technicians' skills, defects and warranty periods refer
    to it.
    """

    _name = "pm.trade"
    _description = "Trade"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    warranty_period_ids = fields.One2many(
        "pm.warranty.period", "trade_id", string="Warranty Periods"
    )

    def write(self, vals):
        if "active" in vals:
            # archiving a trade removes its warranty (cached periods)
            self.env.registry.clear_cache()
        return super().write(vals)

    _code_uniq = models.Constraint("UNIQUE(code)", "A trade with this code already exists.")
