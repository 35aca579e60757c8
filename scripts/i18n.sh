#!/usr/bin/env bash
# make pot: regenerate the template from the test database and merge it into
# the zh_CN catalogue; same for the helpdesk_mgmt terms carried in i18n_extra.
# Then translate the empty msgstr and run `make test`.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_odoo
write_conf
prepare_db "$TEST_DB"
addon=$ROOT/pm_aftersales
odoo i18n export -c "$ODOO_CONF" -d "$TEST_DB" pm_aftersales -o "$addon/i18n/pm_aftersales.pot"
"$PYTHON" "$ROOT/scripts/po_tool.py" merge "$addon/i18n/pm_aftersales.pot" "$addon/i18n/zh_CN.po"
odoo i18n export -c "$ODOO_CONF" -d "$TEST_DB" helpdesk_mgmt -o "$BUILD/helpdesk_mgmt.pot"
"$PYTHON" "$ROOT/scripts/po_tool.py" merge "$BUILD/helpdesk_mgmt.pot" "$addon/i18n_extra/zh_CN.po" --no-code
echo "helpdesk_mgmt code strings that no other module can translate:"
"$PYTHON" "$ROOT/scripts/po_tool.py" code-only "$BUILD/helpdesk_mgmt.pot"
"$PYTHON" "$ROOT/scripts/po_tool.py" check "$addon/i18n/zh_CN.po" "$addon/i18n_extra/zh_CN.po"
