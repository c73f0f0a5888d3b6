#!/usr/bin/env bash
# Plan quality (issue 10): on skewed tables after VACUUM ANALYZE, Basalt's
# join trees (join methods, join types, the tables' order) beside a
# throwaway PostgreSQL 15's for the queries of tests/plan_quality/queries.sql;
# the differences known and explained are listed in known_differences.sql.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../reference_postgres.sh"
PG_PORT=$PORT
source "$HERE/lib.sh"
trap 'basalt_stop; rm -rf "$WORK_DIR"; stop_reference_postgres' EXIT

basalt_start "$1"
PLANS="$HERE/../plan_quality"
/usr/bin/python3 "$PLANS/compare_shapes.py" "$PG_PORT" "$PORT" "$PLANS/known_differences.sql" ||
  fail "join trees differ from PostgreSQL's beyond the known differences"
basalt_stop
echo "plan quality: OK"
