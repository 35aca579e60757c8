from odoo import fields, models


class PmMaintenanceCheck(models.Model):
    """One checklist point of a maintenance request, ticked by the technician.
    A failed check opens a repair job on the equipment."""

    _name = "pm.maintenance.check"
    _description = "Maintenance Check"
    _order = "request_id, sequence, id"

    request_id = fields.Many2one(
        "maintenance.request", string="Request", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Check", required=True)
    instruction = fields.Text()
    result = fields.Selection(
        [("ok", "OK"), ("failed", "Failed"), ("na", "Not Applicable")],
        help="OK, failed (opens a repair job) or not applicable.",
    )
    note = fields.Char(help="What was found: required when the check failed.")
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Repair Job", readonly=True, copy=False, index="btree_not_null"
    )

    _failed_needs_note = models.Constraint(
        "CHECK(result IS DISTINCT FROM 'failed' OR note IS NOT NULL)",
        "Say what was found when a check fails: the repair job starts from it.",
    )
