#!/usr/bin/env bash
# make test-dates: the whole of `make test` with the machine's clock moved
# (libfaketime: Odoo, the test runner, the servers and the browser it starts
# all live on that date; PostgreSQL keeps the real clock). Each date gets its
# own test database, built on that date, so the demo data is dated from it
# as it would be on a machine installed that day.
#
#   make test-dates                                  # the dates below
#   make test-dates PM_TEST_DATES="2027-06-30 23:59:00"
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_odoo
command -v faketime >/dev/null || { echo "faketime is missing: run 'make setup'." >&2; exit 1; }
# The first and the last minute of a month (the run crosses into the next),
# 31 Dec -> 1 Jan (likewise), a leap day.
DEFAULT_DATES="2027-03-01 00:00:00|2027-04-30 23:59:00|2026-12-31 23:59:30|2028-02-29 12:00:00"
IFS='|' read -r -a dates <<<"${PM_TEST_DATES:-$DEFAULT_DATES}"
failed=()
for when in "${dates[@]}"; do
    slug=$(echo "$when" | tr -dc '0-9' | cut -c1-12)
    db=${TEST_DB}_at_$slug
    echo "=== make test at $when (database $db) ==="
    odoo db -c "$ODOO_CONF" drop "$db" >/dev/null 2>&1 || true
    odoo db -c "$ODOO_CONF" drop "${db}_e2e" >/dev/null 2>&1 || true
    if ! TEST_DB=$db faketime -f "@$when" "$ROOT/scripts/test.sh" "$@"; then
        failed+=("$when")
    fi
    odoo db -c "$ODOO_CONF" drop "$db" >/dev/null 2>&1 || true
    odoo db -c "$ODOO_CONF" drop "${db}_e2e" >/dev/null 2>&1 || true
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "make test failed at: ${failed[*]}" >&2
    exit 1
fi
echo "make test passed at every date: ${dates[*]}"
