#!/usr/bin/env bash
# psql end to end: create, fill, query, update, delete; restart the server;
# the data is still there. Output is compared with the expected file, which
# was checked against PostgreSQL 15 running the same script.
source "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)

basalt_start "$1"
(cd "$HERE" && run_psql -f psql_roundtrip.sql) > "$WORK_DIR/out1.txt" 2>&1 || { cat "$WORK_DIR/out1.txt"; fail "psql script failed"; }
diff -u "$HERE/psql_roundtrip.expected" "$WORK_DIR/out1.txt" || fail "psql output differs"

basalt_stop
basalt_start "$1"
(cd "$HERE" && run_psql -f psql_after_restart.sql) > "$WORK_DIR/out2.txt" 2>&1 || { cat "$WORK_DIR/out2.txt"; fail "psql after restart failed"; }
diff -u "$HERE/psql_after_restart.expected" "$WORK_DIR/out2.txt" || fail "data differs after restart"
basalt_stop
echo "psql round trip: OK"
