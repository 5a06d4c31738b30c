#!/usr/bin/env bash
# Prepare the PostgreSQL database the tests use (idempotent).
# Creates role and database gongbao_test (UTF-8, C.UTF-8 ctype) on 127.0.0.1:5432, connecting
# with trust auth as user postgres. Fails loudly when the server is unreachable: CI must not
# silently skip the PostgreSQL half of the test suite.
set -euo pipefail

HOST="${PGHOST:-127.0.0.1}"
PORT="${PGPORT:-5432}"
ADMIN="${PGADMIN:-postgres}"
DB="gongbao_test"
psql_admin() { psql -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "$ADMIN" -d postgres -tAq "$@"; }

if ! command -v psql >/dev/null 2>&1; then
    echo "ci_postgres: psql not found; install the PostgreSQL client" >&2
    exit 1
fi
if ! psql_admin -c "SELECT 1" >/dev/null 2>&1; then
    echo "ci_postgres: PostgreSQL is unreachable at $HOST:$PORT as $ADMIN" >&2
    psql_admin -c "SELECT 1" >&2 || true
    exit 1
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB'")" != "1" ]; then
    psql_admin -c "CREATE ROLE $DB LOGIN"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE $DB OWNER $DB ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
fi
echo "ci_postgres: database $DB ready on $HOST:$PORT (URL postgresql+psycopg://$ADMIN@$HOST:$PORT/$DB)"
