from odoo import api, fields, models
from odoo.exceptions import UserError

from .pm_ticket_milestone import CHECKIN_METHODS, PROVEN_METHODS


class CheckinProof(dict):
    """How a check-in is proven, handed to ``action_check_in`` in the
    context. Only this room's methods make one: a context sent by a client
    (JSON) can hold a dict, never this class, so nobody proves an arrival by
    writing a context."""


class HelpdeskTicket(models.Model):
    """The technician's check-in on site proven by the place's QR label, his
    phone's position within the estate, or else a reason (到场验证)."""

    _inherit = "helpdesk.ticket"

    checkin_method = fields.Selection(
        CHECKIN_METHODS, string="Arrival Proven By", readonly=True, copy=False
    )
    checkin_proven = fields.Boolean(
        string="Arrival Proven",
        compute="_compute_checkin_proven",
        store=True,
        help="Checked in by the place's label or by a position within the estate.",
    )
    checkin_reason = fields.Text(
        string="Check-in Reason",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="Why the arrival could not be proven by the label or the position.",
    )
    checkin_latitude = fields.Float(
        digits=(10, 7), readonly=True, copy=False, groups="base.group_user"
    )
    checkin_longitude = fields.Float(
        digits=(10, 7), readonly=True, copy=False, groups="base.group_user"
    )
    checkin_distance = fields.Integer(
        string="Distance from the Estate (m)",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    pm_scan_code = fields.Char(
        string="Scan the Place's Label",
        compute="_compute_pm_scan_code",
        help="Scan the QR label of the job's place to check in.",
    )

    @api.depends("checkin_method")
    def _compute_checkin_proven(self):
        for ticket in self:
            ticket.checkin_proven = ticket.checkin_method in PROVEN_METHODS

    def _compute_pm_scan_code(self):
        self.pm_scan_code = False

    # ------------------------------------------------------------------
    # The check-in and its proof
    # ------------------------------------------------------------------
    def _pm_checkin_proof_required(self):
        """Technicians of the company prove their arrival; outsourced
        companies check in from the portal unproven."""
        return not self.env.user.share and any(self.company_id.mapped("pm_checkin_proof_required"))

    def action_check_in(self):
        proof = self.env.context.get("pm_checkin_proof")
        if not isinstance(proof, CheckinProof):
            if self._pm_checkin_proof_required():
                # who and when first, as the check-in itself would say
                self._check_assigned_to_me(self.env._("check in"))
                self._check_state(("dispatched", "accepted"), self.env._("checked in"))
                raise UserError(
                    self.env._(
                        "Prove that you are on site: scan the place's QR label, share your "
                        "position or give the reason."
                    )
                )
            proof = CheckinProof(method="none")
        res = super().action_check_in()
        self._pm_record_checkin_proof(proof)
        return res

    def _pm_record_checkin_proof(self, proof):
        """Keep the proof on the job and on its arrival milestone."""
        vals = self._prepare_checkin_proof_vals(proof)
        self.sudo().write(vals)
        self.sudo().milestone_ids.filtered(
            lambda m: m.milestone_type == "arrival" and m.state in ("met", "missed")
        ).write({"proof_method": vals["checkin_method"]})

    def _prepare_checkin_proof_vals(self, proof):
        return {
            "checkin_method": proof["method"],
            "checkin_reason": proof.get("reason") or False,
            "checkin_latitude": proof.get("latitude") or 0.0,
            "checkin_longitude": proof.get("longitude") or 0.0,
            "checkin_distance": proof.get("distance") or 0,
        }

    def _pm_check_in_with(self, **proof):
        return self.with_context(pm_checkin_proof=CheckinProof(proof)).action_check_in()

    def _pm_qr_matches_place(self, place):
        """Whether the label of ``place`` is a label of this job's place: its
        unit, public area or equipment (or the equipment of that place)."""
        self.ensure_one()
        if place._name == "maintenance.equipment":
            return place == self.equipment_id or (
                bool(place.pm_unit_id or place.pm_public_area_id)
                and (place.pm_unit_id == self.unit_id)
                and (place.pm_public_area_id == self.public_area_id)
            )
        if place._name == "pm.unit":
            return place == self.unit_id
        if place._name == "pm.public.area":
            return place == self.public_area_id
        return False

    def action_pm_scan(self, code):
        """The technician scanned a label on site: checks in when it is the
        label of the job's place."""
        self.ensure_one()
        self._check_assigned_to_me(self.env._("check in"))
        place = self.env["pm.qr.label.mixin"]._pm_qr_find(code)
        if not place:
            raise UserError(
                self.env._(
                    "This code is not a place label of the service centre (or the label was "
                    "renewed): scan the label of %(place)s.",
                    place=self.place_name or self.number,
                )
            )
        if not self._pm_qr_matches_place(place):
            raise UserError(
                self.env._(
                    "This is the label of %(scanned)s, but job %(job)s is at %(place)s: scan "
                    "the label there.",
                    scanned=place.display_name,
                    job=self.number,
                    place=self.place_name or "-",
                )
            )
        return self._pm_check_in_with(method="qr")

    def _pm_check_in_gps(self, latitude, longitude, reason=None):
        """Check in by the phone's position: within the estate's radius it
        proves the arrival; farther, or for an estate without a position,
        the technician gives a reason (a manual check-in that keeps where
        the phone was)."""
        self.ensure_one()
        estate = self.estate_id
        if not estate or not estate._pm_has_position():
            if not (reason or "").strip():
                raise UserError(
                    self.env._(
                        "The position of estate %(estate)s is not set: scan the place's label "
                        "or give the reason.",
                        estate=estate.name or "-",
                    )
                )
            return self._pm_check_in_with(
                method="manual", reason=reason, latitude=latitude, longitude=longitude
            )
        distance = round(estate._pm_distance_to(latitude, longitude))
        radius = estate.sudo().pm_checkin_radius
        if distance <= radius:
            return self._pm_check_in_with(
                method="gps", latitude=latitude, longitude=longitude, distance=distance
            )
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "You are %(distance)s m from estate %(estate)s (check-in radius %(radius)s "
                    "m): scan the place's label or give the reason.",
                    distance=distance,
                    estate=estate.name,
                    radius=radius,
                )
            )
        return self._pm_check_in_with(
            method="manual",
            reason=reason,
            latitude=latitude,
            longitude=longitude,
            distance=distance,
        )

    def _pm_check_in_manual(self, reason):
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Give the reason why the label cannot be scanned and your position "
                    "cannot be used."
                )
            )
        return self._pm_check_in_with(method="manual", reason=reason.strip())

    def action_pm_open_checkin(self):
        """The other ways to check in: the position, or a reason."""
        self.ensure_one()
        self._check_assigned_to_me(self.env._("check in"))
        self._check_state(("dispatched", "accepted"), self.env._("checked in"))
        return self._open_record_form("pm.checkin.wizard", self.env._("Check in on site"))
