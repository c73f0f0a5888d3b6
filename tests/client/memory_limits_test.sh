#!/usr/bin/env bash
# Memory limits through the server: a temp file left by a crash is swept at
# start-up; max_query_memory from the configuration file is every session's
# default; a sort past it fails with 53200 while other sessions and the same
# one go on; with work_mem = 64kB the same sort spills and returns what
# sort(1) returns; no temp file outlives its query.
source "$(dirname "$0")/lib.sh"

mkdir -p "$DATA_DIR/temp"
echo "left by a crashed server" > "$DATA_DIR/temp/basalt_tmp.99"
echo "max_query_memory = 2MB" > "$WORK_DIR/basalt.conf"
BASALT_EXTRA_ARGS="--config $WORK_DIR/basalt.conf" basalt_start "$1"
[[ ! -e "$DATA_DIR/temp/basalt_tmp.99" ]] || fail "a leftover temp file survived start-up"

q() { psql -X -A -t -v ON_ERROR_STOP=1 "$@"; }

[[ $(q -c "SHOW basalt.max_query_memory") == 2MB ]] || fail "the configured limit is not the default"
[[ $(q -c "SHOW work_mem") == 4MB ]] || fail "work_mem's default is not PostgreSQL's"
q -c "CREATE TABLE big (i int, t text)" \
  -c "INSERT INTO big SELECT i, md5(i::text) FROM generate_series(1, 50000) i" >/dev/null

expect_error "SET work_mem = '64MB'; SELECT t FROM big ORDER BY t" 53200 "out of memory"
out=$(psql -X -A -t -c "\\set VERBOSITY verbose" -c "SET work_mem = '64MB'" \
  -c "SELECT t FROM big ORDER BY t" 2>&1 || true)
[[ "$out" == *'DETAIL:  Failed on request of size '*' in operator "Sort".'* ]] ||
  fail "53200 without the operator's DETAIL: $out"
[[ $(q -c "SELECT count(*) FROM big") == 50000 ]] || fail "the server stopped answering"

q -c "SELECT t FROM big" | LC_ALL=C sort > "$WORK_DIR/expected"
q -q -c "SET work_mem = '64kB'" -c "SELECT t FROM big ORDER BY t" > "$WORK_DIR/spilled"
# 50000 rows take more than 2MB in memory: only a spilling sort gets here.
cmp -s "$WORK_DIR/expected" "$WORK_DIR/spilled" || fail "the spilled sort's order differs"
[[ $(wc -l < "$WORK_DIR/spilled") -eq 50000 ]] || fail "the spilled sort lost rows"
[[ -z "$(ls -A "$DATA_DIR/temp")" ]] || fail "temp files outlived their query: $(ls "$DATA_DIR/temp")"
basalt_stop
echo PASS
