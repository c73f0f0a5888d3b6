# Shared helpers for the client tests: start build/basalt on a free loopback
# port with a temporary data directory and key, stop and restart it.
# Usage: source lib.sh; basalt_start <binary>; ...; basalt_stop
set -euo pipefail

WORK_DIR=$(mktemp -d /tmp/basalt-client-test.XXXXXX)
DATA_DIR="$WORK_DIR/data"
KEY_FILE="$WORK_DIR/master.key"
LOG_FILE="$WORK_DIR/server.log"
BASALT_PID=""
trap 'basalt_stop; rm -rf "$WORK_DIR"' EXIT

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# BASALT_TEST_PORT: a fixed port, for machines where each user has a range.
PORT=${BASALT_TEST_PORT:-$(free_port)}
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=basalt PGDATABASE=basalt PGCONNECT_TIMEOUT=5

fail() {
  echo "FAIL: $*" >&2
  echo "--- server log ---" >&2
  tail -n 50 "$LOG_FILE" >&2 || true
  exit 1
}

basalt_start() {  # <binary>
  BASALT_BINARY=$1
  [[ -f "$KEY_FILE" ]] || { (umask 077; openssl rand -hex 32 > "$KEY_FILE"); }
  "$BASALT_BINARY" --listen 127.0.0.1 --port "$PORT" --data-dir "$DATA_DIR" \
    --key-file "$KEY_FILE" --log-level info ${BASALT_EXTRA_ARGS:-} >>"$LOG_FILE" 2>&1 &
  BASALT_PID=$!
  for _ in $(seq 1 100); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && return 0
    kill -0 "$BASALT_PID" 2>/dev/null || fail "server exited during start-up"
    sleep 0.1
  done
  fail "server did not accept connections"
}

basalt_stop() {  # graceful: SIGTERM, wait for a clean exit
  [[ -n "$BASALT_PID" ]] || return 0
  kill -TERM "$BASALT_PID" 2>/dev/null || true
  local status=0
  wait "$BASALT_PID" || status=$?
  BASALT_PID=""
  [[ $status -eq 0 ]] || fail "server exited with status $status on SIGTERM"
  # The ASan build reports and keeps going where it can; a report is a failure.
  ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$LOG_FILE" ||
    fail "sanitizer report in the server log"
}

# A statement that must fail with this SQLSTATE and message.
expect_error() {  # <sql> <SQLSTATE> <message part>
  local out
  out=$(psql -X -A -t -v ON_ERROR_STOP=1 -c "\\set VERBOSITY verbose" -c "$1" 2>&1 || true)
  [[ "$out" == *"ERROR:  $2: "*"$3"* ]] || fail "expected $2 '$3' for: $1, got: $out"
}

# The strategy of a materialized view's last refresh (basalt_matview_status).
matview_strategy() {  # <view name>
  psql -X -A -t -v ON_ERROR_STOP=1 \
    -c "SELECT strategy FROM basalt_matview_status WHERE matviewname = '$1'"
}

# Runs psql on a script, stopping at the first error.
run_psql() {
  psql -X -q -v ON_ERROR_STOP=1 --no-psqlrc "$@"
}
