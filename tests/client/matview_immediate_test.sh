#!/usr/bin/env bash
# Immediate materialized views (issue 17) under 8 concurrent writers and 2
# same-snapshot checkers (matview_immediate_concurrency.py run), then kill -9
# under the same load: after the restart every view equals its query with no
# REFRESH (its rows commit with the writes they follow, or not at all).
# MATVIEW_IVM_SEED and MATVIEW_IVM_SECONDS (20) set the seed and the load.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
BINARY=$1
WORKLOAD="$HERE/matview_immediate_concurrency.py"
export PYTHONPATH="$HERE"

basalt_start "$BINARY"
/usr/bin/python3 "$WORKLOAD" run "$PORT" ||
  fail "immediate views under concurrent writers: the FAIL above (rerun with its seed)"

/usr/bin/python3 "$WORKLOAD" load "$PORT" 600 > "$WORK_DIR/load.out" 2>&1 &
load_pid=$!
sleep 3
kill -0 "$load_pid" 2>/dev/null || fail "the load ended before the kill: $(cat "$WORK_DIR/load.out")"
kill -KILL "$BASALT_PID"
wait "$BASALT_PID" 2>/dev/null || true
wait "$load_pid" || fail "the load failed: $(cat "$WORK_DIR/load.out")"
cat "$WORK_DIR/load.out"
basalt_start "$BINARY"
/usr/bin/python3 "$WORKLOAD" check "$PORT" "after kill -9" || fail "views differ after kill -9"
basalt_stop
echo "matview immediate: OK"
