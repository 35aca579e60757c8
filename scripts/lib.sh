# Shared settings of the make targets (sourced, not executed).
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Every target runs in the project virtualenv that `make setup` creates.
VENV=${VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-$VENV/bin/python}
DB=${DB:-pm_aftersales}
TEST_DB=${TEST_DB:-pm_aftersales_test}
E2E_DB=${E2E_DB:-${TEST_DB}_e2e}
HTTP_PORT=${HTTP_PORT:-8069}
BUILD=${BUILD:-$ROOT/.build}
ODOO_CONF=$BUILD/odoo.conf
MODULE=pm_aftersales

# The console script where there is one: the prefork server (--workers)
# starts its websocket process again from sys.argv[0], which `-m odoo` breaks.
odoo() {
    if [ -x "$(dirname "$PYTHON")/odoo" ]; then
        "$(dirname "$PYTHON")/odoo" "$@"
    else
        "$PYTHON" -m odoo "$@"
    fi
}

require_odoo() {
    if ! "$PYTHON" -c 'import odoo.release as r; assert r.serie == "19.0"' 2>/dev/null; then
        echo "Odoo 19.0 is not importable by $PYTHON: run 'make setup' first (it creates $VENV)." >&2
        exit 1
    fi
}

write_conf() {
    mkdir -p "$BUILD"
    # The repository root holds the addon; Odoo adds its own addons and the
    # OCA wheels (installed in the odoo.addons namespace) by itself.
    cat >"$ODOO_CONF" <<CONF
[options]
addons_path = $ROOT
http_interface = 127.0.0.1
http_port = $HTTP_PORT
${PGHOST:+db_host = $PGHOST}
${PGPORT:+db_port = $PGPORT}
${PGUSER:+db_user = $PGUSER}
${PGPASSWORD:+db_password = $PGPASSWORD}
CONF
}

# Prints the state of the addon in database $1 ("installed", "to upgrade"...)
# or nothing when the database or the addon is missing.
module_state() {
    "$PYTHON" - "$1" "$MODULE" <<'PY'
import sys
import psycopg2
try:
    conn = psycopg2.connect(dbname=sys.argv[1])
except psycopg2.OperationalError:
    sys.exit(0)
with conn, conn.cursor() as cr:
    cr.execute("SELECT to_regclass('ir_module_module')")
    if cr.fetchone()[0]:
        cr.execute("SELECT state FROM ir_module_module WHERE name = %s", (sys.argv[2],))
        row = cr.fetchone()
        print(row[0] if row else "")
PY
}

# Fingerprint of what only an install loads: the demo data (XML and the
# demo builder's scenarios, demo/builder/). Odoo does not replay demo data on
# update.
demo_fingerprint() {
    cat "$ROOT"/pm_aftersales/demo/*.xml $(find "$ROOT"/pm_aftersales/demo -name "*.py" | sort) "$ROOT"/pm_aftersales/__manifest__.py \
        | sha256sum | cut -c1-16
}

# Reads (or with $2, writes) the demo fingerprint stored in database $1.
db_fingerprint() {
    "$PYTHON" - "$1" "${2:-}" <<'PY'
import sys
import psycopg2
conn = psycopg2.connect(dbname=sys.argv[1])
with conn, conn.cursor() as cr:
    if sys.argv[2]:
        cr.execute(
            "INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            ("pm_aftersales.demo_fingerprint", sys.argv[2]),
        )
    else:
        cr.execute(
            "SELECT value FROM ir_config_parameter WHERE key = %s",
            ("pm_aftersales.demo_fingerprint",),
        )
        row = cr.fetchone()
        print(row[0] if row else "")
PY
}

# Creates database $1 with the addon, its demo data and zh_CN, or updates the
# addon when the database already has it and its demo data is current (the
# demo data changed: the database is rebuilt, an update would not load it).
# Modules installed beside the addon in the test databases: Odoo's demo
# payment provider, through which the owners pay in the tests.
TEST_EXTRA_MODULES=${TEST_EXTRA_MODULES:-payment_demo}

prepare_db() {
    local db=$1 state fingerprint
    state=$(module_state "$db")
    fingerprint=$(demo_fingerprint)
    if [ "$state" = "installed" ] && [ "$(db_fingerprint "$db")" != "$fingerprint" ]; then
        echo "[$db] the demo data changed since the database was built"
        state=rebuild
    fi
    if [ "$state" = "installed" ]; then
        echo "[$db] updating $MODULE"
        if odoo -c "$ODOO_CONF" -d "$db" -u "$MODULE" -i "$TEST_EXTRA_MODULES" \
            --stop-after-init --log-level=warn; then
            return
        fi
        echo "[$db] update failed: rebuilding the database"
    fi
    echo "[$db] creating the database with $MODULE, demo data and zh_CN"
    odoo db -c "$ODOO_CONF" drop "$db" >/dev/null 2>&1 || true
    odoo -c "$ODOO_CONF" -d "$db" -i "$MODULE,$TEST_EXTRA_MODULES" --with-demo \
        --load-language=en_US,zh_CN --stop-after-init --log-level=warn
    db_fingerprint "$db" "$fingerprint"
}
