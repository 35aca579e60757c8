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
    user_id = fields.Many2one(
        "res.users",
        string="Technician",
        domain="[('share', '=', False)]",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        help="Proposed: the best-ranked candidate of the crew who has the trade and is on duty.",
    )
    crew_ids = fields.Many2many(
        "res.users", string="Crew Members", domain="[('share', '=', False)]"
    )
    vendor_id = fields.Many2one(
        "res.partner", string="Outsourced Company", domain="[('pm_is_vendor', '=', True)]"
    )
    # The candidates of every crew the job could go to, made with the
    # wizard: the rows shown are saved records whatever crew is chosen, so
    # their "Assign" button works (the web client runs no button of a row
    # that is not saved yet). Not readonly: a form's onchange then takes
    # them from the saved wizard instead of making new ones.
    candidate_ids = fields.One2many(
        "pm.dispatch.wizard.line",
        "wizard_id",
        string="All Candidates",
        compute="_compute_candidate_ids",
        store=True,
        readonly=False,
    )
    line_ids = fields.One2many(
        "pm.dispatch.wizard.line",
        "wizard_id",
        string="Candidates",
        compute="_compute_line_ids",
        help="Technicians of the crew who could take the job, best first: skilled in its "
        "trade, on duty now, least open work.",
    )

    @api.depends("ticket_id")
    def _compute_team_id(self):
        for wizard in self:
            wizard.team_id = wizard.ticket_id.team_id

    @api.depends("ticket_id")
    def _compute_candidate_ids(self):
        Team = self.env["helpdesk.ticket.team"]
        for wizard in self:
            ticket = wizard.ticket_id
            rows = {}
            if ticket:
                crews = Team.search(
                    [("company_id", "in", [False, ticket.company_id.id]), ("user_ids", "!=", False)]
                )
                # without members, a crew's candidates are all the technicians
                for crew in [Team, *crews]:
                    for candidate in ticket._get_dispatch_candidates(team=crew):
                        row = rows.setdefault(candidate["user"], dict(candidate, any_crew=False))
                        row["any_crew"] = row["any_crew"] or not crew
            ranked = sorted(
                rows.values(),
                key=lambda r: (not r["skilled"], not r["on_duty"], r["workload"], r["user"].name),
            )
            wizard.candidate_ids = [Command.clear()] + [
                Command.create(
                    {
                        "user_id": row["user"].id,
                        "employee_id": row["employee"].id if row["employee"] else False,
                        "skilled": row["skilled"],
                        "on_duty": row["on_duty"],
                        "workload": row["workload"],
                        "any_crew": row["any_crew"],
                    }
                )
                for row in ranked
            ]

    @api.depends("candidate_ids", "team_id")
    def _compute_line_ids(self):
        for wizard in self:
            members = wizard.team_id.user_ids.filtered(lambda user: not user.share)
            wizard.line_ids = wizard.candidate_ids.filtered(
                lambda line, members=members: line.user_id in members if members else line.any_crew
            )

    @api.depends("line_ids")
    def _compute_user_id(self):
        for wizard in self:
            if wizard.user_id and wizard.user_id in wizard.line_ids.user_id:
                continue
            best = wizard._get_best_line()
            wizard.user_id = best.user_id if best else False

    def _get_best_line(self):
        """The first candidate, in rank order, who has the trade and is on duty."""
        self.ensure_one()
        return next((line for line in self.line_ids if line.skilled and line.on_duty), None)

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
            best = self._get_best_line()
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
