#!/usr/bin/env bash
# Writes PostgreSQL 15's pg_description rows of the built-in objects Basalt
# has: those of the functions in builtin_proc_rows.cc to
# catalog/builtin_proc_description_rows.cc, and those of the types and
# operators in builtin_type_rows.cc and builtin_operator_rows.cc, of the
# collations in catalog_rows.cc's PgCollationRows and of the plpgsql
# extension to catalog/builtin_description_rows.cc.
# Usage: builtin_descriptions.sh <psql connection options to a PostgreSQL 15>
set -euo pipefail
cd "$(dirname "$0")/../../catalog"
oids() { grep -oE '^\s*\{[0-9]+,\s+"' "$1" | grep -oE '[0-9]+' | paste -sd, -; }

write() {  # <file> <function> <what> <pg_description condition> [psql options]
  local file=$1 function=$2 what=$3 condition=$4
  shift 4
  local rows
  rows=$(psql -X -At "$@" -c "
select format('{%s, %s, %s},', objoid, classoid, to_json(description)::text)
from pg_description where objsubid = 0 and ($condition)
order by classoid, objoid")
  {
    cat <<HEADER
// Generated from a PostgreSQL 15 server by
// scripts/catalog_gen/builtin_descriptions.sh: initdb's comments on the
// $what. Edit the generator, not this.
#include "catalog/description_rows.h"

namespace basalt::catalog {

const std::vector<BuiltinDescription>& $function() {
  // clang-format off
  static const std::vector<BuiltinDescription> descriptions = {
HEADER
    sed 's/^/      /' <<<"$rows"
    cat <<'FOOTER'
  };
  // clang-format on
  return descriptions;
}

}  // namespace basalt::catalog
FOOTER
  } >"$file"
  echo "wrote catalog/$file ($(wc -l <<<"$rows") rows)" >&2
}

write builtin_proc_description_rows.cc BuiltinFunctionDescriptions \
  "built-in functions Basalt has" \
  "classoid = 'pg_proc'::regclass and objoid in ($(oids builtin_proc_rows.cc))" "$@"
write builtin_description_rows.cc BuiltinObjectDescriptions \
  "built-in types, operators and collations Basalt has and on the plpgsql extension" \
  "(classoid = 'pg_type'::regclass and objoid in ($(oids builtin_type_rows.cc)))
    or (classoid = 'pg_operator'::regclass and objoid in ($(oids builtin_operator_rows.cc)))
    or (classoid = 'pg_collation'::regclass and objoid in (100, 950, 951, 12340, 12341))
    or (classoid = 'pg_extension'::regclass
        and objoid = (select oid from pg_extension where extname = 'plpgsql'))" "$@"
