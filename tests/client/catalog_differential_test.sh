#!/usr/bin/env bash
# Catalog differential test (issue 13): generated queries over pg_class,
# pg_namespace, pg_attribute, pg_type, pg_index and pg_constraint on the
# same schema, Basalt against a throwaway PostgreSQL 15, compared by name
# (catalog_differential.py; CATALOG_DIFF_QUERIES and CATALOG_DIFF_SEED
# choose how many and which).
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../reference_postgres.sh"
PG_PORT=$PORT
source "$HERE/lib.sh"
trap 'basalt_stop; rm -rf "$WORK_DIR"; stop_reference_postgres' EXIT

basalt_start "$1"
/usr/bin/python3 "$HERE/catalog_differential.py" "$PORT" "$PG_PORT" \
  "${CATALOG_DIFF_QUERIES:-300}" ${CATALOG_DIFF_SEED:-} ||
  fail "the catalogs differ (rerun with the seed printed above)"
basalt_stop
echo "catalog differential: OK"
