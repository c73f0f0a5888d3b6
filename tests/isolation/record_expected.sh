#!/usr/bin/env bash
# Records the expected transcripts of isolation specs from a throwaway
# PostgreSQL 15, so that every expected/<name>.out is PostgreSQL's own.
# Usage: tests/isolation/record_expected.sh [specs/<name>.spec...]   (default: all)
# The runner is build/tests/isolation_runner (scripts/build-locked.sh
# isolation_runner), or $ISOLATION_RUNNER.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUNNER=${ISOLATION_RUNNER:-$HERE/../../build/tests/isolation_runner}
[[ -x "$RUNNER" ]] || { echo "no runner at $RUNNER: build isolation_runner first" >&2; exit 1; }
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/basalt-isolation-record.XXXXXX)
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
psql -X -q -h 127.0.0.1 -p "$PORT" -U basalt -d postgres -c "CREATE DATABASE basalt"

specs=("$@")
[[ ${#specs[@]} -gt 0 ]] || specs=("$HERE"/specs/*.spec)
"$RUNNER" --conninfo "host=127.0.0.1 port=$PORT user=basalt dbname=basalt sslmode=disable" \
  --record "${specs[@]}"
