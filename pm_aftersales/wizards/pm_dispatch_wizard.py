from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class PmDispatchWizard(models.TransientModel):
    """Dispatch (派单): give a job to a technician (with a crew), to the pool of
    a crew, or to an outsourced company; the candidates are proposed by skill,
    duty and open workload."""

    _name = "pm.dispatch.wizard"
    _description = "Dispatch a Job"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    trade_id = fields.Many2one(related="ticket_id.trade_id")
    parts_state = fields.Selection(related="ticket_id.parts_state")
    parts_expected_date = fields.Datetime(related="ticket_id.parts_expected_date")
    part_ids = fields.One2many(related="ticket_id.part_ids", string="Parts")
    mode = fields.Selection(
        selection=[
            ("assign", "Assign a Technician"),
            ("pool", "Put in the Crew's Pool"),
            ("auto", "Best Candidate"),
            ("vendor", "Outsource"),
        ],
        required=True,
        default="assign",
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Crew",
        compute="_compute_team_id",
        store=True,
        readonly=False,
    )
    user_id = fields.Many2one("res.users", string="Technician", domain="[('share', '=', False)]")
    crew_ids = fields.Many2many(
        "res.users", string="Crew Members", domain="[('share', '=', False)]"
    )
    vendor_id = fields.Many2one(
        "res.partner", string="Outsourced Company", domain="[('pm_is_vendor', '=', True)]"
    )
    line_ids = fields.One2many(
        "pm.dispatch.wizard.line",
        "wizard_id",
        string="Candidates",
        compute="_compute_line_ids",
        store=True,
    )

    @api.depends("ticket_id")
    def _compute_team_id(self):
        for wizard in self:
            wizard.team_id = wizard.ticket_id.team_id

    @api.depends("ticket_id", "team_id")
    def _compute_line_ids(self):
        for wizard in self:
            ticket = wizard.ticket_id
            rows = ticket._get_dispatch_candidates(team=wizard.team_id) if ticket else []
            wizard.line_ids = [Command.clear()] + [
                Command.create(
                    {
                        "user_id": row["user"].id,
                        "employee_id": row["employee"].id if row["employee"] else False,
                        "skilled": row["skilled"],
                        "on_duty": row["on_duty"],
                        "workload": row["workload"],
                    }
                )
                for row in rows
            ]

    def action_confirm(self):
        self.ensure_one()
        ticket = self.ticket_id
        if self.team_id and ticket.team_id != self.team_id:
            ticket.team_id = self.team_id
        if self.mode == "assign":
            if not self.user_id:
                raise UserError(self.env._("Choose the technician to assign."))
            ticket.with_context(pm_dispatch_mode="assign")._dispatch(
                self.user_id, crew=self.crew_ids
            )
        elif self.mode == "pool":
            if not self.team_id:
                raise UserError(self.env._("Choose the crew whose pool gets the job."))
            ticket.with_context(pm_dispatch_mode="pool")._dispatch(pool=True)
        elif self.mode == "auto":
            best = next((line for line in self.line_ids if line.skilled and line.on_duty), None)
            if not best:
                raise UserError(
                    self.env._(
                        "No technician of this crew has the skill and is on duty: assign "
                        "someone, use the pool or outsource the job."
                    )
                )
            ticket.with_context(pm_dispatch_mode="auto")._dispatch(best.user_id)
        else:
            if not self.vendor_id:
                raise UserError(self.env._("Choose the outsourced company."))
            ticket.with_context(pm_dispatch_mode="vendor")._dispatch(vendor=self.vendor_id)
        return {"type": "ir.actions.act_window_close"}
