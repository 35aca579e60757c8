# The budget approval limits of each company (pm.approval.limit: up to which
# amount the members of a group approve a rectification budget, or any
# amount) become tier definitions of tier validation, approved the same way:
# a budget between two limits goes to any member of the groups whose limit
# reaches it. Budgets waiting for approval get their reviews. The limits'
# table, gone from the registry, is read in SQL, then dropped.
from ast import literal_eval

from odoo import SUPERUSER_ID, api

MODEL = "pm.rectification.order"


def budget_bands(limits):
    """[(above, up_to or None, group ids)] from ``limits`` [(group id,
    amount, unlimited)]: one band per amount a limit stops at, from the
    smallest, approved by the groups whose limit reaches its top; the last,
    with no top, by the unlimited groups (none: nobody approves more)."""
    amounts = sorted({amount for _group, amount, unlimited in limits if not unlimited and amount})
    bands, lower = [], 0.0
    for upper in amounts:
        groups = [g for g, amount, unlimited in limits if unlimited or (amount or 0) >= upper]
        bands.append((lower, upper, sorted(set(groups))))
        lower = upper
    unlimited = sorted({g for g, _amount, unlimited in limits if unlimited})
    if unlimited:
        bands.append((lower, None, unlimited))
    return bands


def _number(amount):
    return int(amount) if float(amount).is_integer() else float(amount)


def band_domain(lower, upper):
    """The domain of the budgets above ``lower`` and up to ``upper``."""
    terms = [("budget_amount", ">", _number(lower))] if lower else []
    if upper is not None:
        terms.append(("budget_amount", "<=", _number(upper)))
    return "[" + ", ".join(f'("{f}", "{op}", {value!r})' for f, op, value in terms) + "]"


def _signature(domains_and_groups):
    return sorted(
        (tuple(tuple(term) for term in literal_eval(domain or "[]")), tuple(sorted(groups)))
        for domain, groups in domains_and_groups
    )


def convert_company(env, company, limits):
    """The tiers of ``company`` from its ``limits``: the shipped ones stay if
    they say the same, else they are archived for the converted ones."""
    Definition = env["tier.definition"].with_context(active_test=True)
    bands = budget_bands(limits)
    existing = Definition.search([("model", "=", MODEL), ("company_id", "=", company.id)])
    wanted = [(band_domain(lower, upper), groups) for lower, upper, groups in bands]
    have = [(d.definition_domain, d.pm_reviewer_group_ids.ids) for d in existing]
    if _signature(have) == _signature(wanted):
        return existing
    existing.active = False
    model = env["ir.model"]._get(MODEL)
    created = Definition.create(
        [
            {
                "name": Definition._pm_budget_tier_name(lower, upper, company),
                "model_id": model.id,
                "review_type": "pm_groups",
                "pm_reviewer_group_ids": [(6, 0, groups)],
                "definition_domain": band_domain(lower, upper),
                "sequence": 10 * index,
                "company_id": company.id,
            }
            for index, (lower, upper, groups) in enumerate(bands, start=1)
        ]
    )
    for code, _name in env["res.lang"].get_installed():
        if code == "en_US":
            continue
        translated = Definition.with_context(lang=code)
        for definition, (lower, upper, _groups) in zip(created, bands, strict=True):
            definition.with_context(lang=code).name = translated._pm_budget_tier_name(
                lower, upper, company
            )
    return created


def migrate(cr, version):
    cr.execute("SELECT to_regclass('pm_approval_limit') IS NOT NULL")
    if not cr.fetchone()[0]:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        """SELECT l.company_id, l.group_id, l.amount, COALESCE(l.unlimited, false)
             FROM pm_approval_limit l JOIN res_groups g ON g.id = l.group_id
            ORDER BY l.company_id, l.id"""
    )
    by_company = {}
    for company_id, group_id, amount, unlimited in cr.fetchall():
        by_company.setdefault(company_id, []).append((group_id, amount, unlimited))
    for company in env["res.company"].browse(sorted(by_company)).exists():
        convert_company(env, company, by_company[company.id])
    waiting = env[MODEL].search([("budget_state", "=", "submitted"), ("review_ids", "=", False)])
    waiting.request_validation()
    # Odoo forgets a model gone from the code but drops no table of it; the
    # shipped limits and their multi-company rule were noupdate data.
    cr.execute(
        """DELETE FROM ir_rule WHERE id IN (
               SELECT res_id FROM ir_model_data
                WHERE module = 'pm_aftersales' AND name = 'pm_approval_limit_company_rule')"""
    )
    cr.execute(
        """DELETE FROM ir_model_data WHERE module = 'pm_aftersales'
              AND (model = 'pm.approval.limit' OR name = 'pm_approval_limit_company_rule')"""
    )
    cr.execute("DROP TABLE pm_approval_limit CASCADE")
