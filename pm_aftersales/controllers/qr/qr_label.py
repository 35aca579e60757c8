from urllib.parse import urlencode

from odoo import http
from odoo.http import request


class PmQrLabel(http.Controller):
    """What a place's QR label opens (any phone camera): the owner's report
    form with the place filled in, or for the staff the place's file. A
    visitor logs in first and comes back here."""

    @http.route("/pm/qr/<string:token>", type="http", auth="public", website=True, methods=["GET"])
    def pm_qr_label(self, token, **kw):
        place = request.env["pm.qr.label.mixin"]._pm_qr_find(token)
        if not place:
            raise request.not_found()
        user = request.env.user
        if user._is_public():
            return request.redirect("/web/login?" + urlencode({"redirect": f"/pm/qr/{token}"}))
        if not user.share:
            return request.redirect(self._pm_backend_url(place))
        return request.redirect(self._pm_report_url(place))

    def _pm_backend_url(self, place):
        return f"/odoo/{place._name}/{place.id}"

    def _pm_report_url(self, place):
        """The owner's report form, with the place when the owner may report
        on it (their unit; a public area of their estate): else the form
        lets them choose among theirs."""
        vals = place._pm_qr_place_vals()
        params = {}
        unit = request.env["pm.unit"].browse(vals.get("unit_id")).exists()
        area = request.env["pm.public.area"].browse(vals.get("public_area_id")).exists()
        if unit and unit.has_access("read"):
            params["place"] = f"unit-{unit.id}"
        elif area and area.has_access("read"):
            params["place"] = f"area-{area.id}"
        return "/my/report" + ("?" + urlencode(params) if params else "")
