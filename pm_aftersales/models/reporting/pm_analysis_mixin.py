from odoo import api, models
from odoo.tools import SQL


class PmAnalysisMixin(models.AbstractModel):
    """Read-only SQL views of the managers' reports: the query is assembled
    from ``_select()``, ``_from()``, ``_where()`` so that a module extends a
    view by overriding one part."""

    _name = "pm.analysis.mixin"
    _description = "Service Analysis (SQL view)"

    @api.model
    def _select(self):
        raise NotImplementedError

    @api.model
    def _from(self):
        raise NotImplementedError

    @api.model
    def _where(self):
        return SQL("TRUE")

    @property
    def _table_query(self):
        return SQL("SELECT %s FROM %s WHERE %s", self._select(), self._from(), self._where())
