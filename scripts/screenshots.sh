#!/usr/bin/env bash
# make screenshots: serve a copy of the test database (what the screens do,
# e.g. open a dispatch wizard, never touches the test database) and render the
# main screens of each role at desktop and phone width into $SHOTS_DIR.
# Variables: SHOTS_DIR (.build/screenshots), SHOTS_ONLY (screen keys, comma-separated).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_odoo
write_conf
prepare_db "$TEST_DB"
SHOTS_DB=${SHOTS_DB:-${TEST_DB}_shots}
SHOTS_DIR=${SHOTS_DIR:-$BUILD/screenshots}
SHOTS_PORT=${SHOTS_PORT:-$((HTTP_PORT + 100))}
odoo db -c "$ODOO_CONF" duplicate -f "$TEST_DB" "$SHOTS_DB" >"$BUILD/db-duplicate.log" 2>&1 \
    || { cat "$BUILD/db-duplicate.log" >&2; exit 1; }
odoo -c "$ODOO_CONF" -d "$SHOTS_DB" --db-filter="^${SHOTS_DB}\$" --http-port="$SHOTS_PORT" \
    --http-interface=127.0.0.1 --max-cron-threads=0 --workers=0 --log-level=warn \
    >"$BUILD/screenshots-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$SHOTS_PORT"
for _ in $(seq 240); do
    if "$PYTHON" -c "import sys, requests; sys.exit(requests.get('$url/web/login', timeout=5).status_code != 200)" 2>/dev/null; then
        break
    fi
    kill -0 "$server" 2>/dev/null || { cat "$BUILD/screenshots-server.log" >&2; exit 1; }
    sleep 0.5
done
cd "$ROOT"
"$PYTHON" scripts/screenshots.py --url "$url" --out "$SHOTS_DIR" --only "${SHOTS_ONLY:-}"
