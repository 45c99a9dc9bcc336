#!/usr/bin/env bash
# Install (Debian's `postgresql` package) and start a local PostgreSQL server for the store tests.
#
# Usage from .ci/run (as root, fresh clone, network only to package registries):
#     eval "$(bash .ci/setup-postgres.sh)"
# Progress goes to stderr; stdout is one line, `export RASID_TEST_PG_URL=...`, for the caller to eval.
# Idempotent: re-running on a machine where the server already runs only prints the URL.
set -euo pipefail

PG_USER="${RASID_PG_USER:-rasid}"
PG_PASS="${RASID_PG_PASS:-rasid}"
PG_DB="${RASID_PG_DB:-rasid_test}"
PG_PORT="${RASID_PG_PORT:-5432}"

log() { echo "setup-postgres: $*" >&2; }

# initdb takes the cluster's default encoding from the locale: make sure it is UTF-8 (Arabic text)
export LANG="${LANG:-C.UTF-8}"
case "$LANG" in *UTF-8*|*utf8*) ;; *) export LANG=C.UTF-8 ;; esac

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    log "installing Debian's postgresql package"
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
    log "creating cluster $VERSION/main"
    as_root pg_createcluster "$VERSION" main --port "$PG_PORT" >&2
fi

if ! pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting cluster $VERSION/main"
    # pg_ctlcluster works without systemd (containers, CI runners)
    as_root pg_ctlcluster "$VERSION" main start >&2
fi

# wait until it accepts connections
for _ in $(seq 1 30); do
    if as_root su postgres -c "pg_isready -q -p $PG_PORT"; then break; fi
    sleep 1
done
as_root su postgres -c "pg_isready -p $PG_PORT" >&2

psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $PG_PORT -d postgres -tAc \"$1\""; }

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'")" != "1" ]; then
    log "creating role $PG_USER"
    psql_admin "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASS' CREATEDB" >&2
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" != "1" ]; then
    log "creating database $PG_DB"
    psql_admin "CREATE DATABASE $PG_DB OWNER $PG_USER ENCODING 'UTF8' TEMPLATE template0" >&2
fi

log "PostgreSQL $VERSION ready on 127.0.0.1:$PG_PORT, database $PG_DB"
echo "export RASID_TEST_PG_URL=postgresql://$PG_USER:$PG_PASS@127.0.0.1:$PG_PORT/$PG_DB"
