from odoo import models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # The job's link (sent to the owner) opens its chatter only to whoever is
    # not logged in (pm_portal_token_guard.py).
    _pm_chatter_links = "visitors"
