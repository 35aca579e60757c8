#!/usr/bin/env bash
# make test: build (or update) the test database, then run every test with
# pytest + pytest-odoo: the addon's Odoo tests and the end-to-end suites of
# tests/ (which serve a copy of the test database from a real Odoo server).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_odoo
write_conf
prepare_db "$TEST_DB"
# The end-to-end suites get their own copy (filestore included) so that what
# they commit never leaks into the database the unit tests use.
odoo db -c "$ODOO_CONF" duplicate -f "$TEST_DB" "$E2E_DB" >"$BUILD/db-duplicate.log" 2>&1 \
    || { cat "$BUILD/db-duplicate.log" >&2; exit 1; }
export PM_E2E_DB=$E2E_DB PM_ODOO_CONF=$ODOO_CONF
cd "$ROOT"
exec "$PYTHON" -m pytest \
    --odoo-config="$ODOO_CONF" --odoo-database="$TEST_DB" --odoo-http \
    "$@" pm_aftersales/tests tests
