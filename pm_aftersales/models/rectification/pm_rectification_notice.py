from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import format_date

from .pm_rectification_order import OPEN_STATES


class PmRectificationNotice(models.Model):
    """The daily progress notice (每日通报) sent to an owner: every open
    rectification order of their units, its progress, deadline and latest
    work. One per owner and day, enforced by the database."""

    _name = "pm.rectification.notice"
    _description = "Daily Rectification Notice"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Owner", required=True, index=True)
    date = fields.Date(required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    order_ids = fields.Many2many(
        "pm.rectification.order",
        "pm_rectification_notice_order_rel",
        "notice_id",
        "order_id",
        string="Orders",
    )
    body = fields.Html(readonly=True, sanitize=True)
    mail_id = fields.Many2one(
        "mail.mail", readonly=True, index="btree_not_null", groups="base.group_user"
    )

    _one_per_owner_and_day = models.Constraint(
        "UNIQUE(partner_id, date)", "An owner gets one rectification notice a day."
    )

    @api.model
    def _get_today(self):
        """The company's day, not the server's nor OdooBot's."""
        return self.env.company._pm_today()

    @api.model
    def _get_orders_by_owner(self):
        """{owner: orders} of every open order, in two queries."""
        orders = self.env["pm.rectification.order"].search([("state", "in", OPEN_STATES)])
        # What the notices show, fetched once for all the owners.
        orders.unit_id.fetch(["complete_name", "occupant_ids"])
        orders.trade_id.fetch(["name"])
        by_owner = defaultdict(lambda: self.env["pm.rectification.order"])
        for order in orders:
            for owner in order.unit_id.owner_ids:
                by_owner[owner] |= order
        return by_owner

    @api.model
    def _send_daily_notices(self):
        """Send today's notice to every owner with open orders who has none
        yet today. Running it again the same day sends nothing."""
        today = self._get_today()
        by_owner = self._get_orders_by_owner()
        if not by_owner:
            return self
        done = set(
            self.search(
                [("date", "=", today), ("partner_id", "in", [p.id for p in by_owner])]
            ).partner_id.ids
        )
        vals_list = [
            self._prepare_notice_vals(owner, orders, today)
            for owner, orders in by_owner.items()
            if owner.id not in done
        ]
        notices = self.create(vals_list)
        notices._send_notices()
        return notices

    @api.model
    def _prepare_notice_vals(self, owner, orders, today):
        lang = owner.lang or self.env.lang
        body = (
            self.env["ir.qweb"]
            .with_context(lang=lang)
            ._render(
                "pm_aftersales.rectification_notice_body",
                {
                    "owner": owner,
                    "orders": orders.with_context(lang=lang).sorted("deadline"),
                    "date": today,
                    "format_date": lambda d: format_date(self.env, d, lang_code=lang),
                },
            )
        )
        return {
            "partner_id": owner.id,
            "date": today,
            "company_id": orders[:1].company_id.id,
            "order_ids": [fields.Command.set(orders.ids)],
            "body": body,
        }

    def _send_notices(self):
        """Tell each owner their notice (a room adds its channels)."""
        self._send_mail()

    def _get_mail_notices(self):
        """The notices that go by e-mail."""
        return self.filtered(lambda n: n.partner_id.email)

    def _send_mail(self):
        """One batch of mails, each in its owner's language."""
        notices = self._get_mail_notices()
        if not notices:
            return
        template = self.env.ref("pm_aftersales.mail_template_rectification_notice")
        mails = template.send_mail_batch(
            notices.ids, email_layout_xmlid="mail.mail_notification_light"
        )
        by_notice = {mail.res_id: mail for mail in mails}
        for notice in notices:
            notice.mail_id = by_notice.get(notice.id)
        # Queued (send_mail_batch does not send): out now, not in an hour.
        self.env["mail.mail"]._pm_process_queue_soon()
