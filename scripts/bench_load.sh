#!/usr/bin/env bash
# make bench-load: multi-worker load on a copy of the demo data (not part of
# make test). Builds the load database once (addon, demo data, zh_CN), then
# runs bench/load.py against it: --workers=4 --max-cron-threads=2, ~20
# concurrent clients over loopback for LOAD_SECONDS, one worker killed
# half-way. Variables: LOAD_DB, LOAD_SECONDS (default 120), LOAD_ARGS.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_odoo
write_conf
LOAD_DB=${LOAD_DB:-pm_aftersales_load}
if [ "$(module_state "$LOAD_DB")" != "installed" ]; then
    echo "[$LOAD_DB] creating the load database (addon, demo data, zh_CN)"
    odoo db -c "$ODOO_CONF" drop "$LOAD_DB" >/dev/null 2>&1 || true
    odoo -c "$ODOO_CONF" -d "$LOAD_DB" -i "$MODULE" --with-demo --load-language=en_US,zh_CN \
        --stop-after-init --log-level=warn
else
    odoo -c "$ODOO_CONF" -d "$LOAD_DB" -u "$MODULE" --stop-after-init --log-level=warn
fi
# shellcheck disable=SC2086
exec "$PYTHON" "$ROOT/bench/load.py" -c "$ODOO_CONF" -d "$LOAD_DB" \
    --duration "${LOAD_SECONDS:-120}" ${LOAD_ARGS:-}
