from datetime import timedelta

from odoo import api, fields, models


class PmDemoBuilder(models.AbstractModel):
    """Owner notices in the demo: some owners want SMS only (one has no
    e-mail), the late urgent job was urged on the hotline, and a neighbour
    reported the fault of an open public-area job again (to merge)."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_notify(self):
        Ticket = self.env["helpdesk.ticket"]
        owners = self.env["pm.unit.occupant"].search([("role", "=", "owner")]).partner_id
        sms_only = owners.sorted("id")[:6]
        sms_only.write({"pm_notify_channel": "sms"})
        sms_only[:1].email = False
        late = Ticket.search(
            [("service_state", "in", ("new", "dispatched", "accepted")), ("is_late", "=", True)],
            order="report_date",
            limit=1,
        )
        if late.partner_id and late._pm_can_urge():
            late._pm_urge(late.partner_id, channel="phone")
        original = Ticket.search(
            [
                ("service_state", "in", ("new", "dispatched", "accepted")),
                ("public_area_id", "!=", False),
                ("category_id", "!=", False),
                "|",
                ("maintenance_request_id", "=", False),
                ("maintenance_request_id.maintenance_type", "=", "corrective"),
                ("duplicate_id", "=", False),
            ],
            order="report_date desc",
            limit=1,
        )
        reporter = (owners - original.partner_id)[-1:]
        if original and reporter:
            Ticket.create(
                {
                    "name": original.name,
                    "description": original.description,
                    "category_id": original.category_id.id,
                    "public_area_id": original.public_area_id.id,
                    "equipment_id": original.equipment_id.id,
                    "partner_id": reporter.id,
                    "team_id": original.team_id.id,
                    "report_date": min(
                        original.report_date + timedelta(hours=1), fields.Datetime.now()
                    ),
                    "channel_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
                }
            )
        return True
