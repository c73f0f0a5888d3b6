#!/usr/bin/env bash
# Regenerates catalog/information_schema_specs.cc from a PostgreSQL 15 server:
# the information_schema views Basalt defines, with their OIDs and columns
# (column types are PostgreSQL's domain names: sql_identifier, ...).
# Usage: scripts/gen_information_schema_specs.sh "host=127.0.0.1 port=56291 user=basalt"
set -euo pipefail
cd "$(dirname "$0")/.."
views="'tables','columns','views','schemata','table_constraints','key_column_usage',\
'referential_constraints','constraint_column_usage','check_constraints','sequences',\
'routines','parameters','character_sets'"
psql "$1" -At -F'|' -c "
select c.relname, c.oid, c.relkind,
  string_agg(a.attname || ' ' || t.typname, ',' order by a.attnum)
from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
join pg_type t on t.oid = a.atttypid
where c.relnamespace = 'information_schema'::regnamespace and c.relname in ($views)
group by 1, 2, 3 order by 1" |
  scripts/catalog_gen/relation_specs.py InformationSchemaSpecs \
"information_schema's views as PostgreSQL 15 defines them: name, OID and
columns (\"name type\", the type being one of information_schema's domains).
Generated from a PostgreSQL 15 server by
scripts/gen_information_schema_specs.sh; edit that, not this." > catalog/information_schema_specs.cc
clang-format -i catalog/information_schema_specs.cc
