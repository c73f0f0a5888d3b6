#!/usr/bin/env bash
# Memory limits through the server: a temp file left by a crash is swept at
# start-up; max_query_memory from the configuration file is every session's
# default; a sort past it fails with 53200 while other sessions and the same
# one go on; with work_mem = 64kB the same sort spills and returns what
# sort(1) returns; no temp file outlives its query; a sort, a GROUP BY, a
# hash join, a window and a concurrent refresh over data many times work_mem
# keep the server's peak RSS near the budget.
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

# Peak memory: a sort, a GROUP BY, a hash join, windows over many partitions
# and over one (300,000 rows), a WITH query and a concurrent
# refresh (matching 300,000 new rows with the stored ones) over a table far
# larger than work_mem x the plan's operators. Each query runs on a freshly
# started server (so no freed heap of an earlier query hides its growth),
# after scans have warmed the tables' blocks; the peak RSS is reset
# (clear_refs 5) just before and read after. With work_mem = 1MB the growth
# stays near the budget; with 1GB the same query grows several times more.
q -c "CREATE TABLE wide (i int, g int, t text)" \
  -c "INSERT INTO wide SELECT i, i % 1000, md5(i::text) || md5((i + 1)::text) FROM generate_series(1, 300000) i" \
  -c "CREATE MATERIALIZED VIEW wide_mv AS SELECT i, t FROM wide" \
  -c "CREATE UNIQUE INDEX ON wide_mv (i)" -c "CHECKPOINT" >/dev/null
rss_kb() { awk "/^$1:/ {print \$2}" "/proc/$BASALT_PID/status"; }
growth_kb=0
measure_peak_growth() {  # <work_mem> <query>; sets growth_kb (not in a subshell: it restarts the server)
  local before
  basalt_stop
  basalt_start "$BASALT_BINARY"
  q -c "SELECT count(*), max(t) FROM wide" -c "SELECT count(*), max(t) FROM wide_mv" >/dev/null
  # RocksDB's start-up flushes and compactions allocate too: let them end.
  sleep 1
  echo 5 > "/proc/$BASALT_PID/clear_refs"
  before=$(rss_kb VmRSS)
  q -q -c "SET basalt.max_query_memory = '2GB'" -c "SET work_mem = '$1'" -c "$2" >/dev/null
  growth_kb=$(($(rss_kb VmHWM) - before))
}
queries=(
  "SELECT t FROM wide ORDER BY t OFFSET 299999"
  "SELECT count(*) FROM (SELECT t, count(*) FROM wide GROUP BY t) s"
  "SELECT count(*) FROM wide a JOIN wide b ON a.t = b.t"
  "SELECT max(r) FROM (SELECT row_number() OVER (PARTITION BY g ORDER BY t) r FROM wide) s"
  "SELECT max(s), max(p) FROM (SELECT sum(i) OVER w s, lag(t, 10) OVER w p FROM wide WINDOW w AS (ORDER BY t)) x"
  "WITH c AS MATERIALIZED (SELECT i, t FROM wide) SELECT count(*), max(a.t) FROM c a JOIN c b ON a.i = b.i"
  "REFRESH MATERIALIZED VIEW CONCURRENTLY wide_mv"
)
for query in "${queries[@]}"; do
  measure_peak_growth 1MB "$query"
  spilled=$growth_kb
  measure_peak_growth 1GB "$query"
  in_memory=$growth_kb
  echo "peak RSS growth: ${spilled} kB with work_mem 1MB, ${in_memory} kB with 1GB: $query"
  # A sanitizer build keeps freed memory in quarantine: its RSS bounds nothing.
  [[ -z "${ASAN_OPTIONS:-}" ]] || continue
  ((spilled < 16 * 1024)) || fail "peak RSS grew ${spilled} kB past the 1MB budget: $query"
  ((in_memory > 3 * spilled)) ||
    fail "the data fits the budget (${in_memory} kB in memory, ${spilled} kB spilled): $query"
done
[[ -z "$(ls -A "$DATA_DIR/temp")" ]] || fail "temp files outlived their query: $(ls "$DATA_DIR/temp")"
basalt_stop
echo PASS
