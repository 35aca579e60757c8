#!/usr/bin/env bash
# make bench: build (once) a benchmark database without demo data, then run
# bench/run.py against it. Odoo's repair module is installed beside it: the
# anchor of the spare-parts benchmark. Not part of make test.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_odoo
write_conf
BENCH_DB=${BENCH_DB:-pm_aftersales_bench}
if [ "$(module_state "$BENCH_DB")" != "installed" ]; then
    echo "[$BENCH_DB] creating the benchmark database"
    odoo -c "$ODOO_CONF" -d "$BENCH_DB" -i "$MODULE,repair" --stop-after-init --log-level=warn
else
    odoo -c "$ODOO_CONF" -d "$BENCH_DB" -i repair -u "$MODULE" --stop-after-init --log-level=warn
fi
exec "$PYTHON" "$ROOT/bench/run.py" -c "$ODOO_CONF" -d "$BENCH_DB" "$@"
