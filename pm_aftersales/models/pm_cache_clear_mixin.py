from odoo import api, models


class PmCacheClearMixin(models.AbstractModel):
    """Configuration read through a registry cache (``tools.ormcache``) on a
    hot path: any creation, change or deletion of a record clears that cache,
    so the next lookup reads the new configuration (in every worker: the
    registry signals the invalidation at commit).

    A model lists the caches it feeds in ``_pm_cache_names`` (Odoo's cache
    names: "default", "assets", "templates", ...)."""

    _name = "pm.cache.clear.mixin"
    _description = "Cached Configuration"

    _pm_cache_names = ("default",)

    def _clear_cache(self):
        self.env.registry.clear_cache(*self._pm_cache_names)

    @api.model_create_multi
    def create(self, vals_list):
        self._clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self._clear_cache()
        return super().write(vals)

    def unlink(self):
        self._clear_cache()
        return super().unlink()
