import importlib.util

from odoo import Command
from odoo.tests import tagged
from odoo.tools.misc import file_path
from odoo.tools.sql import column_exists, rename_column

from ..common import PmCommon

MIGRATION = "pm_aftersales/migrations/19.0.1.1.0/pre-rename.py"


def load_migration():
    spec = importlib.util.spec_from_file_location("pm_pre_rename", file_path(MIGRATION))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigrationNames(PmCommon):
    """19.0.1.1.0 drops the ``pm_`` prefix of three stored fields (naming
    rule): a database of 19.0.1.0.x keeps their values."""

    def _field_xmlids(self, model, name):
        self.env.cr.execute(
            """SELECT d.name FROM ir_model_data d
                 JOIN ir_model_fields f ON f.id = d.res_id
                WHERE d.model = 'ir.model.fields' AND f.model = %s AND f.name = %s""",
            (model, name),
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _back_to_old_names(self, migration):
        """The database as 19.0.1.0.x left it."""
        cr = self.env.cr
        for model, old, new, has_column in migration.RENAMED_FIELDS:
            table = model.replace(".", "_")
            if has_column:
                rename_column(cr, table, new, old)
            cr.execute(
                "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
                (old, model, new),
            )
            cr.execute(
                "UPDATE ir_model_data SET name = replace(name, %s, %s) "
                "WHERE module = 'pm_aftersales' AND name LIKE %s",
                (f"__{new}", f"__{old}", f"%\\_\\_{new}%"),
            )
        cr.execute(
            """UPDATE ir_ui_view SET arch_db = replace(arch_db::text,
                      'action_grant_portal_owners', 'action_pm_grant_portal_owners')::jsonb
                WHERE model = 'pm.estate'""",
        )

    def test_pre_migration_keeps_data(self):
        trade = self.env["pm.trade"].create({"name": "Migration trade", "code": "MIG"})
        team = self.env["helpdesk.ticket.team"].create(
            {
                "name": "Migration crew",
                "dispatch_mode": "pool",
                "trade_ids": [Command.set(trade.ids)],
            }
        )
        developer = self.env["res.partner"].create({"name": "Migration Developer"})
        self.estate.developer_id = developer
        self.env.flush_all()
        migration = load_migration()
        cr = self.env.cr
        with cr.savepoint():
            self._back_to_old_names(migration)
            self.assertTrue(column_exists(cr, "helpdesk_ticket_team", "pm_dispatch_mode"))
            self.assertFalse(column_exists(cr, "helpdesk_ticket_team", "dispatch_mode"))
            self.assertEqual(
                self._field_xmlids("helpdesk.ticket.team", "pm_trade_ids"),
                ["field_helpdesk_ticket_team__pm_trade_ids"],
            )

            migration.migrate(cr, "19.0.1.0.1")

            for table, column in (
                ("helpdesk_ticket_team", "pm_dispatch_mode"),
                ("pm_estate", "pm_developer_id"),
            ):
                self.assertFalse(column_exists(cr, table, column))
            cr.execute("SELECT dispatch_mode FROM helpdesk_ticket_team WHERE id = %s", [team.id])
            self.assertEqual(cr.fetchone()[0], "pool")
            cr.execute("SELECT developer_id FROM pm_estate WHERE id = %s", [self.estate.id])
            self.assertEqual(cr.fetchone()[0], developer.id)
            for model, _old, new, _column in migration.RENAMED_FIELDS:
                table = model.replace(".", "_")
                self.assertEqual(self._field_xmlids(model, new), [f"field_{table}__{new}"])
            cr.execute(
                """SELECT d.name FROM ir_model_data d
                     JOIN ir_model_fields_selection s ON s.id = d.res_id
                     JOIN ir_model_fields f ON f.id = s.field_id
                    WHERE d.model = 'ir.model.fields.selection'
                      AND f.model = 'helpdesk.ticket.team' AND f.name = 'dispatch_mode'""",
            )
            self.assertEqual(
                {row[0] for row in cr.fetchall()},
                {
                    f"selection__helpdesk_ticket_team__dispatch_mode__{v}"
                    for v in ("assign", "pool", "auto")
                },
            )
            cr.execute(
                "SELECT count(*) FROM ir_ui_view WHERE arch_db::text LIKE %s",
                ["%action_pm_grant_portal_owners%"],
            )
            self.assertEqual(cr.fetchone()[0], 0)
            self.env.invalidate_all()
            self.assertEqual(team.dispatch_mode, "pool")
            self.assertEqual(team.trade_ids, trade)
            self.assertEqual(self.estate.developer_id, developer)
