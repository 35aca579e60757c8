from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

VENDOR_ACTIONS = {
    "accept": "action_take_job",
    "check_in": "action_check_in",
    "complete": "action_complete",
}


class PmVendorPortal(CustomerPortal):
    """Jobs given to an outsourced repair company, worked by its staff on the
    portal: accept, check in on site, record the work, complete."""

    def _pm_is_vendor(self):
        return request.env.user.has_group("pm_aftersales.group_pm_vendor")

    def _pm_vendor_domain(self):
        return [("vendor_id", "=", request.env.user.commercial_partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pm_vendor_job_count" in counters:
            values["pm_vendor_job_count"] = (
                request.env["helpdesk.ticket"].search_count(self._pm_vendor_domain())
                if self._pm_is_vendor()
                else 0
            )
        return values

    def _pm_vendor_job(self, ticket_id):
        """The job, if it was given to the user's company; 404 otherwise."""
        if not self._pm_is_vendor():
            raise request.not_found()
        try:
            ticket = self._document_check_access("helpdesk.ticket", ticket_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        if ticket.vendor_id != request.env.user.commercial_partner_id:
            raise request.not_found()
        # sudo, but as the portal user (the job's methods check who acts)
        return request.env["helpdesk.ticket"].sudo().browse(ticket.id)

    @http.route(["/my/jobs", "/my/jobs/page/<int:page>"], type="http", auth="user", website=True)
    def portal_pm_vendor_jobs(self, page=1, filterby="open", **kw):
        if not self._pm_is_vendor():
            return request.redirect("/my")
        Ticket = request.env["helpdesk.ticket"]
        filters = self._pm_vendor_job_filters()
        domain = self._pm_vendor_domain() + filters.get(filterby, filters["open"])["domain"]
        pager = portal_pager(
            url="/my/jobs",
            url_args={"filterby": filterby},
            total=Ticket.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        jobs = Ticket.search(
            domain,
            order="next_deadline, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "jobs": jobs.sudo(),
                "page_name": "pm_vendor_jobs",
                "pager": pager,
                "default_url": "/my/jobs",
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("pm_aftersales.portal_pm_vendor_jobs", values)

    def _pm_vendor_job_filters(self):
        return {
            "open": {
                "label": request.env._("To Do"),
                "domain": [("service_state", "in", ("dispatched", "accepted", "on_site"))],
            },
            "all": {"label": request.env._("All"), "domain": []},
        }

    @http.route("/my/jobs/<int:ticket_id>", type="http", auth="user", website=True)
    def portal_pm_vendor_job(self, ticket_id, error=None, **kw):
        ticket = self._pm_vendor_job(ticket_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "job": ticket,
                "page_name": "pm_vendor_job",
                "error": error,
                "failure_causes": request.env["pm.failure.cause"].search([]),
            }
        )
        return request.render("pm_aftersales.portal_pm_vendor_job", values)

    @http.route(
        "/my/jobs/<int:ticket_id>/<string:action>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_pm_vendor_job_action(self, ticket_id, action, **post):
        ticket = self._pm_vendor_job(ticket_id)
        method = VENDOR_ACTIONS.get(action)
        if not method:
            raise request.not_found()
        # The job's own methods check who may act and when; the staff of the
        # outsourced company have no write access of their own.
        job = ticket.sudo()
        try:
            if action == "complete":
                job.write(self._pm_prepare_work_vals(post))
            getattr(job, method)()
        except UserError as error:
            request.env.cr.rollback()
            return self.portal_pm_vendor_job(ticket_id, error=str(error))
        return request.redirect(f"/my/jobs/{ticket_id}")

    def _pm_prepare_work_vals(self, post):
        vals = {
            key: (post.get(key) or "").strip()
            for key in ("diagnosis", "work_done", "materials")
            if key in post
        }
        cause = post.get("failure_cause_id")
        if cause and cause.isdigit():
            # Only an active cause the user may read.
            vals["failure_cause_id"] = (
                request.env["pm.failure.cause"].search([("id", "=", int(cause))]).id
            )
        return vals
