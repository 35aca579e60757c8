from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import format_datetime


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._pm_copy_default_setup()
        return companies

    def _pm_copy_default_setup(self):
        """A new company starts with a copy of the main company's set-up
        (assessment scheme, quality indicators, budget approval tiers,
        rectification escalation ladder: shipped as data for the main company
        only), to adjust in its own settings."""
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        if not main:
            return
        for model in self._pm_default_setup_models():
            Model = self.env[model].sudo()
            scope = self._pm_default_setup_domain(model)
            defaults = Model.search(Domain.AND([scope, [("company_id", "=", main.id)]]))
            if not defaults:
                continue
            have = set(
                Model.search(Domain.AND([scope, [("company_id", "in", self.ids)]])).company_id.ids
            )
            for company in self - main:
                if company.id not in have:
                    defaults.copy({"company_id": company.id})

    def _pm_default_setup_models(self):
        """The per-company models a new company gets a copy of: each room
        adds its own (super()-chained)."""
        return []

    def _pm_default_setup_domain(self, model):
        """Which records of ``model`` are the addon's set-up (all, unless a
        room narrows it)."""
        return []

    # ------------------------------------------------------------------
    # The company's calendar (Asia/Shanghai unless its address says)
    # ------------------------------------------------------------------
    def _pm_tz(self):
        self.ensure_one()
        return pytz.timezone(self.partner_id.tz or "Asia/Shanghai")

    def _prepare_resource_calendar_values(self):
        """A new company's working hours in its time zone, not in the time
        zone of whoever creates it."""
        return dict(super()._prepare_resource_calendar_values(), tz=self._pm_tz().zone)

    @api.model
    def _pm_init_calendars(self):
        """At install: the working hours Odoo made for each company (in the
        time zone of whoever installed it) and the after-sales office hours
        go to the company's time zone, the office hours to the main one's."""
        for company in self.sudo().search([]):
            calendar = company.resource_calendar_id
            calendar.filtered(lambda c, co=company: c.company_id == co).tz = company._pm_tz().zone
        office = self.env.ref("pm_aftersales.resource_calendar_office", raise_if_not_found=False)
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        if office and main:
            office.sudo().tz = main._pm_tz().zone

    def _pm_today(self):
        """Today in the company's time zone, whoever runs the code (a cron
        runs as OdooBot, whose time zone may be unset)."""
        return fields.Datetime.now().replace(tzinfo=pytz.utc).astimezone(self._pm_tz()).date()

    def _pm_utc_bounds(self, date_from, date_to):
        """First and last instant (exclusive) of the days ``date_from`` to
        ``date_to`` in the company's time zone, as naive UTC datetimes."""
        tz = self._pm_tz()
        start = tz.localize(datetime.combine(date_from, time.min))
        end = tz.localize(datetime.combine(date_to + timedelta(days=1), time.min))
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            end.astimezone(pytz.utc).replace(tzinfo=None),
        )

    def _pm_managers(self):
        """The company's after-sales managers (real users, not OdooBot)."""
        self.ensure_one()
        return self.env.ref("pm_aftersales.group_pm_manager").user_ids.filtered(
            lambda u: self in u.company_ids and not u._is_superuser()
        )

    # ------------------------------------------------------------------
    # What the system writes for people: their language, the company's clock
    # ------------------------------------------------------------------
    def _pm_lang(self, recipient=None):
        """The language to write in for ``recipient`` (a user or a partner):
        theirs, else the company's, else English. Whoever writes may not
        read the recipient's preferences: read as superuser."""
        self.ensure_one()
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        for code in (recipient and recipient.sudo().lang, self.sudo().partner_id.lang):
            if code in installed:
                return code
        return "en_US"

    def _pm_format_datetime(self, value, lang=None):
        """``value`` (naive UTC) as the company's clock shows it, written the
        way ``lang`` (default: the company's language) writes it."""
        self.ensure_one()
        return format_datetime(
            self.env,
            value,
            tz=self._pm_tz().zone,
            dt_format="short",
            lang_code=lang or self._pm_lang(),
        )
