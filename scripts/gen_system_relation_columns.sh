#!/usr/bin/env bash
# Regenerates catalog/system_relation_specs.cc (pg_catalog's catalog tables)
# and catalog/system_view_specs.cc (its system views) from a PostgreSQL 15
# server: their OIDs, relkinds and columns. The views catalog/
# system_relations.cc declares itself with Basalt's types are left out.
# Usage: scripts/gen_system_relation_columns.sh "host=/tmp/pg port=55433 user=basalt"
set -euo pipefail
cd "$(dirname "$0")/.."
declared="'pg_stats','pg_locks','pg_cursors','pg_prepared_statements'"

generate() {  # <relkind> <function> <what> <file>
  psql "$1" -At -F'|' -c "
select c.relname, c.oid, c.relkind,
  string_agg(a.attname || ' ' || t.typname, ',' order by a.attnum)
from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
join pg_type t on t.oid = a.atttypid
where c.relnamespace = 11 and c.relkind = '$2' and c.relname not in ($declared)
group by 1, 2, 3 order by 1" |
    scripts/catalog_gen/relation_specs.py "$3" \
"pg_catalog's $4 as PostgreSQL 15 defines them: name, OID, relkind
and columns (\"name type\", PostgreSQL's type names). Generated from a
PostgreSQL 15 server by scripts/gen_system_relation_columns.sh; edit
that, not this." > "$5"
  clang-format -i "$5"
}
generate "$1" r CatalogTableSpecs "catalog tables" catalog/system_relation_specs.cc
generate "$1" v SystemViewSpecs "system views" catalog/system_view_specs.cc
