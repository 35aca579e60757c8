"""helpdesk_mgmt's list of jobs (/my/tickets) in the reader's language:
helpdesk_mgmt ships no Chinese for the labels its code writes."""

from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk


class PmTicketListPortal(CustomerPortalHelpdesk):
    def _ticket_get_searchbar_sortings(self):
        sortings = super()._ticket_get_searchbar_sortings()
        env = request.env
        labels = {
            "date": env._("Newest first"),
            "name": env._("By title"),
            "stage": env._("By status"),
            "update": env._("Recently updated"),
        }
        for key, label in labels.items():
            if key in sortings:
                sortings[key]["label"] = label
        return sortings

    def _ticket_get_searchbar_groupby(self):
        groupby = super()._ticket_get_searchbar_groupby()
        env = request.env
        labels = {
            "none": env._("No grouping"),
            "category": env._("By category"),
            "stage": env._("By status"),
        }
        for key, label in labels.items():
            if key in groupby:
                groupby[key]["label"] = label
        return groupby

    def _ticket_get_searchbar_inputs(self):
        inputs = super()._ticket_get_searchbar_inputs()
        env = request.env
        labels = {
            "all": env._("Search everywhere"),
            "number": env._("Search by job number"),
            "name": env._("Search by title"),
        }
        for key, label in labels.items():
            if key in inputs:
                inputs[key]["label"] = label
        return inputs

    @http.route()
    def portal_my_tickets(self, *args, **kw):
        response = super().portal_my_tickets(*args, **kw)
        filters = getattr(response, "qcontext", {}).get("searchbar_filters") or {}
        if "all" in filters:
            # helpdesk_mgmt writes its "All" filter inline.
            filters["all"]["label"] = request.env._("All")
        return response
