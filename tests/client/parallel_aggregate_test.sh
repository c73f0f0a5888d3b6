#!/usr/bin/env bash
# Parallel aggregation under concurrent writers (parallel_aggregate.py):
# every participant of a parallel aggregate reads the statement's one
# snapshot, so sums that writers keep constant stay constant; a cancel
# stops all participants. PARALLEL_RACE_SECONDS (8) sets the length.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"

basalt_start "$1"
/usr/bin/python3 "$HERE/parallel_aggregate.py" "$PORT" ||
  fail "parallel aggregation under concurrent writers: the FAIL above"
kill -0 "$BASALT_PID" 2>/dev/null || fail "server died during the run"
basalt_stop
echo "parallel aggregation: OK"
