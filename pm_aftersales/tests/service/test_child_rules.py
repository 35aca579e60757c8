from pathlib import Path

from lxml import etree

from odoo.fields import Domain
from odoo.modules.module import get_module_path
from odoo.orm.domains import DomainCondition, DomainNary, DomainNot
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

# A job's children (time limits, pauses, delays, assignments, acceptances,
# follow-ups) are seen by a role exactly as the job itself: each of their rules
# is the job's rule for the same role (helpdesk_mgmt's, or our crew rule) with
# every field path put under ``ticket_id.``. Rule id suffix -> the job rules.
TICKET_RULES = {
    "company_rule": ("helpdesk_mgmt.helpdesk_ticket_comp_rule",),
    "technician_rule": (
        "helpdesk_mgmt.helpdesk_ticket_personal_rule",
        "pm_aftersales.helpdesk_ticket_crew_rule",
    ),
    "eng_supervisor_rule": ("helpdesk_mgmt.helpdesk_ticket_team_rule",),
    "assistant_rule": ("helpdesk_mgmt.helpdesk_ticket_user_rule",),
}
# Children whose rules are their own on purpose: a technician records the
# parts of his own jobs only (not of his crew's pool), and the store sees all.
OWN_RULES = {"pm.ticket.part"}
# The internal helpdesk groups whose ticket rules the children must follow.
HELPDESK_GROUPS = (
    "helpdesk_mgmt.group_helpdesk_user_own",
    "helpdesk_mgmt.group_helpdesk_user_team",
    "helpdesk_mgmt.group_helpdesk_user",
)
PERMS = ("perm_read", "perm_write", "perm_create", "perm_unlink")


class Symbol:
    """A name of a rule's evaluation context (``user``, ``company_ids``) kept
    as its expression, so that domains compare by what they say, whoever the
    user is."""

    def __init__(self, expr):
        self.expr = expr

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return Symbol(f"{self.expr}.{name}")

    def __add__(self, other):
        return Symbol(f"{self.expr} + {other!r}")

    def __radd__(self, other):
        return Symbol(f"{other!r} + {self.expr}")

    def __eq__(self, other):
        return isinstance(other, Symbol) and other.expr == self.expr

    def __hash__(self):
        return hash(self.expr)

    def __repr__(self):
        return self.expr


RULE_CONTEXT = {name: Symbol(name) for name in ("user", "company_ids", "company_id", "time")}


class _Command:
    @staticmethod
    def link(value):
        return value


def read_rules(module):
    """The ir.rule records of ``module``'s security files, as written (the
    database keeps the first version of a noupdate rule): {xml id: rule}."""

    def ref(name):
        return name if "." in name else f"{module}.{name}"

    def evaluate(fields, name, default):
        field = fields.get(name)
        if field is None:
            return default
        return safe_eval(field.get("eval"), {"ref": ref, "Command": _Command})

    rules = {}
    for path in sorted(Path(get_module_path(module), "security").rglob("*.xml")):
        for record in etree.parse(str(path)).iter("record"):
            if record.get("model") != "ir.rule":
                continue
            fields = {field.get("name"): field for field in record.iter("field")}
            groups = evaluate(fields, "groups", [])
            rules[ref(record.get("id"))] = {
                "model": ref(fields["model_id"].get("ref")),
                "domain": Domain(safe_eval(fields["domain_force"].text, dict(RULE_CONTEXT))),
                "groups": {group[-1] if isinstance(group, tuple) else group for group in groups},
                "perms": {perm: evaluate(fields, perm, True) for perm in PERMS},
                "file": path,
            }
    return rules


def canonical(domain):
    """A domain as nested frozensets: equal for equal meanings written in
    another order or nesting."""
    if domain.is_true() or domain.is_false():
        return domain.is_true()
    if isinstance(domain, DomainNary):
        return (domain.OPERATOR, frozenset(canonical(child) for child in domain.children))
    if isinstance(domain, DomainNot):
        return ("!", canonical(domain.child))
    assert isinstance(domain, DomainCondition), domain
    value = domain.value
    if domain.operator in ("any", "not any"):
        value = canonical(Domain(value))
    elif isinstance(value, list | tuple):
        value = tuple(value)
    return (domain.field_expr, domain.operator, value)


