# The office-hours time limits counted Odoo's standard calendar, in the time
# zone of whoever installed the database: the shipped limits now count the
# addon's office hours, and the companies' working hours go to their own time
# zone, as a new install does.
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    office = env.ref("pm_aftersales.resource_calendar_office", raise_if_not_found=False)
    standard = env.ref("resource.resource_calendar_std", raise_if_not_found=False)
    if office and standard:
        shipped = env["ir.model.data"].search(
            [("module", "=", "pm_aftersales"), ("model", "=", "pm.sla.rule.line")]
        )
        lines = env["pm.sla.rule.line"].browse(shipped.mapped("res_id")).exists()
        lines.filtered(lambda line: line.calendar_id == standard).calendar_id = office
    env["res.company"]._pm_init_calendars()
