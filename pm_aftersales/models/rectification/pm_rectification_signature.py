from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .pm_rectification_order import PARTIES


class PmRectificationSignature(models.Model):
    """One party's signature at the four-party acceptance (四方验收) of a
    rectification order: who, for which party, when, the signature, accepted
    or rejected and why. Property staff sign in the backend; the owner,
    developer and contractor on the portal, or on a staff member's tablet
    with their name."""

    _name = "pm.rectification.signature"
    _description = "Rectification Acceptance Signature"
    _order = "order_id, round desc, id"

    order_id = fields.Many2one(
        "pm.rectification.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    round = fields.Integer(
        string="Acceptance Round",
        required=True,
        readonly=True,
        help="Every rejection starts a new round: all four sign again.",
    )
    party = fields.Selection(PARTIES, required=True)
    result = fields.Selection(
        [("accepted", "Accepted"), ("rejected", "Rejected")], required=True, default="accepted"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Signatory", help="The person who signs, for that party."
    )
    signed_by = fields.Char(string="Name", required=True)
    signature = fields.Binary(attachment=True, copy=False)
    comment = fields.Text()
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        default=lambda self: self.env.user,
        readonly=True,
        help="The user who recorded it: the signatory on the portal, or the staff member "
        "whose tablet was used.",
    )

    _one_per_party = models.Constraint(
        "UNIQUE(order_id, round, party)",
        "This party has already signed this acceptance: each party signs once per round.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["pm.rectification.order"].browse(
            [vals["order_id"] for vals in vals_list if vals.get("order_id")]
        )
        # One signs only what one may see: an order one cannot read is not
        # even named in the refusal.
        orders.check_access("read")
        rounds = {order.id: order.acceptance_round for order in orders.sudo()}
        user = self.env.user
        for vals in vals_list:
            vals["round"] = rounds.get(vals.get("order_id"), 1)
            vals["user_id"] = user.id
            if user.share:
                # On the portal one signs for oneself.
                vals["partner_id"] = user.partner_id.id
        signatures = super().create(vals_list)
        for signature in signatures:
            signature.order_id.sudo()._on_signature(signature)
        return signatures

    def write(self, vals):
        if set(vals) - {"comment"}:
            raise ValidationError(self.env._("A signature cannot be changed once given."))
        return super().write(vals)

    @api.constrains("order_id", "party", "partner_id", "result", "signature", "comment")
    def _check_signatory(self):
        labels = dict(PARTIES)
        for signature in self:
            order = signature.order_id.sudo()
            if order.state != "done":
                raise ValidationError(
                    self.env._(
                        "Order %s is not waiting for acceptance: it is signed once the work is "
                        "finished.",
                        order.name,
                    )
                )
            if signature.result == "accepted" and not signature.signature:
                raise ValidationError(self.env._("Sign to accept the work."))
            if signature.result == "rejected" and not (signature.comment or "").strip():
                raise ValidationError(self.env._("Say why the work is not accepted."))
            problem = signature._get_signatory_problem()
            if problem:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot sign for the %(party)s of %(order)s: %(problem)s",
                        name=signature.signed_by,
                        party=labels[signature.party],
                        order=order.name,
                        problem=problem,
                    )
                )

    def _get_signatory_problem(self):
        """Why this signatory may not sign for this party, or None."""
        self.ensure_one()
        order = self.order_id.sudo()
        recorder = self.user_id
        partner = self.partner_id
        if self.party == "property":
            if recorder.share or not recorder.has_group("pm_aftersales.group_pm_technician"):
                return self.env._("only property company staff sign for it.")
            return None
        if self.party == "owner":
            owners = order.unit_id.owner_ids
            if not partner or partner.commercial_partner_id not in owners.commercial_partner_id:
                return self.env._("the signatory is not an owner of unit %s.", order.unit_id.name)
            return None
        company = order.developer_id if self.party == "developer" else order.contractor_id
        if not company:
            return self.env._("the order names no such company.")
        if recorder.share and recorder.commercial_partner_id != company.commercial_partner_id:
            return self.env._("you do not represent %s.", company.name)
        if partner and partner.commercial_partner_id != company.commercial_partner_id:
            return self.env._(
                "%(person)s does not represent %(company)s.",
                person=partner.name,
                company=company.name,
            )
        return None
