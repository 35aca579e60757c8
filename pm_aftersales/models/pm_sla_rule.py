from odoo import api, fields, models

PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]


class PmSlaRule(models.Model):
    """Time limits (处理时限) for the jobs it matches: one or more milestones,
    each with its own duration and working calendar.

    A ticket takes the first active rule, by sequence, whose criteria it
    meets; an empty criterion matches anything.
    """

    _name = "pm.sla.rule"
    _description = "Time-Limit Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to apply to every company."
    )
    ticket_type_ids = fields.Many2many("pm.ticket.type", string="Ticket Types")
    category_ids = fields.Many2many(
        "helpdesk.ticket.category",
        string="Categories",
        help="Matches these categories and their sub-categories.",
    )
    priority = fields.Selection(PRIORITIES, help="Leave empty for any priority.")
    team_ids = fields.Many2many("helpdesk.ticket.team", string="Teams")
    line_ids = fields.One2many("pm.sla.rule.line", "rule_id", string="Milestones", copy=True)
    description = fields.Text(translate=True)

    @api.model
    def _find_for_tickets(self, tickets):
        """Map each ticket to the rule that governs it (or an empty recordset).

        All candidate rules are read once, whatever the number of tickets.
        """
        rules = self.search([("company_id", "in", tickets.company_id.ids + [False])])
        return {ticket: rules._match(ticket) for ticket in tickets}

    def _match(self, ticket):
        for rule in self:
            if rule._matches(ticket):
                return rule
        return self.browse()

    def _matches(self, ticket):
        self.ensure_one()
        if self.company_id and self.company_id != ticket.company_id:
            return False
        if self.ticket_type_ids and ticket.ticket_type_id not in self.ticket_type_ids:
            return False
        if self.priority and ticket.priority != self.priority:
            return False
        if self.team_ids and ticket.team_id not in self.team_ids:
            return False
        if self.category_ids:
            category = ticket.category_id
            if not category:
                return False
            ancestors = {int(cid) for cid in (category.parent_path or "").split("/") if cid}
            if not ancestors & set(self.category_ids.ids):
                return False
        return True
