from odoo import fields, models

from .helpdesk_ticket import OPEN_SERVICE_STATES


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    trade_ids = fields.Many2many(
        "pm.trade", string="Trades", help="New jobs of these trades go to this crew."
    )
    dispatch_mode = fields.Selection(
        selection=[
            ("assign", "Dispatcher Assigns"),
            ("pool", "Pool (Technicians Grab)"),
            ("auto", "Automatic (Least Loaded, Skilled, On Duty)"),
        ],
        string="Dispatch Mode",
        default="assign",
        required=True,
    )

    def _get_dispatch_candidates(self, ticket):
        """Technicians of this crew (without members: all the technicians of
        the job's company) who could take ``ticket``, best first: skilled in
        its trade, on duty now, least open work. A few grouped queries for all
        of them."""
        users = self.user_ids or self.env["res.users"].search(
            [
                ("all_group_ids", "in", self.env.ref("pm_aftersales.group_pm_technician").ids),
                ("company_ids", "in", ticket.company_id.ids),
            ]
        )
        candidates = self._prepare_dispatch_candidates(
            ticket, users.filtered(lambda u: not u.share)
        )
        candidates.sort(
            key=lambda c: (not c["skilled"], not c["on_duty"], c["workload"], c["user"].name)
        )
        return candidates

    def _prepare_dispatch_candidates(self, ticket, users):
        """The candidate dicts (user, employee, skilled, on_duty, workload) of
        ``users`` for ``ticket``, unsorted: a few grouped queries for all.
        The employees' trades and calendars are read as the system: whoever
        registers or dispatches the job (an assistant, not an HR officer)
        may only read the public employee profile."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "in", users.ids), ("company_id", "=", ticket.company_id.id)])
        )
        employee_of = {employee.user_id: employee for employee in employees}
        workload = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("user_id", "in", users.ids), ("service_state", "in", OPEN_SERVICE_STATES)],
                ["user_id"],
                ["__count"],
            )
        )
        on_duty = employees._pm_get_on_duty(fields.Datetime.now())
        trade = ticket.trade_id
        candidates = []
        for user in users:
            employee = employee_of.get(user)
            candidates.append(
                {
                    "user": user,
                    "employee": employee,
                    "skilled": bool(not trade or (employee and trade in employee.pm_trade_ids)),
                    "on_duty": bool(employee and employee in on_duty),
                    "workload": workload.get(user, 0),
                }
            )
        return candidates

    def _dispatch_new_job(self, ticket):
        """A new job of a crew in automatic dispatch goes to the least loaded
        skilled technician on duty; one of a crew working from a pool goes to
        the pool, where the first technician to grab it takes it."""
        if self.dispatch_mode == "pool":
            ticket.with_context(pm_dispatch_mode="pool")._dispatch(pool=True)
        elif self.dispatch_mode == "auto":
            best = next(
                (c for c in self._get_dispatch_candidates(ticket) if c["skilled"] and c["on_duty"]),
                None,
            )
            if best:
                ticket.with_context(pm_dispatch_mode="auto")._dispatch(best["user"])
