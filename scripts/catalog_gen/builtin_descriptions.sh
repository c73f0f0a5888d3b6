#!/usr/bin/env bash
# Prints the rows of catalog/builtin_description_rows.cc: PostgreSQL 15's
# pg_description rows of the types and functions in builtin_type_rows.cc
# and builtin_proc_rows.cc, and of the plpgsql extension.
# Usage: builtin_descriptions.sh <psql connection options to a PostgreSQL 15>
set -euo pipefail
cd "$(dirname "$0")/../../catalog"
oids() { grep -oE '^\s*\{[0-9]+,\s+"' "$1" | grep -oE '[0-9]+' | paste -sd, -; }
psql -X -At "$@" -c "
select format('{%s, %s, %s},', objoid, classoid, to_json(description)::text)
from pg_description
where objsubid = 0
  and ((classoid = 'pg_type'::regclass and objoid in ($(oids builtin_type_rows.cc)))
    or (classoid = 'pg_proc'::regclass and objoid in ($(oids builtin_proc_rows.cc)))
    or (classoid = 'pg_extension'::regclass
        and objoid = (select oid from pg_extension where extname = 'plpgsql')))
order by classoid, objoid"
