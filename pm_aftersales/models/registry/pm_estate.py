from odoo import api, fields, models


class PmEstate(models.Model):
    """An estate (项目/小区): a managed residential or commercial development."""

    _name = "pm.estate"
    _description = "Estate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code used in unit names and references, e.g. CHG.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Service Centre Manager",
        groups="base.group_user",
        domain="[('share', '=', False)]",
        check_company=True,
        tracking=True,
    )
    cs_supervisor_id = fields.Many2one(
        "res.users",
        string="Customer-Service Supervisor",
        groups="base.group_user",
        domain="[('share', '=', False)]",
        check_company=True,
        tracking=True,
        help="Receives escalations of this estate's jobs at the customer-service level.",
    )
    eng_supervisor_id = fields.Many2one(
        "res.users",
        string="Engineering Supervisor",
        groups="base.group_user",
        domain="[('share', '=', False)]",
        check_company=True,
        tracking=True,
    )
    street = fields.Char()
    street2 = fields.Char()
    city = fields.Char()
    zip = fields.Char()
    state_id = fields.Many2one(
        "res.country.state",
        string="Province",
        domain="[('country_id', '=?', country_id)]",
    )
    country_id = fields.Many2one("res.country", string="Country")
    building_ids = fields.One2many("pm.building", "estate_id", string="Buildings")
    public_area_ids = fields.One2many("pm.public.area", "estate_id", string="Public Areas")
    building_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    public_area_count = fields.Integer(compute="_compute_counts")
    note = fields.Html(groups="base.group_user")  # internal: not for owners
    developer_id = fields.Many2one(
        "res.partner",
        string="Developer",
        domain="[('pm_party_type', '=', 'developer')]",
        tracking=True,
        help="The developer (地产公司) who built the estate: a party of the rectifications.",
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Spare-Parts Warehouse",
        groups="base.group_user",
        check_company=True,
        tracking=True,
        help="Store the parts of this estate's jobs are taken from.",
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE(code, company_id)",
        "An estate with this code already exists in this company: choose another code.",
    )

    @api.depends("building_ids", "public_area_ids")
    def _compute_counts(self):
        counts = {
            model: dict(
                self.env[model]._read_group(
                    [("estate_id", "in", self.ids)], ["estate_id"], ["__count"]
                )
            )
            for model in ("pm.building", "pm.unit", "pm.public.area")
        }
        for estate in self:
            estate.building_count = counts["pm.building"].get(estate, 0)
            estate.unit_count = counts["pm.unit"].get(estate, 0)
            estate.public_area_count = counts["pm.public.area"].get(estate, 0)

    def _prepare_warehouse_vals(self):
        self.ensure_one()
        return {
            "name": self.env._("%s Spare Parts", self.name),
            "code": (self.code or "PM")[:5].upper(),
            "company_id": self.company_id.id,
            "partner_id": self.company_id.partner_id.id,
        }

    def action_create_warehouse(self):
        """Create the estate's spare-parts warehouse. Creating a warehouse is
        the stock managers' right: only the link is written as superuser."""
        for estate in self.filtered(lambda e: not e.warehouse_id):
            warehouse = self.env["stock.warehouse"].create(estate._prepare_warehouse_vals())
            estate.sudo().warehouse_id = warehouse
        return True

    def _get_action(self, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("estate_id", "in", self.ids)]
        action["context"] = {"default_estate_id": self[:1].id}
        return action

    def action_grant_portal_owners(self):
        """Give portal access to every current owner and resident of the
        estate who has an e-mail address and no access yet."""
        self.ensure_one()
        partners = self.env["pm.unit.occupant"].search([("estate_id", "=", self.id)]).partner_id
        with_email = partners.filtered("email")
        wizard = self.env["portal.wizard"].create({"partner_ids": [(6, 0, with_email.ids)]})
        granted = self.env["res.partner"]
        for line in wizard.user_ids.filtered(
            lambda line: not line.is_portal and not line.is_internal
        ):
            line.action_grant_access()
            granted |= line.partner_id
        (partners - granted).filtered(lambda p: p.user_ids)._pm_sync_owner_group()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "sticky": True,
                "message": self.env._(
                    "Portal access granted to %(granted)s owners and residents; "
                    "%(without)s have no e-mail address.",
                    granted=len(granted),
                    without=len(partners - with_email),
                ),
            },
        }

    def action_view_buildings(self):
        return self._get_action("pm_aftersales.pm_building_action")

    def action_view_units(self):
        return self._get_action("pm_aftersales.pm_unit_action")

    def action_view_public_areas(self):
        return self._get_action("pm_aftersales.pm_public_area_action")
