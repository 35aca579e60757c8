import base64
import binascii
from datetime import datetime

import pytz
from markupsafe import Markup
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

from ...models.sla.pm_sla_rule_line import MILESTONE_ORDER
from .uploads import MAX_FILES, check_signature, portal_max_file_mb, read_uploads


class PmOwnerPortal(CustomerPortalHelpdesk):
    """The owners' portal: their units, reporting a problem, following,
    accepting and rating their jobs."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _pm_is_owner(self):
        return request.env.user.has_group("pm_aftersales.group_pm_owner")

    def _pm_units(self):
        """The units the user holds or lives in (the record rules decide)."""
        return request.env["pm.unit"].search([]) if self._pm_is_owner() else request.env["pm.unit"]

    def _pm_public_areas(self):
        return (
            request.env["pm.public.area"].search([])
            if self._pm_is_owner()
            else request.env["pm.public.area"]
        )

    def _pm_report_categories(self):
        """Categories an owner may report: active, shown in the portal, with a
        type (repairs, complaints, enquiries)."""
        return (
            request.env["helpdesk.ticket.category"]
            .sudo()
            .search(
                [
                    ("show_in_portal", "=", True),
                    ("ticket_type_id", "!=", False),
                    ("company_id", "in", [request.env.company.id, False]),
                ]
            )
        )

    def _pm_category_groups(self):
        """[(top category, its reportable sub-categories)] for the form."""
        categories = self._pm_report_categories()
        groups = []
        for parent in categories.filtered(lambda c: not c.parent_id):
            children = categories.filtered(lambda c, p=parent: c.parent_id == p)
            groups.append((parent, children or parent))
        return groups

    def _pm_portal_tz(self):
        """The owner's time zone, the company's when the owner has none."""
        return request.env.user.tz or request.env.company.sudo()._pm_tz().zone

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["pm_tz"] = self._pm_portal_tz()
        return values

    def _pm_max_file_mb(self):
        return portal_max_file_mb(request.env)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        is_owner = self._pm_is_owner()
        if "pm_unit_count" in counters:
            values["pm_unit_count"] = request.env["pm.unit"].search_count([]) if is_owner else 0
        if "pm_notice_count" in counters:
            values["pm_notice_count"] = (
                request.env["pm.notice"].search_count([("state", "=", "sent")]) if is_owner else 0
            )
        if "pm_survey_count" in counters:
            values["pm_survey_count"] = len(self._pm_open_surveys()) if is_owner else 0
        return values

    # ------------------------------------------------------------------
    # My units
    # ------------------------------------------------------------------
    @http.route(["/my/units"], type="http", auth="user", website=True)
    def portal_pm_units(self, **kw):
        if not self._pm_is_owner():
            return request.redirect("/my")
        units = self._pm_units()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "units": units,
                "open_jobs": self._pm_open_jobs(units),
                "page_name": "pm_units",
            }
        )
        return request.render("pm_aftersales.portal_pm_units", values)

    def _pm_open_jobs(self, units):
        """{unit: open jobs of the unit the user may see}"""
        jobs = request.env["helpdesk.ticket"].search(
            [("unit_id", "in", units.ids), ("closed", "=", False)], order="report_date desc"
        )
        result = {unit: jobs.browse() for unit in units}
        for job in jobs:
            result[job.unit_id] |= job
        return result

    @http.route(["/my/units/<int:unit_id>"], type="http", auth="user", website=True)
    def portal_pm_unit(self, unit_id, **kw):
        unit = self._pm_unit_or_404(unit_id)
        values = self._prepare_portal_layout_values()
        values.update(self._pm_unit_page_values(unit))
        return request.render("pm_aftersales.portal_pm_unit", values)

    def _pm_unit_or_404(self, unit_id):
        if not self._pm_is_owner():
            raise request.not_found()
        unit = request.env["pm.unit"].browse(unit_id)
        try:
            unit.check_access("read")
            unit = unit.exists()
        except (AccessError, MissingError):
            raise request.not_found() from None
        if not unit:
            raise request.not_found()
        return unit

    def _pm_unit_page_values(self, unit):
        today = fields.Date.context_today(unit)
        jobs = request.env["helpdesk.ticket"].search(
            [("unit_id", "=", unit.id)], order="report_date desc", limit=50
        )
        warranties = unit.warranty_ids.sorted(lambda w: w.trade_id.sequence)
        return {
            "unit": unit,
            "jobs": jobs,
            "warranties": warranties,
            "warranty_states": {w: w._get_state(today) for w in warranties},
            "page_name": "pm_unit",
        }

    # ------------------------------------------------------------------
    # Report a problem
    # ------------------------------------------------------------------
    @http.route(["/my/report"], type="http", auth="user", website=True, methods=["GET"])
    def portal_pm_report(self, unit_id=None, place=None, **kw):
        # ``place`` ("unit-<id>" / "area-<id>") preselects the place, as a QR
        # label's link does; the submitted form is checked all the same.
        if not self._pm_is_owner():
            return request.redirect("/my")
        return self._pm_render_report_form({"unit_id": unit_id, "place": place})

    def _pm_render_report_form(self, post, errors=None, status=200):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "units": self._pm_units(),
                "areas": self._pm_public_areas(),
                "category_groups": self._pm_category_groups(),
                "post": post,
                "errors": errors or [],
                "max_file_mb": self._pm_max_file_mb(),
                "max_files": MAX_FILES,
                "page_name": "pm_report",
            }
        )
        return request.render("pm_aftersales.portal_pm_report", values, status=status)

    @http.route(["/my/report"], type="http", auth="user", website=True, methods=["POST"])
    def portal_pm_report_submit(self, **post):
        if not self._pm_is_owner():
            raise request.not_found()
        files = request.httprequest.files.getlist("attachments")
        vals, attachments, errors = self._pm_validate_report(post, files)
        if errors:
            return self._pm_render_report_form(post, errors, status=400)
        ticket = self._pm_create_report(vals, attachments)
        # Confirmed once on the job's page (not through its URL, which the
        # portal's links carry along).
        request.session["pm_reported_ticket_id"] = ticket.id
        return request.redirect(f"/my/ticket/{ticket.id}")

    def _pm_validate_report(self, post, files):
        """(ticket values, attachments, errors) of a report form: nothing is
        saved unless everything is right."""
        env = request.env
        errors = []
        place = post.get("place") or ""
        unit = env["pm.unit"]
        area = env["pm.public.area"]
        if place.startswith("unit-"):
            unit = self._pm_units().filtered(lambda u: str(u.id) == place[5:])
            if not unit:
                errors.append(env._("This unit is not one of yours: choose one of your units."))
        elif place.startswith("area-"):
            area = self._pm_public_areas().filtered(lambda a: str(a.id) == place[5:])
            if not area:
                errors.append(env._("Choose a public area of your estate."))
        else:
            errors.append(env._("Choose the unit or the public area concerned."))
        category_id = post.get("category_id") or ""
        category = self._pm_report_categories().filtered(lambda c: str(c.id) == category_id)
        if not category_id:
            errors.append(env._("Choose what kind of problem it is."))
        elif not category:
            errors.append(
                env._(
                    "This kind of problem cannot be reported here: choose one of the list, "
                    "or call the service centre."
                )
            )
        description = (post.get("description") or "").strip()
        if not description:
            errors.append(env._("Describe the problem: the description is required."))
        appointment = False
        if post.get("appointment"):
            try:
                local = datetime.strptime(post["appointment"], "%Y-%m-%dT%H:%M")
                tz = pytz.timezone(self._pm_portal_tz())
                appointment = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
            except ValueError:
                errors.append(env._("The time someone will be home is not a valid date."))
        attachments, file_errors = self._pm_read_uploads(files)
        errors += file_errors
        title = (post.get("title") or "").strip()[:120]
        vals = {
            "name": title
            or " - ".join(p for p in (category.name, (unit or area).display_name) if p),
            "description": plaintext2html(description),
            "unit_id": unit.id,
            "public_area_id": area.id,
            "category_id": category.id,
            "appointment_date": appointment,
        }
        return vals, attachments, errors

    def _pm_read_uploads(self, files):
        """[(name, mimetype, data)] of the uploaded files, or the errors saying
        which file is refused and why."""
        return read_uploads(request.env, files)

    def _pm_prepare_report_vals(self, vals):
        partner = request.env.user.partner_id
        return dict(
            vals,
            partner_id=partner.id,
            partner_name=partner.name,
            partner_email=partner.email,
            channel_id=request.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
            company_id=request.env.company.id,
        )

    def _pm_create_report(self, vals, attachments):
        """Create the job as the centre would from the hotline (the owner has
        no right to create tickets directly)."""
        Ticket = request.env["helpdesk.ticket"].sudo()
        ticket = Ticket.create(self._pm_prepare_report_vals(vals))
        if attachments:
            request.env["ir.attachment"].sudo().create(
                [
                    {
                        "name": name,
                        "mimetype": mimetype,
                        "datas": base64.b64encode(data),
                        "res_model": "helpdesk.ticket",
                        "res_id": ticket.id,
                    }
                    for name, mimetype, data in attachments
                ]
            )
        ticket.message_subscribe(partner_ids=request.env.user.partner_id.ids)
        ticket._send_acknowledgement()
        return ticket

    # ------------------------------------------------------------------
    # Follow a job
    # ------------------------------------------------------------------
    @http.route()
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        # A logged-in user sees the jobs the record rules give them, never
        # one reached through somebody else's link.
        if not request.env.user._is_public():
            access_token = None
        return super().portal_my_ticket(ticket_id, access_token=access_token, **kw)

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        if not ticket.sudo(False).has_access("write"):
            # Owners and tenants accept or reject the work, they do not close
            # jobs: only who may change the job gets helpdesk_mgmt's buttons.
            values["closed_stages"] = request.env["helpdesk.ticket.stage"]
        values.update(self._pm_ticket_page_values(ticket))
        return values

    def _pm_portal_attachments(self, ticket):
        """The job's files the portal shows: never those of internal notes."""
        ticket = ticket.sudo()
        internal = (
            request.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", ticket._name),
                    ("res_id", "=", ticket.id),
                    ("attachment_ids", "!=", False),
                    "|",
                    ("is_internal", "=", True),
                    ("subtype_id.internal", "=", True),
                ]
            )
            .attachment_ids
        )
        return ticket.attachment_ids - internal

    def _pm_ticket_page_values(self, ticket):
        """Timeline, delays, acceptance and rating of the job (read as sudo:
        the page itself was access-checked)."""
        ticket = ticket.sudo()
        milestones = ticket.milestone_ids.filtered(lambda m: m.state != "cancelled").sorted(
            lambda m: MILESTONE_ORDER[m.milestone_type]
        )
        is_customer = self._pm_is_job_customer(ticket)
        return {
            "pm_attachments": self._pm_portal_attachments(ticket),
            "pm_milestones": milestones,
            "pm_delays": ticket.delay_ids,
            "pm_acceptances": ticket.acceptance_ids,
            "pm_followup": ticket.followup_ids[:1],
            "pm_can_accept": is_customer and ticket.service_state == "done",
            "pm_can_rate": is_customer
            and ticket.service_state == "verified"
            and not ticket.followup_ids,
            "pm_scores": [
                ("score_speed", request.env._("Arrival speed")),
                ("score_attitude", request.env._("Service attitude")),
                ("score_quality", request.env._("Repair quality")),
            ],
            "pm_reported": request.session.pop("pm_reported_ticket_id", None) == ticket.id,
            "pm_report_limits": self._pm_report_limits(milestones),
            "pm_error": request.params.get("pm_error"),
            "pm_done": request.params.get("pm_done"),
        }

    def _pm_report_limits(self, milestones):
        """The limits a just-reported job promises its owner: on site and
        fixed by (taken in charge by, for a job without these)."""
        pending = milestones.filtered(lambda m: m.deadline and not m.reached_date)
        return pending.filtered(
            lambda m: m.milestone_type in ("arrival", "completion")
        ) or pending.filtered(lambda m: m.milestone_type == "response")

    def _pm_is_job_customer(self, ticket):
        """The user reported the job, or holds or lives in its unit."""
        partner = request.env.user.partner_id
        if ticket.partner_id and ticket.partner_id.commercial_partner_id == (
            partner.commercial_partner_id
        ):
            return True
        return bool(
            ticket.unit_id
            and request.env["pm.unit"].search_count([("id", "=", ticket.unit_id.id)])
            and self._pm_is_owner()
        )

    def _pm_job_or_404(self, ticket_id):
        try:
            ticket = self._document_check_access("helpdesk.ticket", ticket_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        if not self._pm_is_job_customer(ticket):
            raise request.not_found()
        return request.env["helpdesk.ticket"].sudo().browse(ticket.id)

    @http.route(["/my/ticket/<int:ticket_id>/accept"], type="jsonrpc", auth="user", website=True)
    def portal_pm_accept(self, ticket_id, name=None, signature=None, **kw):
        try:
            ticket = self._pm_job_or_404(ticket_id)
        except NotFound:
            return {"error": request.env._("This job is not yours.")}
        if ticket.service_state != "done":
            return {"error": request.env._("Only finished work can be accepted.")}
        if not signature or not (name or "").strip():
            return {"error": request.env._("Sign and write your name to accept the work.")}
        try:
            check_signature(signature)
            request.env["pm.ticket.acceptance"].sudo().create(
                {
                    "ticket_id": ticket.id,
                    "result": "accepted",
                    "channel": "portal",
                    "signed_by": name.strip(),
                    "signature": signature,
                    "partner_id": request.env.user.partner_id.id,
                    "user_id": request.env.user.id,
                }
            )
        except (binascii.Error, ValueError, TypeError):
            return {"error": request.env._("The signature could not be read: sign again.")}
        except (UserError, ValidationError) as error:
            return {"error": str(error)}
        ticket.message_post(
            body=request.env._("Work accepted and signed by %s on the portal.", name.strip()),
            author_id=request.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {"force_refresh": True, "redirect_url": f"/my/ticket/{ticket.id}?pm_done=accepted"}

    @http.route(
        ["/my/ticket/<int:ticket_id>/reject"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_pm_reject(self, ticket_id, reason=None, **kw):
        ticket = self._pm_job_or_404(ticket_id)
        reason = (reason or "").strip()
        if ticket.service_state != "done":
            return request.redirect(f"/my/ticket/{ticket.id}?pm_error=state")
        if not reason:
            return request.redirect(f"/my/ticket/{ticket.id}?pm_error=reason")
        request.env["pm.ticket.acceptance"].sudo().create(
            {
                "ticket_id": ticket.id,
                "result": "rejected",
                "channel": "portal",
                "reason": reason,
                "partner_id": request.env.user.partner_id.id,
                "user_id": request.env.user.id,
            }
        )
        ticket.message_post(
            body=Markup("%s<br/>%s") % (request.env._("Work rejected on the portal:"), reason),
            author_id=request.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return request.redirect(f"/my/ticket/{ticket.id}?pm_done=rejected")

    @http.route(
        ["/my/ticket/<int:ticket_id>/rate"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_pm_rate(self, ticket_id, **post):
        ticket = self._pm_job_or_404(ticket_id)
        env = request.env
        if ticket.service_state != "verified" or ticket.followup_ids:
            return request.redirect(f"/my/ticket/{ticket.id}?pm_error=state")
        scores = {}
        for field_name in ("score_speed", "score_attitude", "score_quality"):
            value = post.get(field_name) or ""
            if value not in ("1", "2", "3", "4", "5"):
                return request.redirect(f"/my/ticket/{ticket.id}?pm_error=scores")
            scores[field_name] = int(value)
        env["pm.ticket.followup"].sudo().create(
            dict(
                scores,
                ticket_id=ticket.id,
                method="portal",
                comment=(post.get("comment") or "").strip()[:2000],
                user_id=env.user.id,
            )
        )
        return request.redirect(f"/my/ticket/{ticket.id}?pm_done=rated")

    # ------------------------------------------------------------------
    # Notices and surveys
    # ------------------------------------------------------------------
    @http.route(["/my/notices"], type="http", auth="user", website=True)
    def portal_pm_notices(self, **kw):
        if not self._pm_is_owner():
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "notices": request.env["pm.notice"].search(
                    [("state", "=", "sent")], order="date_sent desc", limit=100
                ),
                "page_name": "pm_notices",
            }
        )
        return request.render("pm_aftersales.portal_pm_notices", values)

    @http.route(["/my/notices/<int:notice_id>"], type="http", auth="user", website=True)
    def portal_pm_notice(self, notice_id, **kw):
        if not self._pm_is_owner():
            raise request.not_found()
        notice = request.env["pm.notice"].search(
            [("id", "=", notice_id), ("state", "=", "sent")], limit=1
        )
        if not notice:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update({"notice": notice, "page_name": "pm_notice"})
        return request.render("pm_aftersales.portal_pm_notice", values)

    def _pm_open_surveys(self):
        partner = request.env.user.partner_id
        return (
            request.env["survey.user_input"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("pm_campaign_id", "!=", False),
                    ("state", "!=", "done"),
                    ("survey_id.active", "=", True),
                ]
            )
        )

    @http.route(["/my/surveys"], type="http", auth="user", website=True)
    def portal_pm_surveys(self, **kw):
        if not self._pm_is_owner():
            return request.redirect("/my")
        partner = request.env.user.partner_id
        answers = (
            request.env["survey.user_input"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("pm_campaign_id", "!=", False)],
                order="create_date desc",
            )
        )
        values = self._prepare_portal_layout_values()
        values.update({"answers": answers, "page_name": "pm_surveys"})
        return request.render("pm_aftersales.portal_pm_surveys", values)
