#!/usr/bin/env bash
# CREATE INDEX CONCURRENTLY (issue 14): writers go on through the build and
# the index agrees with the table row for row; a unique build meeting a
# duplicate leaves an INVALID index and resumes; older snapshots do not
# read a newer index; a build killed with SIGKILL halfway resumes from its
# recorded position (create_index_concurrently.py).
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"

basalt_start "$1"
for mode in writers duplicate snapshots; do
  /usr/bin/python3 "$HERE/create_index_concurrently.py" "$mode" "$PORT" ||
    fail "CREATE INDEX CONCURRENTLY, $mode: the FAIL above"
done

# Killed halfway, then resumed after a restart.
/usr/bin/python3 "$HERE/create_index_concurrently.py" start-build "$PORT" "$WORK_DIR/killed_at" ||
  fail "the build to kill: the FAIL above"
kill -9 "$BASALT_PID"
wait "$BASALT_PID" 2>/dev/null || true
BASALT_PID=""
basalt_start "$1"
psql -X -c '\d t' | grep -q '"t_k" btree (k) INVALID' ||
  fail "\\d t does not show t_k INVALID after the crash: $(psql -X -c '\d t' 2>&1)"
/usr/bin/python3 "$HERE/create_index_concurrently.py" check-resumed "$PORT" "$WORK_DIR/killed_at" ||
  fail "the resumed build: the FAIL above"
basalt_stop
echo "create index concurrently: OK"
