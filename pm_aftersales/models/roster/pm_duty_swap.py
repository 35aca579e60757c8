from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .pm_duty_shift import PLANNER_GROUPS

# The estate's role who approves a swap of each duty.
APPROVER_ROLES = {
    "crew": "eng_supervisor_id",
    "hotline": "cs_supervisor_id",
    "manager": "manager_id",
}


class PmDutySwap(models.Model):
    """A swap of a shift (换班): who hands it over to whom, and why. A
    technician asks for it for his own shift; the supervisor who plans the
    duty approves it, which gives the shift to the colleague. Every swap is
    kept, approved or not."""

    _name = "pm.duty.swap"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Shift Swap"
    _order = "date desc, id desc"

    shift_id = fields.Many2one(
        "pm.duty.shift", string="Shift", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="shift_id.company_id", store=True, index=True)
    duty_type = fields.Selection(related="shift_id.duty_type", store=True)
    team_id = fields.Many2one(related="shift_id.team_id", store=True, string="Crew")
    shift_start = fields.Datetime(related="shift_id.date_start", string="Shift From")
    shift_end = fields.Datetime(related="shift_id.date_end", string="Shift To")
    from_user_id = fields.Many2one(
        "res.users",
        string="Handed Over By",
        compute="_compute_from_user_id",
        store=True,
        precompute=True,
        index=True,
        help="Who was on duty when the swap was asked for.",
    )
    to_user_id = fields.Many2one(
        "res.users",
        string="Taken Over By",
        required=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('id', '!=', from_user_id), "
        "('company_ids', 'in', company_id)]",
    )
    reason = fields.Text(required=True)
    date = fields.Datetime(string="Asked On", required=True, default=fields.Datetime.now)
    state = fields.Selection(
        selection=[
            ("requested", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="requested",
        tracking=True,
        index=True,
    )
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    decision_date = fields.Datetime(string="Decided On", readonly=True)

    @api.depends("shift_id")
    def _compute_from_user_id(self):
        # the shift's user when the swap is asked for: approving it changes him
        for swap in self:
            swap.from_user_id = swap.shift_id.user_id

    @api.depends("shift_id", "from_user_id", "to_user_id")
    def _compute_display_name(self):
        for swap in self:
            swap.display_name = "{shift}: {src} → {dst}".format(
                shift=swap.shift_id.name or "",
                src=swap.from_user_id.name or "",
                dst=swap.to_user_id.name or "",
            )

    @api.constrains("from_user_id", "to_user_id")
    def _check_users(self):
        for swap in self:
            if swap.from_user_id == swap.to_user_id:
                raise ValidationError(
                    self.env._("A shift is swapped with someone else: choose a colleague.")
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        swaps = super().create(vals_list)
        swaps._check_request()
        swaps._notify_approver()
        return swaps

    def _check_request(self):
        """A shift still to come, asked for by whoever is on it (or by a
        supervisor who plans its duty)."""
        now = fields.Datetime.now()
        for swap in self:
            shift = swap.shift_id
            if shift.date_end <= now:
                raise UserError(
                    self.env._("Shift “%(shift)s” is over: it cannot be swapped.", shift=shift.name)
                )
            if shift.user_id != self.env.user and not swap._is_planner():
                raise UserError(
                    self.env._(
                        "You can hand over your own shifts only: “%(shift)s” is %(user)s's.",
                        shift=shift.name,
                        user=shift.user_id.name,
                    )
                )

    def _is_planner(self):
        """Whether the current user plans the duty of this swap's shift."""
        self.ensure_one()
        return self.env.user.has_group(PLANNER_GROUPS[self.shift_id.duty_type])

    def _get_approver(self):
        """The supervisor who approves: the estate's (engineering supervisor
        for a crew, customer-service supervisor for the hotline, manager for
        the duty managers), else whoever planned the shift."""
        self.ensure_one()
        shift = self.shift_id.sudo()
        user = shift.estate_id[APPROVER_ROLES[shift.duty_type]]
        if not user:
            planner = shift.create_uid
            if (
                planner
                and not planner._is_superuser()
                and planner.has_group(PLANNER_GROUPS[shift.duty_type])
            ):
                user = planner
        return user

    def _notify_approver(self):
        """A to-do for the approver of each swap asked for (not when the
        supervisor records it himself)."""
        for swap in self.filtered(lambda s: s.state == "requested"):
            approver = swap._get_approver()
            if not approver or approver == self.env.user:
                continue
            lang = swap.company_id._pm_lang(approver)
            texts = swap.with_context(lang=lang)._prepare_request_texts()
            # sudo: the technician asking may not write on the swap he made
            swap.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
                "mail.mail_activity_data_todo",
                summary=texts["summary"],
                note=texts["note"],
                user_id=approver.id,
            )

    def _prepare_request_texts(self):
        self.ensure_one()
        return {
            "summary": self.env._("Approve a shift swap"),
            "note": self.env._(
                "%(from)s asks to hand shift “%(shift)s” over to %(to)s: %(reason)s",
                **{
                    "from": self.from_user_id.name,
                    "shift": self.shift_id.name,
                    "to": self.to_user_id.name,
                    "reason": self.reason,
                },
            ),
        }

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def _check_decision(self):
        for swap in self:
            if swap.state != "requested":
                raise UserError(
                    self.env._(
                        "This swap is decided already: %(state)s.", state=swap._state_label()
                    )
                )
            # the supervisors who plan the duty decide (their right to change the shift)
            swap.shift_id.check_access("write")

    def action_approve(self):
        """Give each shift to the colleague; the shift's messages keep it."""
        self._check_decision()
        for swap in self:
            shift = swap.shift_id
            shift.user_id = swap.to_user_id
            lang = shift.company_id._pm_lang()
            shift.message_post(
                body=swap.with_context(lang=lang).env._(
                    "Swap approved by %(approver)s: %(from)s hands the shift over to %(to)s "
                    "(%(reason)s).",
                    **{
                        "approver": self.env.user.name,
                        "from": swap.from_user_id.name,
                        "to": swap.to_user_id.name,
                        "reason": swap.reason,
                    },
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._set_decision("approved")
        return True

    def action_refuse(self):
        self._check_decision()
        for swap in self:
            lang = swap.company_id._pm_lang()
            swap.shift_id.message_post(
                body=swap.with_context(lang=lang).env._(
                    "Swap refused by %(approver)s: %(from)s stays on the shift (asked: %(to)s).",
                    **{
                        "approver": self.env.user.name,
                        "from": swap.from_user_id.name,
                        "to": swap.to_user_id.name,
                    },
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._set_decision("refused")
        return True

    def action_cancel(self):
        """Whoever asked for a swap may withdraw it until it is decided."""
        for swap in self:
            if swap.state != "requested":
                raise UserError(
                    self.env._(
                        "This swap is decided already: %(state)s.", state=swap._state_label()
                    )
                )
            if self.env.user not in (swap.create_uid | swap.from_user_id) and not (
                swap._is_planner()
            ):
                raise UserError(self.env._("Only whoever asked for the swap can withdraw it."))
        # sudo: a technician withdraws his request without the right to write swaps
        self.sudo()._set_decision("cancelled")
        return True

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _set_decision(self, state):
        self.write(
            {
                "state": state,
                "decided_by_id": self.env.uid,
                "decision_date": fields.Datetime.now(),
            }
        )
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])