@tagged("post_install", "-at_install")
class TestChildRules(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = read_rules("helpdesk_mgmt") | read_rules("pm_aftersales")
        Ticket = cls.env["helpdesk.ticket"]
        cls.children = {
            model._name
            for model in cls.env.registry.values()
            if not model._abstract
            and not model._transient
            and model._original_module == "pm_aftersales"
            and (field := model._fields.get("ticket_id"))
            and field.comodel_name == Ticket._name
            and field.required
            and field.ondelete == "cascade"
        }

    def _model_xmlid(self, model):
        return f"pm_aftersales.model_{model.replace('.', '_')}"

    def _under_ticket(self, model, domain):
        """``domain`` of a ticket rule written on its child ``model``."""
        return domain.map_conditions(
            lambda cond: Domain(f"ticket_id.{cond.field_expr}", cond.operator, cond.value)
        )

    def _unrelate(self, model, domain):
        """A child's related fields (company_id) replaced by their ticket path."""
        fields = self.env[model]._fields

        def unrelate(cond):
            name, _sep, rest = cond.field_expr.partition(".")
            related = fields[name].related
            if related and related.startswith("ticket_id."):
                return Domain(".".join(filter(None, (related, rest))), cond.operator, cond.value)
            return cond

        return domain.map_conditions(unrelate)

    def test_children_are_found(self):
        self.assertLessEqual(
            {
                "pm.ticket.milestone",
                "pm.ticket.pause",
                "pm.ticket.delay",
                "pm.ticket.assignment",
                "pm.ticket.acceptance",
                "pm.ticket.followup",
                "pm.ticket.part",
            },
            self.children,
        )

    def test_child_rules_follow_the_ticket_rules(self):
        for model in sorted(self.children - OWN_RULES):
            model_xmlid = self._model_xmlid(model)
            child_rules = {
                xmlid: rule for xmlid, rule in self.rules.items() if rule["model"] == model_xmlid
            }
            prefix = f"pm_aftersales.{model.replace('.', '_')}_"
            # every role the job has a rule for has one on its child, and no other
            self.assertEqual(
                {xmlid.removeprefix(prefix) for xmlid in child_rules},
                set(TICKET_RULES),
                model,
            )
            for suffix, ticket_xmlids in TICKET_RULES.items():
                child = child_rules[prefix + suffix]
                tickets = [self.rules[xmlid] for xmlid in ticket_xmlids]
                with self.subTest(rule=prefix + suffix):
                    expected = Domain.OR(
                        self._under_ticket(model, ticket["domain"]) for ticket in tickets
                    )
                    self.assertEqual(
                        canonical(self._unrelate(model, child["domain"])),
                        canonical(expected),
                        f"{prefix + suffix} ({child['file'].name}) is not "
                        f"{' | '.join(ticket_xmlids)} under ticket_id",
                    )
                    for ticket in tickets:
                        self.assertEqual(child["perms"], ticket["perms"])
                    self._assert_same_groups(child, tickets)

    def _assert_same_groups(self, child, tickets):
        """The child rule's groups give the ticket rules' groups, and only them."""
        child_groups = self.env["res.groups"].browse(
            self.env.ref(xmlid).id for xmlid in child["groups"]
        )
        ticket_groups = self.env["res.groups"].browse(
            self.env.ref(xmlid).id for ticket in tickets for xmlid in ticket["groups"]
        )
        self.assertEqual(bool(child_groups), bool(ticket_groups), "global rule for global rule")
        for group in ticket_groups:
            self.assertIn(group, child_groups.all_implied_ids)
        for group in child_groups:
            self.assertTrue(group.all_implied_ids & ticket_groups, group.display_name)

    def test_every_internal_ticket_rule_is_followed(self):
        """A new helpdesk_mgmt rule on tickets for an internal helpdesk group
        (or a renamed one) must be mapped here, or the children miss it."""
        followed = {xmlid for xmlids in TICKET_RULES.values() for xmlid in xmlids}
        internal = {
            xmlid
            for xmlid, rule in self.rules.items()
            if rule["model"] == "helpdesk_mgmt.model_helpdesk_ticket"
            and (not rule["groups"] or rule["groups"] & set(HELPDESK_GROUPS))
        }
        self.assertEqual(internal - followed, set())
        self.assertLessEqual(followed, set(self.rules))
