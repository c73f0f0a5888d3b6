#!/usr/bin/env bash
# Regenerates catalog/system_relation_specs.cc from a PostgreSQL 15 server:
# every catalog table and system view of pg_catalog, with their OIDs,
# relkinds and columns.
# Usage: scripts/gen_system_relation_columns.sh "host=/tmp/pg port=55433 user=basalt"
set -euo pipefail
cd "$(dirname "$0")/.."
# Every catalog table and system view of pg_catalog but those
# catalog/system_relations.cc declares itself with Basalt's types.
declared="'pg_stats','pg_locks','pg_cursors','pg_prepared_statements'"
psql "$1" -At -F'|' -c "
select c.relname, c.oid, c.relkind,
  string_agg(a.attname || ' ' || t.typname, ',' order by a.attnum)
from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
join pg_type t on t.oid = a.atttypid
where c.relnamespace = 11 and c.relkind in ('r', 'v') and c.relname not in ($declared)
group by 1, 2, 3 order by 1" |
  scripts/catalog_gen/relation_specs.py SystemRelationSpecs \
"pg_catalog's relations as PostgreSQL 15 defines them: name, OID, relkind
and columns (\"name type\", PostgreSQL's type names). Generated from a
PostgreSQL 15 server by scripts/gen_system_relation_columns.sh; edit
that, not this." > catalog/system_relation_specs.cc
clang-format -i catalog/system_relation_specs.cc
