#!/usr/bin/env bash
# make test-odoo: the addon's tests under Odoo's own runner, on a fresh
# database installed without demo data (as OCA's CI does with demo).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_odoo
write_conf
RUNNER_DB=${RUNNER_DB:-${TEST_DB}_runner}
odoo db -c "$ODOO_CONF" drop "$RUNNER_DB" >/dev/null 2>&1 || true
log=$BUILD/test-odoo.log
odoo -c "$ODOO_CONF" -d "$RUNNER_DB" -i "$MODULE,$TEST_EXTRA_MODULES" --with-demo --test-tags "/$MODULE" \
    --stop-after-init --log-level=test --http-port="${RUNNER_HTTP_PORT:-8169}" 2>&1 | tee "$log"
odoo db -c "$ODOO_CONF" drop "$RUNNER_DB" >/dev/null 2>&1 || true
# Odoo's runner exits 0 even when tests fail: read its summary line.
summary=$(grep -E "odoo.tests.result: [0-9]+ failed, [0-9]+ error" "$log" | tail -1 || true)
if [ -z "$summary" ]; then
    echo "Odoo's runner printed no test summary (see $log)" >&2
    exit 1
fi
echo "${summary#*odoo.tests.result: }"
echo "$summary" | grep -qE ": 0 failed, 0 error" || { echo "failures: see $log" >&2; exit 1; }
