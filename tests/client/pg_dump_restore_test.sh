#!/usr/bin/env bash
# PostgreSQL 15's pg_dump against Basalt: `pg_dump -s`, `pg_dump` (schema
# and data) and `pg_dump -Fc` run without error, and their output, loaded
# into a fresh PostgreSQL 15 database with ON_ERROR_STOP (the archive by
# pg_restore --exit-on-error), gives the same schema and rows
# as the same SQL run directly on PostgreSQL (pg_dump of both PostgreSQL
# databases compared).
#
# Normalized before comparing, because they differ legitimately:
# - `\restrict KEY` / `\unrestrict KEY`: a random key per pg_dump run;
# - `-- Dumped from database version ...`: Basalt reports 15.0.
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
basalt_start "$1"

# A throwaway PostgreSQL 15 (trust auth, superuser basalt), stopped at exit.
PG_PORT=${BASALT_REFERENCE_PORT:-$(free_port)}
PG_DIR="$WORK_DIR/pg"
as_postgres=()
[[ $(id -u) -eq 0 ]] && as_postgres=(runuser -u postgres --)  # initdb refuses root
stop_postgres() { "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true; }
trap 'stop_postgres; basalt_stop; rm -rf "$WORK_DIR"' EXIT
chmod 755 "$WORK_DIR"
mkdir "$PG_DIR"
[[ -z "${as_postgres[*]}" ]] || chown postgres "$PG_DIR"
"${as_postgres[@]}" "$PG_BIN/initdb" -D "$PG_DIR" -A trust -U basalt -E UTF8 --locale=C.UTF-8 \
  >/dev/null || fail "initdb failed"
"${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/log" -w \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR" start >/dev/null ||
  fail "PostgreSQL did not start"
pg() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" "$@"; }
for db in direct restored schema_only from_archive; do pg -d postgres -c "CREATE DATABASE $db"; done

# The same schema and rows on Basalt and, directly, on PostgreSQL.
for target in basalt pg; do
  runner=(run_psql)
  [[ $target == pg ]] && runner=(pg -d direct)
  "${runner[@]}" -f "$HERE/pg_dump_restore_schema.sql" -f "$HERE/pg_dump_restore_data.sql" \
    >/dev/null || fail "building the schema on $target failed"
done

"$PG_BIN/pg_dump" -s >"$WORK_DIR/basalt_schema.sql" 2>"$WORK_DIR/err" ||
  fail "pg_dump -s of Basalt failed: $(cat "$WORK_DIR/err")"
"$PG_BIN/pg_dump" >"$WORK_DIR/basalt_full.sql" 2>"$WORK_DIR/err" ||
  fail "pg_dump of Basalt failed: $(cat "$WORK_DIR/err")"

# The custom archive format, restored by pg_restore.
"$PG_BIN/pg_dump" -Fc -f "$WORK_DIR/basalt.dump" 2>"$WORK_DIR/err" ||
  fail "pg_dump -Fc of Basalt failed: $(cat "$WORK_DIR/err")"
"$PG_BIN/pg_restore" -h 127.0.0.1 -p "$PG_PORT" -d from_archive --exit-on-error \
  "$WORK_DIR/basalt.dump" 2>"$WORK_DIR/err" ||
  fail "pg_restore of pg_dump -Fc on PostgreSQL failed: $(cat "$WORK_DIR/err")"

pg -d schema_only -f "$WORK_DIR/basalt_schema.sql" >/dev/null 2>"$WORK_DIR/err" ||
  fail "restoring pg_dump -s on PostgreSQL failed: $(cat "$WORK_DIR/err")"
pg -d restored -f "$WORK_DIR/basalt_full.sql" >/dev/null 2>"$WORK_DIR/err" ||
  fail "restoring pg_dump on PostgreSQL failed: $(cat "$WORK_DIR/err")"

normalized_dump() {  # <database> [pg_dump options]
  "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$PG_PORT" -d "$@" |
    grep -v -e '^\\restrict ' -e '^\\unrestrict ' -e '^-- Dumped from database version'
}
diff -u <(normalized_dump direct -s) <(normalized_dump schema_only -s) >"$WORK_DIR/diff" ||
  fail "the schema restored from pg_dump -s differs: $(cat "$WORK_DIR/diff")"
diff -u <(normalized_dump direct) <(normalized_dump restored) >"$WORK_DIR/diff" ||
  fail "the schema and rows restored from pg_dump differ: $(cat "$WORK_DIR/diff")"
diff -u <(normalized_dump direct) <(normalized_dump from_archive) >"$WORK_DIR/diff" ||
  fail "the schema and rows pg_restore made of pg_dump -Fc differ: $(cat "$WORK_DIR/diff")"
echo "pg_dump_restore: OK"
