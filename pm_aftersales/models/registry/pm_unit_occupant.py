from odoo import api, fields, models

OWNER_ROLES = ("owner", "co_owner")
RESIDENT_ROLES = ("tenant", "resident")


class PmUnitOccupant(models.Model):
    """Who holds or lives in a unit: owners, co-owners, tenants, residents.

    An owner may hold several units and a unit may have co-owners and tenants;
    moving out archives the line so the history stays.
    """

    _name = "pm.unit.occupant"
    _description = "Unit Occupant"
    _order = "unit_id, role, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    unit_id = fields.Many2one("pm.unit", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    role = fields.Selection(
        selection=[
            ("owner", "Owner"),
            ("co_owner", "Co-owner"),
            ("tenant", "Tenant"),
            ("resident", "Resident"),
        ],
        required=True,
        default="owner",
    )
    date_start = fields.Date(string="Since")
    date_end = fields.Date(string="Until")
    active = fields.Boolean(default=True)
    building_id = fields.Many2one(
        related="unit_id.building_id", store=True, index=True, precompute=True
    )
    estate_id = fields.Many2one(
        related="unit_id.estate_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(
        related="unit_id.company_id", store=True, index=True, precompute=True
    )
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    note = fields.Char(groups="base.group_user")  # internal: not for owners

    _partner_role_uniq = models.UniqueIndex(
        "(unit_id, partner_id, role) WHERE active",
        "This person already holds this role in this unit.",
    )
    _one_owner_uniq = models.UniqueIndex(
        "(unit_id) WHERE active AND role = 'owner'",
        "A unit has one main owner; record the others as co-owners.",
    )
    _dates_check = models.Constraint(
        "CHECK(date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
        "The end date must not be before the start date.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # A move-out (archive) and a move-in edited together on the unit form
        # must reach the database in that order, or the unique indexes on
        # current occupants would see both lines at once.
        self.flush_model(["active", "role", "unit_id", "partner_id"])
        occupants = super().create(vals_list)
        occupants.partner_id._pm_sync_owner_group()
        return occupants

    @api.depends("partner_id", "role")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for occupant in self:
            occupant.display_name = f"{occupant.partner_id.name} ({roles.get(occupant.role, '')})"
