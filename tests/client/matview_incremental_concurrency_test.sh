#!/usr/bin/env bash
# Incremental materialized views under 4 concurrent writers and 2 concurrent
# refreshers (issue 16): matview_incremental_concurrency.py. Every refresh
# read at one REPEATABLE READ snapshot with its query, and every view after
# the writers stop, must equal the query run fresh; most refreshes must have
# run incrementally. MATVIEW_IVM_SEED and MATVIEW_IVM_SECONDS (20) set the
# seed and the length of the load; `make test-long` runs it longer.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"

basalt_start "$1"
/usr/bin/python3 "$HERE/matview_incremental_concurrency.py" run "$PORT" ||
  fail "an incremental view missed or double-applied a change (rerun with the seed printed above)"
kill -0 "$BASALT_PID" 2>/dev/null || fail "server died during the run"
basalt_stop
echo "matview incremental concurrency: OK"
