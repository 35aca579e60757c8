import base64
import secrets

from odoo import api, fields, models
from odoo.tools import SQL

# The places that carry a QR label, in the order a token is looked up.
QR_PLACE_MODELS = ("pm.unit", "pm.public.area", "maintenance.equipment")


class PmQrLabelMixin(models.AbstractModel):
    """A place with a QR label (二维码标签): a stable, unguessable token per
    place, the URL its label encodes (``/pm/qr/<token>``) and the label
    sheets printed from the lists.

    The token is made once (on create, and in ``init`` for the places of a
    database the room is installed on) and never changes unless a
    supervisor renews it (a lost or copied label)."""

    _name = "pm.qr.label.mixin"
    _description = "Place with a QR Label"

    pm_qr_token = fields.Char(
        string="QR Token",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
        help="What the place's QR label encodes: renewing it voids the printed labels.",
    )
    pm_qr_url = fields.Char(
        string="QR Label URL",
        compute="_compute_pm_qr_url",
        groups="base.group_user",
        help="The address the label opens: the owner's report form, or the technician's check-in.",
    )

    _pm_qr_token_uniq = models.Constraint("UNIQUE(pm_qr_token)", "A QR token labels one place.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("pm_qr_token"):
                vals["pm_qr_token"] = self._pm_new_qr_token()
        return super().create(vals_list)

    @api.model
    def _pm_new_qr_token(self):
        return secrets.token_urlsafe(12)

    def init(self):
        super().init()
        if self._abstract:
            return
        # The places already in the table when the column is added (Odoo's
        # own equipment, a database the room is installed on): each gets a
        # token of its own (a column default would give them all one), and
        # any duplicate is made anew before the unique index is checked.
        self.env.cr.execute(
            SQL(
                "UPDATE %(table)s SET pm_qr_token = translate(encode(decode(md5(random()::text "
                "|| clock_timestamp()::text || id::text), 'hex'), 'base64'), '+/=', '-_') "
                "WHERE pm_qr_token IS NULL OR pm_qr_token IN ("
                "SELECT pm_qr_token FROM %(table)s GROUP BY pm_qr_token HAVING count(*) > 1)",
                table=SQL.identifier(self._table),
            )
        )
        if self.env.cr.rowcount:
            self._add_sql_constraints()

    @api.depends("pm_qr_token")
    def _compute_pm_qr_url(self):
        base = self[:1].get_base_url() if self else ""
        for place in self:
            place.pm_qr_url = f"{base}/pm/qr/{place.pm_qr_token}" if place.pm_qr_token else False

    @api.model
    def _pm_qr_path(self, token):
        return f"/pm/qr/{token}"

    def _pm_qr_code(self):
        """The text of the QR code: the label's full URL."""
        self.ensure_one()
        return self.sudo().pm_qr_url

    def _pm_qr_png_base64(self, size=300):
        """The label's QR code as a PNG (base64), for the printed sheets."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode(
            "QR", self._pm_qr_code(), width=size, height=size, barLevel="M"
        )
        return base64.b64encode(png).decode()

    def _pm_qr_label_title(self):
        """The place's name on its label."""
        self.ensure_one()
        title = self.display_name
        estate = self._pm_qr_estate().name
        prefix = f"{estate} / " if estate else ""
        return title[len(prefix) :] if prefix and title.startswith(prefix) else title

    def _pm_qr_estate(self):
        """The estate of the place (for the label's logo and the GPS check)."""
        raise NotImplementedError

    def _pm_qr_place_vals(self):
        """{field: value} of a job at this place (unit, public area, equipment)."""
        raise NotImplementedError

    def action_pm_renew_qr_token(self):
        """A lost or copied label: a new token; the old labels stop working.
        Whoever maintains the place (may write it) renews its label."""
        self.check_access("write")
        for place in self:
            place.sudo().pm_qr_token = self._pm_new_qr_token()
        return True

    @api.model
    def _pm_qr_find(self, code):
        """The place a scanned code labels (a full label URL, a path or a bare
        token), searched as the system: an empty recordset when none."""
        token = (code or "").strip().rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
        if not token:
            return None
        for model in QR_PLACE_MODELS:
            place = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([("pm_qr_token", "=", token)], limit=1)
            )
            if place:
                return place
        return None
