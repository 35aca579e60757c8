"""helpdesk_mgmt's portal ticket list in the reader's language: its sort,
group and search labels are written in its Python code, which Odoo translates
from helpdesk_mgmt's own catalogues only (it ships no Chinese). The same
labels, written here, come from this addon's catalogue."""

from odoo import http
from odoo.http import request

from .portal_owner import PmOwnerPortal


class PmTicketLabelsPortal(PmOwnerPortal):
    def _pm_ticket_labels(self):
        _ = request.env._
        return {
            "sortings": {
                "date": _("Newest"),
                "name": _("By Title"),
                "stage": _("Stage"),
                "update": _("Last Stage Update"),
            },
            "groupby": {
                "none": _("No Grouping"),
                "category": _("By Category"),
                "stage": _("Stage"),
            },
            "inputs": {
                "all": _("Search in All"),
                "number": _("Search in Number"),
                "name": _("Search in Title"),
            },
            "filters": {"all": _("All")},
        }

    @staticmethod
    def _pm_relabel(options, labels):
        for key, label in labels.items():
            if key in options:
                options[key] = dict(options[key], label=label)
        return options

    def _ticket_get_searchbar_sortings(self):
        return self._pm_relabel(
            super()._ticket_get_searchbar_sortings(), self._pm_ticket_labels()["sortings"]
        )

    def _ticket_get_searchbar_groupby(self):
        return self._pm_relabel(
            super()._ticket_get_searchbar_groupby(), self._pm_ticket_labels()["groupby"]
        )

    def _ticket_get_searchbar_inputs(self):
        return self._pm_relabel(
            super()._ticket_get_searchbar_inputs(), self._pm_ticket_labels()["inputs"]
        )

    @http.route()
    def portal_my_tickets(self, *args, **kw):
        response = super().portal_my_tickets(*args, **kw)
        # helpdesk_mgmt builds the "All" filter inside the route itself
        filters = getattr(response, "qcontext", {}).get("searchbar_filters")
        if filters:
            self._pm_relabel(filters, self._pm_ticket_labels()["filters"])
        return response
