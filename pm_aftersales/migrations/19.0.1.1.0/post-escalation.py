# Late rectification orders climbed a fixed ladder: the rectification owner
# the day after the deadline, then one manager up every "escalation delay"
# days (a company setting). They now climb their company's escalation ladder
# (pm.rectification.escalation), like the jobs' milestones: the setting
# becomes each company's ladder, the shipped levels with its delay.
import logging

from odoo import SUPERUSER_ID, api
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not column_exists(cr, "res_company", "pm_rectification_escalation_days"):
        return
    cr.execute("SELECT id, pm_rectification_escalation_days FROM res_company")
    # The cron read the setting with "or 1": empty meant one day.
    delays = {company_id: days or 1 for company_id, days in cr.fetchall()}
    env = api.Environment(cr, SUPERUSER_ID, {})
    Ladder = env["pm.rectification.escalation"]
    main = env.ref("base.main_company", raise_if_not_found=False)
    template = Ladder.search([("company_id", "=", main.id)]) if main else Ladder
    for company in env["res.company"].browse(delays).exists():
        levels = Ladder.search([("company_id", "=", company.id)])
        if not levels:
            if not template:
                _logger.warning("No escalation ladder to copy to %s", company.name)
                continue
            levels = Ladder.browse(
                [level.copy({"company_id": company.id}).id for level in template]
            )
        # The first level stays the day after the deadline; the next ones
        # come the company's delay after the previous escalation.
        levels.filtered(lambda level: level.level > 1).delay_days = delays[company.id]
