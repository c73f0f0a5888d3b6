#!/usr/bin/env bash
# Foreign keys under concurrent writers (issue 14): child inserts racing the
# deletes and key updates of their parents from several connections must
# never leave a child without its parent (foreign_key_concurrency.py).
# FK_RACE_SECONDS (10) sets the length of the load.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"

basalt_start "$1"
/usr/bin/python3 "$HERE/foreign_key_concurrency.py" "$PORT" ||
  fail "foreign keys under concurrent writers: the FAIL above"
kill -0 "$BASALT_PID" 2>/dev/null || fail "server died during the run"
basalt_stop
echo "foreign key concurrency: OK"
