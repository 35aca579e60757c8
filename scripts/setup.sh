#!/usr/bin/env bash
# make setup: idempotent preparation of a machine to run and test pm_aftersales.
#
#  0. A project virtualenv ($VENV, default .venv): nothing is installed into
#     the system Python. Where the system Python already imports Odoo 19.0 the
#     virtualenv sees it (--system-site-packages) and installs only what is
#     missing there; packages the system has are neither upgraded nor removed.
#  1. Odoo 19.0: reuse one that the virtualenv can import; else install the
#     one at $ODOO_SOURCE (a source tree or a .tar.gz/.zip archive, kept in
#     $ODOO_HOME for the next setup) into the virtualenv; else the one an
#     earlier setup kept in $ODOO_HOME; else download upstream's 19.0 archive.
#  2. The project's Python dependencies (requirements.txt).
#  3. PostgreSQL reachable (start an installed but stopped local cluster).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
BASE_PYTHON=${BASE_PYTHON:-python3}
VENV=${VENV:-$here/.venv}
ODOO_SERIES=19.0
ODOO_ARCHIVE_URL=${ODOO_ARCHIVE_URL:-https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz}
ODOO_HOME=${ODOO_HOME:-$HOME/.cache/pm_aftersales/odoo-$ODOO_SERIES}

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

ensure_venv() {
    if [ -x "$VENV/bin/python" ]; then
        say "using the virtualenv $VENV"
    else
        local flags=()
        if [ "$("$BASE_PYTHON" -c 'import odoo.release as r; print(r.serie)' 2>/dev/null || true)" = "$ODOO_SERIES" ]; then
            say "$BASE_PYTHON already imports Odoo $ODOO_SERIES: the virtualenv reuses it"
            flags+=(--system-site-packages)
        fi
        say "creating the virtualenv $VENV"
        "$BASE_PYTHON" -m venv "${flags[@]}" "$VENV"
    fi
    PYTHON=$VENV/bin/python
}

odoo_version() {
    "$PYTHON" -c 'import odoo.release as r; print(r.serie)' 2>/dev/null || true
}

# pip's configured constraint file(s) must survive: PIP_CONSTRAINT replaces them.
build_constraints() {
    local out=$1
    : >"$out"
    local configured
    configured=$("$PYTHON" -m pip config get global.constraint 2>/dev/null || true)
    for f in $configured ${PIP_CONSTRAINT:-}; do
        [ -f "$f" ] && cat "$f" >>"$out"
    done
    # cbor2==5.4.2 (an Odoo requirement on Python < 3.12) builds from an sdist
    # that imports pkg_resources, which setuptools 80 dropped.
    echo 'setuptools<80' >>"$out"
}

pip_install() {
    # pip >= 25.3 no longer applies PIP_CONSTRAINT to isolated builds: pass
    # the same file as the build constraint too.
    PIP_CONSTRAINT="$CONSTRAINTS" PIP_BUILD_CONSTRAINT="$CONSTRAINTS" "$PYTHON" -m pip install --quiet "$@"
}

install_odoo_from_tree() {
    local src=$1
    [ -f "$src/odoo/release.py" ] || die "$src is not an Odoo source tree (no odoo/release.py)."
    local serie
    serie=$(cd "$src" && "$PYTHON" -c 'import odoo.release as r; print(r.serie)')
    [ "$serie" = "$ODOO_SERIES" ] || die "$src holds Odoo $serie, pm_aftersales needs $ODOO_SERIES."
    say "installing Odoo $serie requirements from $src (this takes a few minutes the first time)"
    pip_install -r "$src/requirements.txt"
    # compat mode: with the default editable mode the site-packages/odoo/
    # folder created by OCA odoo-addon-* wheels shadows the package.
    say "installing Odoo from $src (editable, compat mode)"
    pip_install -e "$src" --config-settings editable_mode=compat
}

unpack_archive() {
    local archive=$1 dest=$2
    rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
    case "$archive" in
        *.zip) "$PYTHON" -m zipfile -e "$archive" "$dest.tmp" ;;
        *) tar -xf "$archive" -C "$dest.tmp" ;;
    esac
    local top
    top=$(find "$dest.tmp" -maxdepth 3 -name release.py -path '*/odoo/release.py' | head -1)
    [ -n "$top" ] || die "$archive does not contain an Odoo source tree."
    rm -rf "$dest" && mv "$(dirname "$(dirname "$top")")" "$dest" && rm -rf "$dest.tmp"
}

