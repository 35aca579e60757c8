import re

from odoo import Command, api, fields, models
from odoo.fields import Domain


class ResPartner(models.Model):
    _inherit = "res.partner"

    pm_occupant_ids = fields.One2many(
        "pm.unit.occupant", "partner_id", string="Units Held or Occupied"
    )
    pm_unit_ids = fields.Many2many(
        "pm.unit",
        string="Units",
        compute="_compute_pm_unit_ids",
        search="_search_pm_unit_ids",
    )
    pm_unit_count = fields.Integer(string="Unit Count", compute="_compute_pm_unit_ids")
    pm_party_type = fields.Selection(
        [("developer", "Developer"), ("contractor", "Contractor")],
        string="Rectification Party",
        help="Developers (地产公司) and contractors (施工单位) sign rectification orders; their "
        "portal users see the orders of their company.",
    )
    pm_is_vendor = fields.Boolean(
        string="Outsourced Repair Company",
        help="Takes jobs no in-house crew can do; its staff work them through the portal.",
    )

    @api.depends("pm_occupant_ids.unit_id", "pm_occupant_ids.active")
    def _compute_pm_unit_ids(self):
        for partner in self:
            units = partner.pm_occupant_ids.filtered("active").unit_id
            partner.pm_unit_ids = units
            partner.pm_unit_count = len(units)

    def _search_pm_unit_ids(self, operator, value):
        if operator in Domain.NEGATIVE_OPERATORS:
            return NotImplemented
        if operator == "in" and False in value:
            unit_ids = [v for v in value if v]
            domain = ~Domain("pm_occupant_ids", "any", [])
            if unit_ids:
                domain |= Domain("pm_occupant_ids", "any", [("unit_id", "in", unit_ids)])
            return domain
        return Domain("pm_occupant_ids", "any", [("unit_id", operator, value)])

    @api.model
    def _pm_find_or_create_occupants(self, people):
        """{(name, phone without spaces): partner} for the (name, phone) pairs
        of an imported sheet: the contact of that name and phone when one
        exists (in the user's companies or shared), else a new one. The
        same person on several rows (an owner of several units) is one
        contact."""
        wanted = {}
        for name, phone in people:
            key = (name.strip(), re.sub(r"[\s\-()（）]", "", phone or ""))
            wanted.setdefault(key, phone.strip() if phone else False)
        if not wanted:
            return {}
        candidates = self.search_fetch(
            [
                ("name", "in", list({name for name, _phone in wanted})),
                ("company_id", "in", [False, *self.env.companies.ids]),
            ],
            ["name", "phone"],
            order="id",
        )
        found = {}
        for partner in candidates:
            key = (partner.name, re.sub(r"[\s\-()（）]", "", partner.phone or ""))
            found.setdefault(key, partner)
        missing = [key for key in wanted if key not in found]
        if missing:
            created = self.create(
                [{"name": name, "phone": wanted[name, phone]} for name, phone in missing]
            )
            found.update(zip(missing, created, strict=True))
        return {key: found[key] for key in wanted}

    def _pm_sync_owner_group(self):
        """Portal users who hold or live in a unit get the owner role."""
        group = self.env.ref("pm_aftersales.group_pm_owner")
        users = (
            self.sudo()
            .filtered("pm_occupant_ids")
            .user_ids.filtered(lambda u: u._is_portal() and group not in u.group_ids)
        )
        if users:
            users.write({"group_ids": [Command.link(group.id)]})

    def action_view_pm_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("pm_aftersales.pm_unit_action")
        action["domain"] = [("occupant_ids.partner_id", "=", self.id)]
        return action

    def signup_prepare(self, signup_type="signup"):
        """portal adds a sign-up link to every mail to a customer without a
        user, and auth_signup writes the partner each time to say so. Owners
        are notified from several requests at once (their report, the
        technician taking it, an escalation): write only the partners whose
        sign-up type changes, so that they do not collide on the same row."""
        todo = self.filtered(lambda partner: partner.signup_type != signup_type)
        return super(ResPartner, todo).signup_prepare(signup_type=signup_type) if todo else True
