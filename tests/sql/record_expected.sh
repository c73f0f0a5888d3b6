#!/usr/bin/env bash
# Regenerates the .expected files of the SQL-file tests from a throwaway
# PostgreSQL 15, so that every expected output is PostgreSQL's own.
# Usage: record_expected.sh [file.sql...]   (default: all files)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/sql_files.sh"
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/basalt-record.XXXXXX)
chmod 755 "$WORK"
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

as_postgres=()
[[ $(id -u) -eq 0 ]] && as_postgres=(runuser -u postgres --)   # initdb refuses root
cleanup() {
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir "$WORK/pg"
[[ -z "${as_postgres[*]}" ]] || chown postgres "$WORK/pg"
"${as_postgres[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U basalt -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $WORK/pg" start >/dev/null
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=basalt PGDATABASE=basalt PGCONNECT_TIMEOUT=5
psql -X -q -d postgres -c "CREATE DATABASE basalt"

while IFS= read -r file; do
  run_sql_file "$file" > "${file%.sql}.expected"
  echo "recorded ${file#"$HERE"/}"
done < <(list_sql_files "$HERE" "$@")
