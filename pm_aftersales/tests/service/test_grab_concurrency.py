import threading

from odoo import Command, api, sql_db
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.orm.environments import Transaction
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tests.common import new_test_user


def _cursor():
    """A real connection of its own, whatever test mode the registry is in:
    the race needs two independent transactions."""
    return sql_db.db_connect(get_db_name()).cursor()


def _env(cr, uid, registry):
    # Odoo's runner holds the registry lock while it runs the tests: the
    # threads must not ask Registry() for it, they get it handed.
    cr.transaction = Transaction(registry)
    return api.Environment(cr, uid, {})


@tagged("post_install", "-at_install")
class TestGrabConcurrency(BaseCase):
    """Two technicians click "Take from Pool" at the same moment, in two
    transactions: exactly one gets the job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pm_registry = Registry(get_db_name())
        with _cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            techs = [
                new_test_user(
                    env, login=f"grab_tech_{i}", groups="pm_aftersales.group_pm_technician"
                )
                for i in range(2)
            ]
            team = env["helpdesk.ticket.team"].create(
                {
                    "name": "Grab crew",
                    "alias_name": "grab-crew-test",
                    "user_ids": [Command.set([t.id for t in techs])],
                }
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Grab me",
                    "description": "<p>x</p>",
                    "team_id": team.id,
                    "ticket_type_id": env.ref("pm_aftersales.pm_ticket_type_minor_repair").id,
                }
            )
            ticket._dispatch(pool=True)
            cls.ids = {"techs": [t.id for t in techs], "team": team.id, "ticket": ticket.id}

    @classmethod
    def tearDownClass(cls):
        with _cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            ticket = env["helpdesk.ticket"].browse(cls.ids["ticket"])
            ticket.unlink()
            env["helpdesk.ticket.team"].browse(cls.ids["team"]).unlink()
            users = env["res.users"].browse(cls.ids["techs"])
            partners = users.partner_id
            users.unlink()
            partners.unlink()
        super().tearDownClass()

    def test_exactly_one_wins(self):
        barrier = threading.Barrier(2)
        results = {}

        def take(index, user_id):
            with _cursor() as cr:
                env = _env(cr, user_id, self.pm_registry)
                ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
                ticket.in_pool  # noqa: B018 - read before the race, as the form did
                barrier.wait(timeout=30)
                try:
                    ticket.action_grab()
                    cr.commit()
                    results[index] = "won"
                except UserError as error:
                    cr.rollback()
                    results[index] = f"lost: {error}"

        threads = [
            threading.Thread(target=take, args=(i, uid)) for i, uid in enumerate(self.ids["techs"])
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(
            sorted(r.split(":")[0] for r in results.values()), ["lost", "won"], results
        )
        with _cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
            winner = self.ids["techs"][next(k for k, v in results.items() if v == "won")]
            self.assertEqual(ticket.user_id.id, winner)
            self.assertFalse(ticket.in_pool)
            self.assertEqual(len(ticket.assignment_ids.filtered(lambda a: a.mode == "pool")), 1)
