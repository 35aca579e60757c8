from odoo import fields, models


class PmTicketType(models.Model):
    """Kind of job: urgent repair (急修), minor repair (小修), complaint (投诉),
    enquiry (咨询), pipe unblocking (管道疏通), servicing of lifts and pumps (设备保养),
    value-added service. Time-limit rules and the workflow depend on it."""

    _name = "pm.ticket.type"
    _description = "Ticket Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    is_complaint = fields.Boolean(
        help="Complaints are investigated, answered and resolved; they have no technician visit."
    )
    needs_visit = fields.Boolean(
        string="Needs a Visit",
        default=True,
        help="A technician goes on site: dispatch, check-in and owner acceptance apply.",
    )
    needs_followup = fields.Boolean(
        string="Needs a Follow-up Visit",
        default=True,
        help="Customer service visits the owner back for satisfaction once the work is accepted.",
    )
    is_repair = fields.Boolean(
        string="Repair",
        help="A repair: the technician records the failure cause when completing the job, "
        "and it counts in the failure analysis.",
    )
    default_priority = fields.Selection(
        selection=[("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")],
        default="1",
    )
    description = fields.Text(translate=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "A ticket type with this code already exists.")
