#!/usr/bin/env bash
# kill -9 under incremental materialized views (issue 16): nothing a view
# applies from the change log is lost or applied twice by a crash.
# 1. MATVIEW_IVM_CRASH_CYCLES (4) times: 4 writers and 2 refreshers
#    (matview_incremental_concurrency.py load) run, the server is killed at a
#    random moment, restarted on the same data directory and key, and a
#    refresh of each view must make it equal its query run fresh.
# 2. Twice (a plain and a CONCURRENTLY refresh): kill -9 30-70% of the way
#    through an incremental refresh of a large backlog (MATVIEW_IVM_CRASH_ROWS
#    rows, a sixth of them changed). After the restart the view holds
#    exactly its old or its new contents; a refresh then gives the new ones,
#    incrementally, and a view whose backlog fell back to a full refresh
#    equals its query too.
# MATVIEW_IVM_SEED sets the workload's seed.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
BINARY=$1
CYCLES=${MATVIEW_IVM_CRASH_CYCLES:-4}
SEED=${MATVIEW_IVM_SEED:-16}
ROWS=${MATVIEW_IVM_CRASH_ROWS:-120000}
WORKLOAD="$HERE/matview_incremental_concurrency.py"
RANDOM=$SEED

q() { psql -X -q -A -t -v ON_ERROR_STOP=1 --no-psqlrc -c "$1"; }

kill9() {
  kill -KILL "$BASALT_PID"
  wait "$BASALT_PID" 2>/dev/null || true
  BASALT_PID=""
}

check_views() {  # <why>: refresh each view of the workload, compare with its query
  MATVIEW_IVM_SEED=$SEED /usr/bin/python3 "$WORKLOAD" check "$PORT" "$1" ||
    fail "after $1 a view differs from its query (seed $SEED)"
}

echo "matview incremental crash: seed $SEED (MATVIEW_IVM_SEED), $CYCLES cycles" \
  "(MATVIEW_IVM_CRASH_CYCLES), backlog views over $ROWS rows (MATVIEW_IVM_CRASH_ROWS)"
basalt_start "$BINARY"
MATVIEW_IVM_SEED=$SEED /usr/bin/python3 "$WORKLOAD" setup "$PORT" || fail "setup failed"

# --- 1. kills under concurrent writers and refreshers ----------------------
for ((cycle = 1; cycle <= CYCLES; cycle++)); do
  MATVIEW_IVM_SEED=$((SEED * 1000 + cycle)) /usr/bin/python3 "$WORKLOAD" load "$PORT" 600 \
    > "$WORK_DIR/load$cycle.out" 2>&1 &
  load_pid=$!
  delay=$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 1 + r % 3000 / 1000 }')
  sleep "$delay"
  kill -0 "$load_pid" 2>/dev/null ||
    fail "the load ended before the kill: $(cat "$WORK_DIR/load$cycle.out")"
  kill9
  wait "$load_pid" || fail "the load failed before the kill: $(cat "$WORK_DIR/load$cycle.out")"
  echo "cycle $cycle: killed the server ${delay}s into the load"
  cat "$WORK_DIR/load$cycle.out"
  basalt_start "$BINARY"
  check_views "kill -9 number $cycle"
done

# --- 2. kills during the refresh of a large backlog ------------------------
run_psql <<SQL || fail "setup of the backlog views failed"
CREATE TABLE big (id int PRIMARY KEY, grp int, val int);
INSERT INTO big SELECT g, g % 500, g FROM generate_series(1, $ROWS) g;
CREATE MATERIALIZED VIEW mv_big WITH (refresh_mode = incremental) AS
  SELECT id, grp, val FROM big WHERE val % 5 <> 0;
CREATE UNIQUE INDEX mv_big_id ON mv_big (id);
CREATE MATERIALIZED VIEW mv_big_groups WITH (refresh_mode = incremental) AS
  SELECT grp, count(*) AS n, sum(val) AS total, min(val) AS lo, max(val) AS hi
  FROM big GROUP BY grp;
CREATE UNIQUE INDEX mv_big_groups_grp ON mv_big_groups (grp);
SQL
# count, sums and a row-sensitive checksum of mv_big's query and of mv_big_groups'
BIG_QUERY="SELECT id, grp, val FROM big WHERE val % 5 <> 0"
BIG_SUM="count(*) || ' ' || coalesce(sum(val::bigint), 0) || ' ' || coalesce(sum(grp), 0)
  || ' ' || coalesce(sum((id::bigint * 7919 + val) % 1000003), 0)"
GROUPS_QUERY="SELECT grp, count(*) AS n, sum(val) AS total, min(val) AS lo, max(val) AS hi
  FROM big GROUP BY grp"
GROUPS_SUM="count(*) || ' ' || sum(grp::bigint * n) || ' ' || sum(total) || ' '
  || sum(lo::bigint * (grp + 1)) || ' ' || sum(hi::bigint * (grp + 7))"
