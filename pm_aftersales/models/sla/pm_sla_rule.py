from odoo import api, fields, models, tools

PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]


class PmSlaRule(models.Model):
    """Time limits (处理时限) for the jobs it matches: one or more milestones,
    each with its own duration and working calendar.

    A ticket takes the first active rule, by sequence, whose criteria it
    meets; an empty criterion matches anything.
    """

    _name = "pm.sla.rule"
    _inherit = ["pm.cache.clear.mixin"]
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
    @tools.ormcache()
    def _get_rules_data(self):
        """The matching criteria of every active rule, in order: read once and
        kept until a rule changes, so that creating a job costs no rule query."""
        rules = self.sudo().search([])
        return tuple(
            (
                rule.id,
                rule.company_id.id,
                frozenset(rule.ticket_type_ids.ids),
                frozenset(rule.category_ids.ids),
                rule.priority or None,
                frozenset(rule.team_ids.ids),
            )
            for rule in rules
        )

    @api.model
    def _find_for_tickets(self, tickets):
        """Map each ticket to the rule that governs it (or an empty recordset):
        the first rule, by sequence, whose criteria it meets."""
        rules_data = self._get_rules_data()
        result = {}
        for ticket in tickets:
            category_path = {
                int(cid) for cid in (ticket.category_id.parent_path or "").split("/") if cid
            }
            rule_id = next(
                (data[0] for data in rules_data if self._data_matches(data, ticket, category_path)),
                None,
            )
            result[ticket] = self.browse(rule_id)
        return result

    @api.model
    def _data_matches(self, data, ticket, category_path):
        _rule_id, company_id, type_ids, category_ids, priority, team_ids = data
        return (
            (not company_id or company_id == ticket.company_id.id)
            and (not type_ids or ticket.ticket_type_id.id in type_ids)
            and (not priority or ticket.priority == priority)
            and (not team_ids or ticket.team_id.id in team_ids)
            and (not category_ids or bool(category_path & category_ids))
        )
