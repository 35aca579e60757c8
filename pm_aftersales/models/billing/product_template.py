from odoo import api, fields, models


class ProductTemplate(models.Model):
    """The prices of the centre are products: labour (a service product per
    repair category or trade, sold per job or per hour), the call-out fee,
    and the catalogue of value-added services (增值服务: cleaning,
    landscaping, …) — the products of the "Value-Added Services" category,
    which the owners book on the portal."""

    _inherit = "product.template"

    pm_is_value_added = fields.Boolean(
        string="Value-Added Service",
        compute="_compute_pm_is_value_added",
        store=True,
        help="In the Value-Added Services category (or one below it): offered to the owners "
        "on the portal when it can be sold.",
    )
    pm_service_duration = fields.Float(
        string="Service Duration (h)",
        help="How long the service takes on site: shown to the owner when booking.",
    )
    pm_estate_ids = fields.Many2many(
        "pm.estate",
        "product_template_pm_estate_rel",
        "product_tmpl_id",
        "estate_id",
        string="Offered in Estates",
        groups="pm_aftersales.group_pm_technician",  # the estates: after-sales staff
        help="Leave empty to offer the service in every estate.",
    )

    @api.depends("categ_id", "categ_id.parent_path")
    def _compute_pm_is_value_added(self):
        category = self.env.ref(
            "pm_aftersales.product_category_value_added", raise_if_not_found=False
        )
        prefix = category.sudo().parent_path if category else None
        for template in self:
            path = template.categ_id.sudo().parent_path
            template.pm_is_value_added = bool(prefix and path and path.startswith(prefix))

    def _pm_is_offered_in(self, estates):
        """Whether the service is offered in one of ``estates``."""
        self.ensure_one()
        return not self.pm_estate_ids or bool(self.pm_estate_ids & estates)
