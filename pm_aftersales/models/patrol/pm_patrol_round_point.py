from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

POINT_STATES = [
    ("pending", "Pending"),
    ("ok", "OK"),
    ("failed", "Problem Found"),
    ("missed", "Not Scanned"),
]


class PmPatrolRoundPoint(models.Model):
    """A check-point of one round: scanned on site (its QR label proves the
    patroller was there), its checklist answered, then OK or a problem found
    (a failed point opens a repair job at the place, as a failed check of a
    maintenance request does). Not scanned by the round's deadline: missed;
    scanned after its expected time and tolerance: late."""

    _name = "pm.patrol.round.point"
    _description = "Patrol Round Check-point"
    _order = "round_id, sequence, id"

    # Set by the planning, the scan and the buttons, never typed in.
    _pm_system_fields = frozenset(
        {
            "round_id",
            "point_id",
            "sequence",
            "name",
            "public_area_id",
            "equipment_id",
            "expected_date",
            "due_date",
            "scan_date",
            "scanned_by",
            "state",
            "ticket_id",
        }
    )

    round_id = fields.Many2one(
        "pm.patrol.round", string="Round", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="round_id.company_id", store=True, index=True, precompute=True
    )
    estate_id = fields.Many2one(
        related="round_id.estate_id", store=True, index=True, precompute=True
    )
    route_id = fields.Many2one(related="round_id.route_id", store=True, index=True, precompute=True)
    round_state = fields.Selection(related="round_id.state", string="Round Status")
    point_id = fields.Many2one(
        "pm.patrol.point", string="Route Check-point", index="btree_not_null", ondelete="set null"
    )
    sequence = fields.Integer(default=10, readonly=True)
    name = fields.Char(string="Check-point", required=True, readonly=True)
    public_area_id = fields.Many2one(
        "pm.public.area",
        string="Public Area",
        index="btree_not_null",
        readonly=True,
        help="The area of the point, or of its equipment.",
    )
    equipment_id = fields.Many2one(
        "maintenance.equipment", string="Equipment", index="btree_not_null", readonly=True
    )
    place_name = fields.Char(string="Place", compute="_compute_place_name")
    expected_date = fields.Datetime(string="Expected At", readonly=True)
    due_date = fields.Datetime(
        string="Late After", readonly=True, help="The expected time plus the route's tolerance."
    )
    scan_date = fields.Datetime(string="Scanned At", readonly=True, copy=False)
    scanned_by = fields.Many2one("res.users", readonly=True, copy=False)
    state = fields.Selection(
        POINT_STATES, string="Status", required=True, default="pending", readonly=True, index=True
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        store=True,
        help="Scanned after its expected time plus the tolerance.",
    )
    note = fields.Char(
        string="Observations", help="What was found: required when a fault is reported."
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Repair Job", readonly=True, copy=False, index="btree_not_null"
    )
    check_ids = fields.One2many("pm.patrol.round.check", "round_point_id", string="Checklist")
    pm_scan_code = fields.Char(
        string="Scan the Label",
        compute="_compute_pm_scan_code",
        help="Scan the QR label of the check-point: it proves you were there.",
    )

    _failed_needs_note = models.Constraint(
        "CHECK(state != 'failed' OR COALESCE(note, '') != '')",
        "Say what was found when a check-point has a problem: the repair job starts from it.",
    )

    @api.depends("scan_date", "due_date")
    def _compute_is_late(self):
        for point in self:
            point.is_late = bool(
                point.scan_date and point.due_date and point.scan_date > point.due_date
            )

    @api.depends("equipment_id", "public_area_id")
    def _compute_place_name(self):
        for point in self:
            point.place_name = (point.equipment_id or point.public_area_id).display_name or False

    def _compute_pm_scan_code(self):
        self.pm_scan_code = False

    # ------------------------------------------------------------------
    # Guard
    # ------------------------------------------------------------------
    def write(self, vals):
        if not self.env.su:
            touched = self._pm_system_fields & vals.keys()
            if touched:
                labels = ", ".join(
                    self._fields[name]._description_string(self.env) for name in sorted(touched)
                )
                raise UserError(
                    self.env._(
                        "%(fields)s of a check-point are set by its scan and its buttons: "
                        "they cannot be changed by hand.",
                        fields=labels,
                    )
                )
            if vals.keys() & {"note", "check_ids"}:
                self._pm_check_answer_open()
        return super().write(vals)

    def _pm_check_answer_open(self):
        for point in self:
            if point.state != "pending" or point.round_id.state not in ("planned", "in_progress"):
                raise UserError(
                    self.env._(
                        "Check-point %(point)s of round %(round)s is already answered: its "
                        "answers cannot change.",
                        point=point.name,
                        round=point.round_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # On site
    # ------------------------------------------------------------------
    def _pm_matches_place(self, place):
        """Whether ``place`` (a labelled record) is this point's place."""
        self.ensure_one()
        expected = self.equipment_id or self.public_area_id
        return (place._name, place.id) == (expected._name, expected.id)

    def action_pm_scan(self, code):
        """The patroller scanned a label: it must be the label of this point;
        then the scan is recorded and the round is under way (taken by him
        when it had no patroller)."""
        self.ensure_one()
        self.check_access("write")
        self.round_id._pm_check_patroller()
        if self.scan_date:
            raise UserError(
                self.env._(
                    "Check-point %(point)s was already scanned at %(time)s.",
                    point=self.name,
                    time=self.company_id._pm_format_datetime(self.scan_date, self.env.lang),
                )
            )
        if self.state != "pending":
            raise UserError(
                self.env._(
                    "Check-point %(point)s is closed: it can no longer be scanned.",
                    point=self.name,
                )
            )
        place = self.env["pm.qr.label.mixin"]._pm_qr_find(code)
        if not place:
            raise UserError(
                self.env._(
                    "This code is not a place label of the service centre (or the label was "
                    "renewed): scan the label of check-point %(point)s (%(place)s).",
                    point=self.name,
                    place=self.place_name or "-",
                )
            )
        if not self._pm_matches_place(place):
            raise UserError(
                self.env._(
                    "This is the label of %(scanned)s, not of check-point %(point)s: go to "
                    "%(place)s and scan its label.",
                    scanned=place.display_name,
                    point=self.name,
                    place=self.place_name or "-",
                )
            )
        now = fields.Datetime.now()
        self.sudo().write({"scan_date": now, "scanned_by": self.env.uid})
        self.round_id._pm_take()
        self.round_id._pm_start(now)
        return True

    def _pm_check_answerable(self):
        self.ensure_one()
        self.check_access("write")
        self.round_id._pm_check_patroller()
        if self.state != "pending":
            raise UserError(
                self.env._("Check-point %(point)s is already answered.", point=self.name)
            )
        if not self.scan_date:
            raise UserError(
                self.env._(
                    "Scan the label of check-point %(point)s first: it proves you were there.",
                    point=self.name,
                )
            )

    def action_pm_point_ok(self):
        """Everything in order at this point: the checks not answered are OK."""
        self.ensure_one()
        self._pm_check_answerable()
        failed = self.check_ids.filtered(lambda check: check.result == "failed")
        if failed:
            raise UserError(
                self.env._(
                    "%(checks)s failed: report the problem instead (it opens a repair job).",
                    checks=", ".join(failed.mapped("name")),
                )
            )
        self.check_ids.filtered(lambda check: not check.result).write({"result": "ok"})
        self.sudo().write({"state": "ok"})
        return self.round_id._pm_after_answer(self)

    def action_pm_point_failed(self):
        """A problem found at this point: a repair job is opened there."""
        self.ensure_one()
        self._pm_check_answerable()
        note = (self.note or "").strip() or self._pm_failed_checks_text()
        if not note:
            raise UserError(
                self.env._(
                    "Say what was found at %(point)s (or mark the failed check): the repair job "
                    "starts from it.",
                    point=self.name,
                )
            )
        self.sudo().write({"state": "failed", "note": note})
        self._pm_open_job()
        return self.round_id._pm_after_answer(self)

    def _pm_failed_checks_text(self):
        """The failed checks and what was found, in one line."""
        self.ensure_one()
        failed = self.check_ids.filtered(lambda check: check.result == "failed")
        return "; ".join(
            f"{check.name}: {check.note}" if check.note else check.name for check in failed
        )

    def _pm_open_action(self):
        """The point's phone form, in a dialog over the round."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("pm_aftersales.pm_patrol_round_point_view_form").id, "form")],
            "target": "new",
            "context": {"create": False},
        }

    def action_pm_open(self):
        return self._pm_open_action()

    # ------------------------------------------------------------------
    # The repair job of a problem found
    # ------------------------------------------------------------------
    def _pm_get_job_category(self):
        self.ensure_one()
        category = self.point_id.category_id or self.round_id.route_id.category_id
        if not category and self.equipment_id:
            category = self.equipment_id.category_id.pm_ticket_category_id or self.env.ref(
                "pm_aftersales.helpdesk_category_equipment", raise_if_not_found=False
            )
        return category or self.env.ref(
            "pm_aftersales.helpdesk_category_patrol", raise_if_not_found=False
        )

    def _pm_prepare_job_vals(self):
        self.ensure_one()
        round_ = self.round_id
        company = round_.company_id
        # Stored, read by many: in the company's language.
        env = self.with_context(lang=company._pm_lang()).env
        if self.equipment_id:
            place_vals = self.equipment_id._pm_qr_place_vals()
        else:
            place_vals = self.public_area_id._pm_qr_place_vals()
        failed = self.check_ids.filtered(lambda check: check.result == "failed")
        description = Markup("<p>%s</p><p>%s</p>") % (
            env._(
                "Found during patrol round %(round)s at %(time)s by %(user)s.",
                round=round_.name,
                time=company._pm_format_datetime(self.scan_date, env.lang),
                user=self.scanned_by.name or "-",
            ),
            self.note or "",
        )
        # the failed checks, unless the finding already is their list
        if failed and self.note != self._pm_failed_checks_text():
            description += Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s%s</li>") % (check.name, f": {check.note}" if check.note else "")
                for check in failed
            )
        category = self._pm_get_job_category()
        return dict(
            place_vals,
            name=env._(
                "Patrol finding at %(point)s: %(finding)s",
                point=self.name,
                finding=(self.note or "")[:80],
            ),
            description=description,
            company_id=company.id,
            category_id=category.id if category else False,
        )

    def _pm_open_job(self):
        """A repair job for each failed point that has none yet, opened by
        the system and logged on the round."""
        Ticket = self.env["helpdesk.ticket"].sudo()
        for point in self.filtered(lambda p: p.state == "failed" and not p.ticket_id):
            company = point.company_id
            ticket = Ticket.with_company(company).create(point._pm_prepare_job_vals())
            point.sudo().ticket_id = ticket
            env = point.with_context(lang=company._pm_lang()).env
            point.round_id.sudo().message_post(
                body=escape(
                    env._(
                        "Repair job %(job)s opened for check-point %(point)s: %(finding)s",
                        job=ticket.number,
                        point=point.name,
                        finding=point.note,
                    )
                )
            )
