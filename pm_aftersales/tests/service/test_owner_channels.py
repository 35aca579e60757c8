from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from ..common_service import PmServiceCommon

MAIL = """Return-Path: <{sender}>
To: water-crew-test@example.com
From: {sender}
Subject: {subject}
Message-ID: <{msgid}@example.com>
Date: Mon, 2 Mar 2026 10:00:00 +0000
Content-Type: text/plain; charset="utf-8"

The bathroom ceiling is dripping.
"""


@tagged("post_install", "-at_install")
class TestMailChannel(PmServiceCommon):
    def _receive(self, sender, subject, msgid):
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            ticket_id = self.env["mail.thread"].message_process(
                "helpdesk.ticket",
                MAIL.format(sender=sender, subject=subject, msgid=msgid),
                custom_values={"team_id": self.crew.id},
            )
        return self.env["helpdesk.ticket"].browse(ticket_id)

    def _owner(self, email, *units):
        partner = self.env["res.partner"].create({"name": email, "email": email})
        self.env["pm.unit.occupant"].create(
            [{"unit_id": unit.id, "partner_id": partner.id, "role": "co_owner"} for unit in units]
        )
        return partner

    def test_known_owner_with_one_unit(self):
        owner = self._owner("one.unit@example.com", self.unit_b)
        ticket = self._receive("one.unit@example.com", "Ceiling dripping", "m1")
        self.assertEqual(ticket.partner_id, owner)
        self.assertEqual(ticket.unit_id, self.unit_b)
        self.assertEqual(
            ticket.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        )
        self.assertTrue(ticket.message_ids.filtered(lambda m: owner in m.partner_ids))

    def test_owner_with_two_units_is_asked(self):
        owner = self._owner("two.units@example.com", self.unit_a, self.unit_a2)
        ticket = self._receive("two.units@example.com", "Ceiling dripping", "m2")
        self.assertEqual(ticket.partner_id, owner)
        self.assertFalse(ticket.unit_id)

    def test_unknown_sender_waits_in_the_queue(self):
        ticket = self._receive("stranger@example.org", "Hello", "m3")
        self.assertTrue(ticket)
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket.partner_email, "stranger@example.org")
        action = self.env["ir.actions.act_window"]._for_xml_id("pm_aftersales.pm_incoming_action")
        queue = self.env["helpdesk.ticket"].search(safe_eval(action["domain"]))
        self.assertIn(ticket, queue)
        # sorted by the assistant: it gets its time limits
        ticket.write({"category_id": self.cat_water_leak.id, "ticket_type_id": self.type_minor.id})
        self.assertTrue(ticket.milestone_ids)


@tagged("post_install", "-at_install")
class TestPortalGrants(PmServiceCommon):
    def test_grant_from_the_owner_form_gives_the_owner_role(self):
        owner = self.env["res.partner"].create({"name": "New owner", "email": "new@example.com"})
        self.env["pm.unit.occupant"].create(
            {"unit_id": self.unit_company_b.id, "partner_id": owner.id, "role": "owner"}
        )
        wizard = self.env["portal.wizard"].with_context(active_ids=owner.ids).create({})
        wizard.user_ids.action_grant_access()
        user = owner.user_ids
        self.assertTrue(user.has_group("pm_aftersales.group_pm_owner"))
        self.assertTrue(user.has_group("base.group_portal"))

    def test_bulk_grant_for_an_estate(self):
        tenant = self.env["res.partner"].create({"name": "Tenant", "email": "tenant@example.com"})
        no_mail = self.env["res.partner"].create({"name": "No mail"})
        self.env["pm.unit.occupant"].create(
            [
                {"unit_id": self.unit_a.id, "partner_id": tenant.id, "role": "tenant"},
                {"unit_id": self.unit_a2.id, "partner_id": no_mail.id, "role": "resident"},
            ]
        )
        result = self.estate.with_user(self.users["cs_supervisor"]).action_grant_portal_owners()
        self.assertIn("granted to 1", result["params"]["message"])
        self.assertIn("1 have no e-mail", result["params"]["message"])
        self.assertTrue(tenant.user_ids.has_group("pm_aftersales.group_pm_owner"))
        self.assertFalse(no_mail.user_ids)
        # owner A already had access: kept, and given the role
        self.assertTrue(self.user_owner_a.has_group("pm_aftersales.group_pm_owner"))

    def test_existing_portal_user_moving_in_gets_the_role(self):
        user = new_test_user(self.env, login="portal_newcomer", groups="base.group_portal")
        self.assertFalse(user.has_group("pm_aftersales.group_pm_owner"))
        self.env["pm.unit.occupant"].create(
            {"unit_id": self.unit_a.id, "partner_id": user.partner_id.id, "role": "tenant"}
        )
        self.assertTrue(user.has_group("pm_aftersales.group_pm_owner"))


@tagged("post_install", "-at_install")
class TestNotices(PmServiceCommon):
    def _notice(self, **vals):
        return (
            self.env["pm.notice"]
            .with_user(self.users["assistant"])
            .create(
                dict(
                    {
                        "name": "Water cut",
                        "body": "<p>No water on Saturday 9-12</p>",
                        "category": "water",
                        "estate_id": self.estate.id,
                    },
                    **vals,
                )
            )
        )

    def test_send_to_the_whole_estate(self):
        notice = self._notice()
        self.assertEqual(notice.recipient_count, 1)  # owner A holds both units
        notice.action_send()
        self.assertEqual(notice.state, "sent")
        message = notice.message_ids.filtered(lambda m: m.subject == "Water cut")
        self.assertEqual(message.partner_ids, self.owner_a)
        with self.assertRaisesRegex(UserError, "already been sent"):
            notice.action_send()

    def test_owners_read_their_estate_notices_only(self):
        mine = self._notice()
        building_2 = self._notice(name="Lift 2", building_ids=[Command.set(self.building_2.ids)])
        other = self._notice(name="Other estate", estate_id=self.estate_other.id)
        draft = self._notice(name="Draft")
        (mine | building_2 | other).action_send()
        Notice = self.env["pm.notice"]
        self.assertEqual(Notice.with_user(self.user_owner_a).search([]), mine | building_2)
        self.assertEqual(Notice.with_user(self.user_owner_b).search([]), other)
        self.assertNotIn(draft, Notice.with_user(self.user_owner_a).search([]))

    def test_nobody_to_tell(self):
        empty = self.env["pm.building"].create({"name": "Empty", "estate_id": self.estate.id})
        notice = self._notice(building_ids=[Command.set(empty.ids)])
        with self.assertRaisesRegex(UserError, "Nobody lives"):
            notice.action_send()
        self.assertEqual(notice.state, "draft")
