#!/usr/bin/env bash
# Drivers' type introspection (issue 13): asyncpg's and psycopg 3's pg_type
# queries against Basalt and a throwaway PostgreSQL 15, answers compared
# (type_introspection.py).
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../reference_postgres.sh"
PG_PORT=$PORT
source "$HERE/../client/lib.sh"
trap 'basalt_stop; rm -rf "$WORK_DIR"; stop_reference_postgres' EXIT

basalt_start "$1"
/usr/bin/python3 "$HERE/type_introspection.py" "$PORT" "$PG_PORT" ||
  fail "the drivers' type introspection differs from PostgreSQL's"
basalt_stop