ensure_odoo() {
    local v
    v=$(odoo_version)
    if [ "$v" = "$ODOO_SERIES" ]; then
        say "Odoo $v is importable by $PYTHON: reusing it"
        return
    fi
    [ -z "$v" ] || die "$PYTHON imports Odoo $v; pm_aftersales needs Odoo $ODOO_SERIES (use another PYTHON or virtualenv)."
    if [ -n "${ODOO_SOURCE:-}" ]; then
        if [ -d "$ODOO_SOURCE" ]; then
            # Kept in $ODOO_HOME so that a later setup (a new clone, CI)
            # installs the same source without being told where it is.
            local src
            src=$(cd "$ODOO_SOURCE" && pwd)
            if [ "$src" != "$ODOO_HOME" ]; then
                say "copying $src to $ODOO_HOME"
                rm -rf "$ODOO_HOME.tmp" && mkdir -p "$ODOO_HOME.tmp"
                (cd "$src" && tar --exclude=.git -cf - .) | tar -xf - -C "$ODOO_HOME.tmp"
                rm -rf "$ODOO_HOME" && mv "$ODOO_HOME.tmp" "$ODOO_HOME"
            fi
            install_odoo_from_tree "$ODOO_HOME"
        elif [ -f "$ODOO_SOURCE" ]; then
            unpack_archive "$ODOO_SOURCE" "$ODOO_HOME"
            install_odoo_from_tree "$ODOO_HOME"
        else
            die "ODOO_SOURCE=$ODOO_SOURCE is neither a directory nor an archive."
        fi
    elif [ -f "$ODOO_HOME/odoo/release.py" ]; then
        say "installing the Odoo source kept by an earlier setup ($ODOO_HOME)"
        install_odoo_from_tree "$ODOO_HOME"
    else
        say "no Odoo $ODOO_SERIES found; downloading $ODOO_ARCHIVE_URL"
        mkdir -p "$(dirname "$ODOO_HOME")"
        local archive="$ODOO_HOME.tar.gz"
        if ! curl -fsSL --retry 2 --connect-timeout 15 -o "$archive.part" "$ODOO_ARCHIVE_URL" 2>/dev/null; then
            rm -f "$archive.part"
            die "Odoo $ODOO_SERIES is not installed and $ODOO_ARCHIVE_URL cannot be downloaded (offline?).
        Point setup at an Odoo $ODOO_SERIES source tree or archive and run it again:
            make setup ODOO_SOURCE=/path/to/odoo-19.0   (a git checkout or an extracted/tar.gz source)"
        fi
        mv "$archive.part" "$archive"
        unpack_archive "$archive" "$ODOO_HOME"
        install_odoo_from_tree "$ODOO_HOME"
    fi
    [ "$(odoo_version)" = "$ODOO_SERIES" ] || die "Odoo was installed but $PYTHON still cannot import it."
}

ensure_system_libs() {
    # python-ldap (an Odoo requirement) builds against libldap/libsasl headers.
    if [ -n "${ODOO_NEEDS_BUILD:-}" ] && command -v apt-get >/dev/null && ! [ -f /usr/include/ldap.h ]; then
        if [ "$(id -u)" = 0 ]; then
            say "installing libldap2-dev libsasl2-dev (needed to build python-ldap)"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libldap2-dev libsasl2-dev >/dev/null
        else
            die "python-ldap needs the LDAP and SASL headers: sudo apt-get install libldap2-dev libsasl2-dev"
        fi
    fi
}

ensure_requirements() {
    say "installing the project's Python dependencies"
    if "$PYTHON" -m pip show odoo >/dev/null 2>&1; then
        pip_install -r "$here/requirements.txt"
    else
        # Odoo importable but not installed as a distribution (PYTHONPATH):
        # the OCA wheels' "odoo==19.0.*" requirement cannot be resolved by pip.
        pip_install --no-deps -r "$here/requirements.txt"
    fi
}

ensure_postgres() {
    local host=${PGHOST:-}
    if pg_isready -q ${host:+-h "$host"} 2>/dev/null; then
        say "PostgreSQL is reachable"
        return
    fi
    if command -v pg_ctlcluster >/dev/null && command -v pg_lsclusters >/dev/null; then
        local line
        line=$(pg_lsclusters -h 2>/dev/null | awk '$4 != "online" {print $1" "$2; exit}')
        if [ -n "$line" ]; then
            say "starting the local PostgreSQL cluster $line"
            # shellcheck disable=SC2086
            pg_ctlcluster --skip-systemctl-redirect $line start || true
            sleep 1
            pg_isready -q && { say "PostgreSQL is reachable"; return; }
        fi
    fi
    die "PostgreSQL is not reachable. Install and start it (Debian/Ubuntu: sudo apt-get install postgresql),
        or set PGHOST/PGPORT/PGUSER to a server where your user may create databases."
}

ensure_system_tools() {
    # The end-to-end suite drives Debian's chromium (Playwright, no download);
    # PDF reports need wkhtmltopdf and CJK fonts, and their tests read the
    # PDFs back with poppler's pdftotext.
    local missing=()
    command -v chromium >/dev/null || [ -x "${PM_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
    command -v faketime >/dev/null || missing+=(faketime)   # make test-dates
    [ ${#missing[@]} -eq 0 ] && return
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        say "installing ${missing[*]} (browser tests, PDF reports)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
            || die "could not install: apt-get install ${missing[*]}"
    else
        die "The tests need: sudo apt-get install ${missing[*]} (or set PM_CHROMIUM for chromium)."
    fi
}

ensure_venv
CONSTRAINTS=$(mktemp)
trap 'rm -f "$CONSTRAINTS"' EXIT
build_constraints "$CONSTRAINTS"

if [ "$(odoo_version)" != "$ODOO_SERIES" ]; then
    ODOO_NEEDS_BUILD=1 ensure_system_libs
fi
ensure_odoo
ensure_requirements
ensure_postgres
ensure_system_tools
say "ready: Odoo $(odoo_version), $("$PYTHON" --version)"
