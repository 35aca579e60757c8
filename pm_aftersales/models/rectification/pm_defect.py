from odoo import api, fields, models
from odoo.exceptions import UserError

DEFECT_STATES = [
    ("reported", "Reported"),
    ("verified", "Verified"),
    ("rejected", "Not a Defect"),
    ("ordered", "In Rectification"),
    ("fixed", "Fixed"),
]


class PmDefect(models.Model):
    """A quality defect (质量瑕疵) found when a unit is handed over (交接验收):
    reported by customer service, verified on site by the supervisor, then
    grouped with the defects of the same unit, trade and crew into a
    rectification order."""

    _name = "pm.defect"
    _description = "Handover Defect"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "inspection_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Defect", required=True, tracking=True)
    # No check_company: the company is the unit's (a related field), empty on
    # a new defect, and the check's domain would offer only units without a
    # company, i.e. none. The unit's record rules keep to the user's companies.
    unit_id = fields.Many2one("pm.unit", required=True, index=True, tracking=True)
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    trade_id = fields.Many2one("pm.trade", required=True, index=True, tracking=True)
    location = fields.Char(
        string="Where in the Unit", help="e.g. master bedroom window, kitchen ceiling."
    )
    description = fields.Text()
    photo_ids = fields.Many2many(
        "ir.attachment", "pm_defect_photo_rel", "defect_id", "attachment_id", string="Photos"
    )
    inspection_date = fields.Date(
        string="Found On",
        required=True,
        default=fields.Date.context_today,
        help="Date of the handover inspection (交接验收) that found it.",
    )
    # Who of the staff found and judged it, and why: internal (the owner and
    # the contractor see the defects of their orders).
    reported_by_id = fields.Many2one(
        "res.users",
        string="Reported By",
        default=lambda self: self.env.user,
        readonly=True,
        groups="base.group_user",
    )
    state = fields.Selection(
        DEFECT_STATES,
        string="Status",
        default="reported",
        required=True,
        tracking=True,
        index=True,
    )
    verified_by_id = fields.Many2one(
        "res.users", string="Verified By", readonly=True, groups="base.group_user"
    )
    verified_date = fields.Datetime(string="Verified On", readonly=True)
    verify_note = fields.Text(string="Verification Note", groups="base.group_user")
    contractor_id = fields.Many2one(
        "res.partner",
        string="Contractor Crew",
        # the crews are contacts of a contractor (who alone has the party type)
        domain="[('commercial_partner_id.pm_party_type', '=', 'contractor')]",
        tracking=True,
        help="The contractor's crew that fixes it: orders are grouped by crew.",
    )
    order_id = fields.Many2one(
        "pm.rectification.order",
        string="Rectification Order",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        check_company=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        defects = super().create(vals_list)
        defects._notify_supervisor()
        return defects

    def _notify_supervisor(self):
        """The supervisor verifies on site: a to-do for the estate's
        customer-service supervisor."""
        for defect in self:
            supervisor = defect.estate_id.cs_supervisor_id
            if supervisor:
                # Written for the supervisor, in their language.
                lang = (defect.company_id or self.env.company)._pm_lang(supervisor)
                defect.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=supervisor.id,
                    summary=defect.with_context(lang=lang).env._("Verify the defect on site"),
                )

    def _check_supervisor(self):
        if not self.env.user.has_group("pm_aftersales.group_pm_cs_supervisor"):
            raise UserError(
                self.env._("Only a customer-service supervisor verifies defects on site.")
            )

    def action_verify(self):
        self._check_supervisor()
        for defect in self:
            if defect.state not in ("reported", "rejected"):
                raise UserError(self.env._("Defect “%s” has already been verified.", defect.name))
        self.write(
            {
                "state": "verified",
                "verified_by_id": self.env.user.id,
                "verified_date": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_reject(self):
        """Not a defect (e.g. normal wear, owner's own works)."""
        self._check_supervisor()
        for defect in self:
            if defect.state != "reported":
                raise UserError(
                    self.env._("Defect “%s” is no longer waiting for verification.", defect.name)
                )
            if not (defect.verify_note or "").strip():
                raise UserError(
                    self.env._(
                        "Say why “%s” is not a defect in the verification note.", defect.name
                    )
                )
        self.write(
            {
                "state": "rejected",
                "verified_by_id": self.env.user.id,
                "verified_date": fields.Datetime.now(),
            }
        )
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_create_orders(self):
        """Group verified defects without an order by unit, trade and crew
        into rectification orders (整改单)."""
        defects = self.filtered(lambda d: d.state == "verified" and not d.order_id)
        if not defects:
            raise UserError(self.env._("Select verified defects that are not in an order yet."))
        orders = self.env["pm.rectification.order"]
        for (unit, trade, crew), group in defects.grouped(
            lambda d: (d.unit_id, d.trade_id, d.contractor_id)
        ).items():
            orders |= orders.create(group._prepare_order_vals(unit, trade, crew))
        return {
            "type": "ir.actions.act_window",
            "res_model": "pm.rectification.order",
            "name": self.env._("Rectification Orders"),
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", orders.ids)],
        }

    def _prepare_order_vals(self, unit, trade, crew):
        return {
            "unit_id": unit.id,
            "trade_id": trade.id,
            "contractor_id": crew.commercial_partner_id.id or False,
            # a defect given to the contractor itself has no crew
            "crew_id": crew.id if crew != crew.commercial_partner_id else False,
            "defect_ids": [fields.Command.set(self.ids)],
            "state": "verified",
        }
