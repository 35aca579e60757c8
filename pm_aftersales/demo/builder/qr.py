from odoo import api, models

# Where the demo estate 翠湖花园 is (Hangzhou); other estates a little apart.
DEMO_POSITIONS = {"CHG": (30.2592, 120.1440)}


class PmDemoBuilder(models.AbstractModel):
    """The demo's check-ins are proven as on a real site: most technicians
    scan the place's QR label, some check in by their phone's position, a
    few give a reason (a torn label)."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_qr(self):
        self._pm_demo_estate_positions()
        self._pm_demo_past_checkin_proofs()

    @api.model
    def _pm_demo_past_checkin_proofs(self):
        """The demo's history (jobs whose check-in other builders dated
        directly): proven mostly by the label, some by the position, a few
        with a reason, as on the live site."""
        jobs = self.env["helpdesk.ticket"].search(
            [("checkin_date", "!=", False), ("checkin_method", "=", False)]
        )
        by_method = {"qr": jobs.browse(), "gps": jobs.browse(), "manual": jobs.browse()}
        for job in jobs:
            method = {4: "manual", 2: "gps", 7: "gps"}.get(job.id % 9, "qr")
            by_method[method] |= job
        for method, group in by_method.items():
            vals = {"checkin_method": method}
            if method == "manual":
                vals["checkin_reason"] = "门口二维码标签破损，无法扫码"
            group.write(vals)
            group.milestone_ids.filtered(
                lambda m: m.milestone_type == "arrival" and m.state in ("met", "missed")
            ).write({"proof_method": method})

    @api.model
    def _pm_demo_estate_positions(self):
        estates = self.env["pm.estate"].search([("pm_latitude", "=", 0), ("pm_longitude", "=", 0)])
        default = next(iter(DEMO_POSITIONS.values()))
        for index, estate in enumerate(estates):
            lat, lon = DEMO_POSITIONS.get(estate.code, default)
            # estates without a known position a little apart from each other
            offset = 0 if estate.code in DEMO_POSITIONS else 0.01 * (index + 1)
            estate.write({"pm_latitude": lat + offset, "pm_longitude": lon})

    @api.model
    def _job_step(self, story, ticket, hours_ago, action, *args, user=None, **kwargs):
        if action == "action_check_in" and not (user or self.env.user).share:
            action, args = self._pm_demo_checkin(ticket)
        return super()._job_step(story, ticket, hours_ago, action, *args, user=user, **kwargs)

    @api.model
    def _pm_demo_checkin(self, ticket):
        """(method, arguments) of the demo check-in of ``ticket``."""
        self._pm_demo_estate_positions()
        place = ticket.equipment_id or ticket.unit_id or ticket.public_area_id
        estate = ticket.estate_id.sudo()
        if ticket.id % 9 == 4 or not place:
            return "_pm_check_in_manual", ("门口二维码标签破损，无法扫码",)
        if ticket.id % 9 in (2, 7) and estate._pm_has_position():
            return "_pm_check_in_gps", (estate.pm_latitude + 0.0006, estate.pm_longitude)
        return "action_pm_scan", (place.sudo().pm_qr_url,)
