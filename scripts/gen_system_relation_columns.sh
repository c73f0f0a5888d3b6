#!/usr/bin/env bash
# Regenerates catalog/system_relation_specs.cc from a PostgreSQL 15 server:
# every catalog table of pg_catalog and the system views Basalt defines,
# with their OIDs, relkinds and columns.
# Usage: scripts/gen_system_relation_columns.sh "host=/tmp/pg port=55433 user=basalt"
set -euo pipefail
cd "$(dirname "$0")/.."
views="'pg_roles','pg_user','pg_tables','pg_views','pg_indexes','pg_matviews','pg_sequences',\
'pg_group','pg_shadow','pg_stat_user_tables','pg_stat_all_tables','pg_statio_user_tables',\
'pg_stat_activity','pg_settings','pg_policies','pg_rules','pg_stat_user_indexes',\
'pg_stat_all_indexes','pg_stat_database','pg_available_extensions','pg_timezone_names',\
'pg_publication_tables','pg_stat_progress_create_index','pg_seclabels'"
psql "$1" -At -F'|' -c "
select c.relname, c.oid, c.relkind,
  string_agg(a.attname || ' ' || t.typname, ',' order by a.attnum)
from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
join pg_type t on t.oid = a.atttypid
where c.relnamespace = 11 and (c.relkind = 'r' or c.relname in ($views))
group by 1, 2, 3 order by 1" |
  scripts/catalog_gen/relation_specs.py SystemRelationSpecs \
"pg_catalog's relations as PostgreSQL 15 defines them: name, OID, relkind
and columns (\"name type\", PostgreSQL's type names). Generated from a
PostgreSQL 15 server by scripts/gen_system_relation_columns.sh; edit
that, not this." > catalog/system_relation_specs.cc
clang-format -i catalog/system_relation_specs.cc
