#!/usr/bin/env bash
# Runs the driver tests against a throwaway PostgreSQL 15, the reference each
# of them passes first. Usage: against_postgres.sh [driver ...], a driver being
# psycopg, type_roundtrip, asyncpg, pgjdbc, node_postgres or sqlalchemy (all six
# without arguments).
set -euo pipefail
source "$(dirname "$0")/../reference_postgres.sh"
source "$(dirname "$0")/drivers.sh"
drivers=("$@")
[[ ${#drivers[@]} -gt 0 ]] || drivers=(psycopg type_roundtrip asyncpg pgjdbc node_postgres sqlalchemy)
status=0
for driver in "${drivers[@]}"; do
  echo "== $driver against PostgreSQL 15 (port $PORT)"
  "run_$driver" "$PORT" || status=1
done
exit $status
