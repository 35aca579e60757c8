#!/usr/bin/env bash
# make lint: the checks of .pre-commit-config.yaml, run from the project
# virtualenv (the dev section of requirements.txt), with no network access.
# `pre-commit run --all-files` runs the same hooks where GitHub is reachable:
# pre-commit clones each hook's repository, which this script does not need.
#
#   ruff (check and format), OCA's oca-checks-odoo-module and oca-checks-po
#   (odoo-pre-commit-hooks, as configured in OCA repositories), pylint-odoo
#   with .pylintrc.
#
# Every check runs even when an earlier one fails; the exit code is non-zero
# if any check found something. LINT_FIX=1 lets ruff fix what it can.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
BIN=$(dirname "$PYTHON")
cd "$ROOT"

for tool in ruff oca-checks-odoo-module oca-checks-po pylint; do
    if [ ! -x "$BIN/$tool" ]; then
        echo "lint: $BIN/$tool is missing: run 'make setup' (it installs the dev section of requirements.txt)." >&2
        exit 2
    fi
done

failed=()
check() {
    local name=$1
    shift
    echo "== $name"
    if "$@"; then
        echo "   ok"
    else
        failed+=("$name")
    fi
}

ruff_fix=()
ruff_format=(--check --diff)
if [ "${LINT_FIX:-0}" = 1 ]; then
    ruff_fix=(--fix)
    ruff_format=()
fi

# The catalogues that pre-commit passes to oca-checks-po (tracked .po/.pot).
mapfile -t po_files < <(git ls-files "$MODULE/i18n/*.po" "$MODULE/i18n/*.pot" "$MODULE/i18n_extra/*.po")

check "ruff check" "$BIN/ruff" check "${ruff_fix[@]}" .
check "ruff format" "$BIN/ruff" format "${ruff_format[@]}" .
check "oca-checks-odoo-module" "$BIN/oca-checks-odoo-module" "$MODULE"
check "oca-checks-po" "$BIN/oca-checks-po" --disable=po-pretty-format "${po_files[@]}"
check "pylint-odoo" "$BIN/pylint" --rcfile=.pylintrc "$MODULE"

if [ ${#failed[@]} -gt 0 ]; then
    echo "lint: findings in: ${failed[*]}" >&2
    exit 1
fi
echo "lint: all checks passed"
