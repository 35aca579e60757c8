"""Owners are offered only the categories meant for them: the maintenance
categories (equipment upkeep, not a repair an owner reports) leave the
portal. Their data is noupdate, so the flag is set here on existing
databases."""

from odoo import SUPERUSER_ID, api

MAINTENANCE_CATEGORIES = [
    "pm_aftersales.helpdesk_category_equipment",
    "pm_aftersales.helpdesk_category_equipment_pump",
    "pm_aftersales.helpdesk_category_equipment_hvac",
]


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    categories = env["helpdesk.ticket.category"]
    for xmlid in MAINTENANCE_CATEGORIES:
        categories |= env.ref(xmlid, raise_if_not_found=False) or categories
    categories.write({"show_in_portal": False})
