# Sourced by the scripts that record expected output: starts a throwaway
# PostgreSQL 15 on a free loopback port (trust auth, superuser `basalt`,
# UTF8 with the C.UTF-8 locale, database `basalt`) and stops and removes it
# when the script exits. Sets PORT and WORK (a scratch directory).
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/basalt-reference.XXXXXX)
chmod 755 "$WORK"
# BASALT_REFERENCE_PORT: a fixed port, for machines where each user has a range.
PORT=${BASALT_REFERENCE_PORT:-$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}

reference_as_postgres=()
[[ $(id -u) -eq 0 ]] && reference_as_postgres=(runuser -u postgres --)   # initdb refuses root
stop_reference_postgres() {
  "${reference_as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap stop_reference_postgres EXIT

mkdir "$WORK/pg"
[[ -z "${reference_as_postgres[*]}" ]] || chown postgres "$WORK/pg"
"${reference_as_postgres[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U basalt -E UTF8 \
  --locale=C.UTF-8 >/dev/null
"${reference_as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $WORK/pg" start >/dev/null
psql -X -q -h 127.0.0.1 -p "$PORT" -U basalt -d postgres -c "CREATE DATABASE basalt"
