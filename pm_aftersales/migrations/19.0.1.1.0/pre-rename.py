# One naming rule (README, Development): on the job's configuration models
# and on the addon's own models the fields are plain. Three stored fields lose
# their ``pm_`` prefix; their columns and field records are renamed before the
# update so that the data, the translations of their labels and the tracking
# values that refer to them stay. The addon's views in the database still name
# the old fields and methods until their file is loaded again: a view that
# another one of the addon extends is checked with that extension's old arch,
# so the old names are replaced in them first.

import json
import re

from odoo.tools.sql import column_exists, rename_column

# (model, old name, new name, has a column: a many2many has its relation
# table, whose name does not depend on the field's)
RENAMED_FIELDS = [
    ("helpdesk.ticket.team", "pm_trade_ids", "trade_ids", False),
    ("helpdesk.ticket.team", "pm_dispatch_mode", "dispatch_mode", True),
    ("pm.estate", "pm_developer_id", "developer_id", True),
]

# names used in the addon's views: fields above and a button's method
RENAMED_IN_VIEWS = [
    *((model, old, new) for model, old, new, _column in RENAMED_FIELDS),
    ("pm.estate", "action_pm_grant_portal_owners", "action_grant_portal_owners"),
]


def rename_field(cr, model, old, new, has_column):
    table = model.replace(".", "_")
    if has_column and column_exists(cr, table, old) and not column_exists(cr, table, new):
        rename_column(cr, table, old, new)
    cr.execute(
        """UPDATE ir_model_fields SET name = %(new)s
            WHERE model = %(model)s AND name = %(old)s
              AND NOT EXISTS (SELECT 1 FROM ir_model_fields
                               WHERE model = %(model)s AND name = %(new)s)""",
        {"model": model, "old": old, "new": new},
    )
    cr.execute(
        """UPDATE ir_model_data SET name = %s
            WHERE module = 'pm_aftersales' AND model = 'ir.model.fields' AND name = %s""",
        (f"field_{table}__{new}", f"field_{table}__{old}"),
    )
    # the xml ids of a selection's values: selection__<table>__<field>__<value>
    old_prefix = f"selection__{table}__{old}__"
    cr.execute(
        """UPDATE ir_model_data SET name = %s || substr(name, %s)
            WHERE module = 'pm_aftersales' AND model = 'ir.model.fields.selection'
              AND starts_with(name, %s)""",
        (f"selection__{table}__{new}__", len(old_prefix) + 1, old_prefix),
    )


def rename_in_views(cr, model, old, new):
    cr.execute(
        """SELECT v.id, v.arch_db FROM ir_ui_view v
             JOIN ir_model_data d ON d.model = 'ir.ui.view' AND d.res_id = v.id
            WHERE d.module = 'pm_aftersales' AND v.model = %s
              AND v.arch_db::text LIKE %s""",
        (model, f"%{old}%"),
    )
    pattern = re.compile(rf"\b{re.escape(old)}\b")
    for view_id, arch in cr.fetchall():
        arch = {lang: pattern.sub(new, text) for lang, text in arch.items()}
        cr.execute("UPDATE ir_ui_view SET arch_db = %s WHERE id = %s", (json.dumps(arch), view_id))


def migrate(cr, version):
    for model, old, new, has_column in RENAMED_FIELDS:
        rename_field(cr, model, old, new, has_column)
    for model, old, new in RENAMED_IN_VIEWS:
        rename_in_views(cr, model, old, new)