big_of() { q "SELECT $BIG_SUM FROM ($1) q"; }
groups_of() { q "SELECT $GROUPS_SUM FROM ($1) q"; }
strategy_of() {
  q "SELECT s.strategy FROM basalt_matview_status s JOIN pg_class c ON c.oid = s.relid
     WHERE c.relname = '$1'"
}

round=0
make_backlog() {  # a sixth of big's rows changed, some deleted, some added
  round=$((round + 1))
  q "UPDATE big SET val = val + $round WHERE id % 6 = $((round % 6))"
  q "DELETE FROM big WHERE id % 97 = $((round % 97))"
  q "INSERT INTO big SELECT g, g % 500, g FROM generate_series($((ROWS + round * 1000 + 1)), $((ROWS + round * 1000 + 600))) g"
}

# How long an incremental refresh of such a backlog takes here, now.
make_backlog
start=$(date +%s.%N)
q "REFRESH MATERIALIZED VIEW mv_big"
duration=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
[[ $(strategy_of mv_big) == incremental ]] ||
  fail "a backlog of a sixth of mv_big's rows was refreshed '$(strategy_of mv_big)', not incrementally"
[[ $(big_of "SELECT * FROM mv_big") == $(big_of "$BIG_QUERY") ]] ||
  fail "mv_big differs from its query after an incremental refresh of a large backlog"
q "REFRESH MATERIALIZED VIEW mv_big_groups"
echo "an incremental refresh of a backlog of $(q "SELECT rows_deleted || ' deleted and ' ||
  rows_inserted || ' inserted rows' FROM basalt_matview_status s JOIN pg_class c ON c.oid = s.relid
  WHERE c.relname = 'mv_big'") takes ${duration}s"

crash_during() {  # <REFRESH statement> <delay in s>; false if it finished first
  local refresh=$1 delay=$2 old new got by_index psql_pid
  old=$(big_of "SELECT * FROM mv_big")
  make_backlog
  new=$(big_of "$BIG_QUERY")
  psql -X -q --no-psqlrc -c "$refresh" > "$WORK_DIR/refresh.out" 2>&1 &
  psql_pid=$!
  sleep "$delay"
  if ! kill -0 "$psql_pid" 2>/dev/null; then
    wait "$psql_pid" || fail "$refresh failed: $(cat "$WORK_DIR/refresh.out")"
    [[ $(big_of "SELECT * FROM mv_big") == "$new" ]] || fail "after '$refresh' mv_big differs from its query"
    echo "$refresh finished within ${delay}s, before the kill: again, sooner"
    return 1
  fi
  kill9
  wait "$psql_pid" 2>/dev/null || true
  echo "killed the server ${delay}s into: $refresh"
  basalt_start "$BINARY"
  got=$(big_of "SELECT * FROM mv_big")
  # Its unique index holds the same rows as the view.
  by_index=$(q "SET enable_seqscan = off; SELECT $BIG_SUM FROM mv_big WHERE id BETWEEN 1 AND $((ROWS * 2))")
  [[ "$by_index" == "$got" ]] || fail "after the restart mv_big's index disagrees with its rows: '$by_index' vs '$got'"
  if [[ "$got" == "$old" ]]; then
    echo "after the restart mv_big holds its old contents"
  elif [[ "$got" == "$new" ]]; then
    echo "after the restart mv_big holds its new contents"
  else
    fail "after kill -9 during '$refresh' mv_big holds '$got': neither old '$old' nor new '$new'"
  fi
  q "$refresh" || fail "$refresh after the restart failed"
  got=$(big_of "SELECT * FROM mv_big")
  [[ "$got" == "$new" ]] ||
    fail "after '$refresh' following the restart mv_big holds '$got', not its query's '$new'"
  [[ $(strategy_of mv_big) == incremental ]] ||
    fail "the refresh after the restart ran '$(strategy_of mv_big)', not incrementally"
  q "REFRESH MATERIALIZED VIEW CONCURRENTLY mv_big_groups"
  [[ $(groups_of "SELECT * FROM mv_big_groups") == $(groups_of "$GROUPS_QUERY") ]] ||
    fail "after the restart and a refresh mv_big_groups differs from its query"
  echo "mv_big_groups refreshed: $(strategy_of mv_big_groups)"
  check_views "kill -9 during '$refresh'"
}

for refresh in "REFRESH MATERIALIZED VIEW mv_big" "REFRESH MATERIALIZED VIEW CONCURRENTLY mv_big"; do
  killed=""
  wait_for=$duration
  for try in 1 2 3 4; do
    delay=$(awk -v d="$wait_for" -v p=$((30 + RANDOM % 41)) 'BEGIN { printf "%.3f", d * p / 100 }')
    if crash_during "$refresh" "$delay"; then killed=1; break; fi
    wait_for=$(awk -v d="$wait_for" 'BEGIN { printf "%.3f", d / 2 }')
  done
  [[ -n "$killed" ]] || fail "$refresh finished before the kill 4 times: raise MATVIEW_IVM_CRASH_ROWS"
done

kill -0 "$BASALT_PID" 2>/dev/null || fail "server died"
basalt_stop
echo "matview incremental crash: OK"
