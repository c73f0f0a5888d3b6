#!/usr/bin/env bash
# Randomized differential test of materialized views against PostgreSQL 15:
# matview_differential.py (seed and rounds from MATVIEW_DIFF_SEED and
# MATVIEW_DIFF_ROUNDS; `make test-long` runs more rounds).
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../reference_postgres.sh"
PG_PORT=$PORT
source "$HERE/lib.sh"
trap 'basalt_stop; rm -rf "$WORK_DIR"; stop_reference_postgres' EXIT

basalt_start "$1"
/usr/bin/python3 "$HERE/matview_differential.py" "$PORT" "$PG_PORT" ||
  fail "materialized views differ (rerun with the seed printed above)"
kill -0 "$BASALT_PID" 2>/dev/null || fail "server died during the run"
basalt_stop
