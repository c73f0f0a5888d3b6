#!/usr/bin/env bash
# Readers never wait for a refresh of a 200,000-row materialized view, see
# its old or its new contents and nothing in between; a refresh left open in
# a block or rolled back leaves the old contents: matview_reader_latency.py.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
basalt_start "$1"
/usr/bin/python3 "$HERE/matview_reader_latency.py" "$PORT" || fail "matview reader latency"
kill -0 "$BASALT_PID" 2>/dev/null || fail "server died during the run"
basalt_stop
