#!/usr/bin/env bash
# Automatic refresh of materialized views (issue 17): the options and their
# errors, refreshes when due (refresh_interval; max_staleness with and
# without a change log), ALTER turning it off and on, the error of a failed
# automatic refresh, every column of basalt_matview_status, the back-off
# while RocksDB has level-0 files past the configured limit, and a shutdown
# that stops a running automatic refresh instead of waiting for it.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
status() { q "SELECT $2 FROM basalt_matview_status WHERE matviewname = '$1'"; }
# Waits up to $3 seconds for query $1 to print $2.
wait_for() {
  local seen=""
  for _ in $(seq 1 $(($3 * 10))); do
    seen=$(q "$1")
    [[ "$seen" == "$2" ]] && return 0
    sleep 0.1
  done
  fail "waited $3 s for '$1' to be '$2', it is '$seen'"
}
# The view's rows minus its query's, both ways: empty when current.
differs() { q "SELECT count(*) FROM ((TABLE $1 EXCEPT ALL $2) UNION ALL ($2 EXCEPT ALL TABLE $1)) d"; }

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE t (g int, v int);
INSERT INTO t SELECT g % 5, g FROM generate_series(1, 100) g;
CREATE MATERIALIZED VIEW inc_mv WITH (refresh_mode = 'incremental', refresh_interval = '1s')
  AS SELECT g, sum(v) AS s, count(*) AS c FROM t GROUP BY g;
CREATE MATERIALIZED VIEW full_mv WITH (max_staleness = '2s') AS SELECT count(*) AS n FROM t;
CREATE MATERIALIZED VIEW manual_mv WITH (refresh_mode = 'incremental')
  AS SELECT g, v FROM t WHERE v > 50;
CREATE TABLE t2 (v int);
CREATE MATERIALIZED VIEW stale_mv WITH (refresh_mode = 'incremental', max_staleness = '2s')
  AS SELECT v FROM t2;
SQL

# The options' rules.
expect_error "CREATE MATERIALIZED VIEW e WITH (auto_refresh = on) AS SELECT 1" 22023 \
  "auto_refresh requires refresh_interval or max_staleness"
expect_error "CREATE MATERIALIZED VIEW e WITH (refresh_interval = 'soon') AS SELECT 1" 22023 \
  'invalid value for interval option "refresh_interval": soon'
expect_error "CREATE MATERIALIZED VIEW e WITH (max_staleness = '-5s') AS SELECT 1" 22023 \
  'invalid value for interval option "max_staleness": -5s'
expect_error "CREATE MATERIALIZED VIEW e WITH (auto_refresh = maybe, refresh_interval = 1) AS SELECT 1" \
  22023 'invalid value for boolean option "auto_refresh": maybe'
expect_error "CREATE MATERIALIZED VIEW e WITH (refresh_mode = 'immediate', refresh_interval = '1s') AS SELECT v FROM t2" \
  22023 'auto_refresh does not apply to a materialized view with refresh_mode "immediate"'
expect_error "ALTER MATERIALIZED VIEW inc_mv SET (refresh_mode = 'immediate')" 22023 \
  'auto_refresh does not apply'
expect_error "ALTER MATERIALIZED VIEW inc_mv RESET (refresh_interval)" 22023 \
  "auto_refresh requires refresh_interval or max_staleness"

[[ $(status inc_mv "refresh_mode, ispopulated, auto_refresh, refresh_interval, max_staleness") == \
  "incremental|t|t|00:00:01|" ]] || fail "inc_mv's settings: $(status inc_mv '*')"
[[ $(status full_mv "refresh_mode, auto_refresh, refresh_interval, max_staleness, pending_changes") == \
  "full|t||00:00:02|" ]] || fail "full_mv's settings: $(status full_mv '*')"
[[ $(status manual_mv "auto_refresh, auto_refresh_state, last_refresh IS NULL") == "f||t" ]] ||
  fail "manual_mv's settings: $(status manual_mv '*')"

# Changes pending: counted per base table, dated, in commit sequences.
q "INSERT INTO t SELECT g % 5, g FROM generate_series(101, 130) g" >/dev/null
sleep 0.5
[[ $(status manual_mv "pending_changes, pending_by_table, sequence_lag > 0,
                       staleness >= interval '0.3s', staleness < interval '30s'") == \
  "30|{public.t=30}|t|t|t" ]] || fail "manual_mv's pending changes: $(status manual_mv '*')"

# Due after the interval, refreshed incrementally.
for _ in $(seq 1 50); do [[ $(differs inc_mv "SELECT g, sum(v), count(*) FROM t GROUP BY g") == 0 ]] && break; sleep 0.1; done
[[ $(differs inc_mv "SELECT g, sum(v), count(*) FROM t GROUP BY g") == 0 ]] ||
  fail "inc_mv was not refreshed within 5 s of its 1 s interval"
[[ $(status inc_mv "strategy, last_refresh_start <= last_refresh, pending_changes, staleness,
                    sequence_lag, last_auto_refresh_error IS NULL") == "incremental|t|0|00:00:00|0|t" ]] ||
  fail "inc_mv's status after its automatic refresh: $(status inc_mv '*')"
# A full view with max_staleness: refreshed within it.
wait_for "SELECT n FROM full_mv" 130 5
[[ $(status full_mv "strategy, rows_inserted, rows_deleted, staleness") == "full|1|0|" ]] ||
  fail "full_mv's status: $(status full_mv '*')"
# The manual view is left alone.
[[ $(status manual_mv "pending_changes, last_refresh IS NULL") == "30|t" ]] ||
  fail "manual_mv was refreshed automatically"

# max_staleness over a change log: nothing pending, no refresh; a change,
# refreshed before it is 2 s old (give the test 4).
sleep 2.5
[[ $(status stale_mv "last_refresh IS NULL, auto_refresh_state") == "t|waiting" ]] ||
  fail "stale_mv was refreshed with nothing pending: $(status stale_mv '*')"
q "INSERT INTO t2 VALUES (7)" >/dev/null
wait_for "SELECT count(*) FROM stale_mv" 1 4
[[ $(status stale_mv "strategy") == "incremental" ]] || fail "stale_mv: $(status stale_mv '*')"

# Turned off, the view stays stale; on again, it catches up.
q "ALTER MATERIALIZED VIEW inc_mv SET (auto_refresh = off)" >/dev/null
before=$(status inc_mv "last_refresh")
q "INSERT INTO t VALUES (9, 1000)" >/dev/null
sleep 2.5
[[ $(status inc_mv "last_refresh, auto_refresh_state IS NULL, pending_changes") == "$before|t|1" ]] ||
  fail "inc_mv was refreshed with auto_refresh off: $(status inc_mv '*')"
q "ALTER MATERIALIZED VIEW inc_mv SET (auto_refresh = on)" >/dev/null
wait_for "SELECT count(*) FROM inc_mv WHERE g = 9" 1 5

# A failing automatic refresh: its error is shown, the view keeps its rows.
run_psql <<'SQL' || fail "setup of err_mv failed"
CREATE TABLE t3 (v int);
INSERT INTO t3 VALUES (1);
CREATE MATERIALIZED VIEW err_mv WITH (refresh_interval = '1s') AS SELECT 10 / v AS q FROM t3;
INSERT INTO t3 VALUES (0);
SQL
wait_for "SELECT last_auto_refresh_error FROM basalt_matview_status WHERE matviewname = 'err_mv'" \
  "22012: division by zero" 5
[[ $(q "SELECT q FROM err_mv") == 10 ]] || fail "err_mv lost its rows"
# Retried after its period: with the bad row gone, the error clears.
q "DELETE FROM t3 WHERE v = 0" >/dev/null
wait_for "SELECT last_auto_refresh_error IS NULL FROM basalt_matview_status
          WHERE matviewname = 'err_mv'" t 5

# Back-off: restarted with a level-0 file limit of 1, after the clean
# shutdown flushed the memtables into level-0 files.
q "ALTER MATERIALIZED VIEW err_mv SET (auto_refresh = off)" >/dev/null
basalt_stop
echo "basalt.refresh_backoff_level0_files = 1" >"$WORK_DIR/backoff.conf"
BASALT_EXTRA_ARGS="--config $WORK_DIR/backoff.conf"
basalt_start "$1"
q "INSERT INTO t VALUES (10, 1)" >/dev/null
for _ in $(seq 1 50); do
  state=$(status inc_mv auto_refresh_state)
  [[ "$state" == "backing off: "*" level-0 files (limit 1)" ]] && break
  sleep 0.1
done
[[ "$state" == "backing off: "*" level-0 files (limit 1)" ]] || fail "no back-off shown: $state"
[[ $(q "SELECT count(*) FROM inc_mv WHERE g = 10") == 0 ]] || fail "refreshed while backing off"
q "CHECKPOINT" >/dev/null  # compacts: no level-0 file left
wait_for "SELECT count(*) FROM inc_mv WHERE g = 10" 1 5
basalt_stop
BASALT_EXTRA_ARGS=""
basalt_start "$1"

# Shutdown during an automatic refresh stops it: the server exits cleanly,
# long before the refresh could have ended, and the view is intact.
run_psql <<'SQL' || fail "setup of big_mv failed"
CREATE TABLE big AS SELECT g AS id, g % 1000 AS v FROM generate_series(1, 1000000) g;
CREATE MATERIALIZED VIEW big_mv WITH (refresh_interval = '1s') AS
  SELECT b1.id, b1.v + b2.v AS w FROM big b1 JOIN big b2 ON b2.id = b1.id;
SQL
wait_for "SELECT count(*) FROM pg_stat_progress_refresh_matview p JOIN pg_class c ON c.oid = p.relid
          WHERE c.relname = 'big_mv'" 1 10
basalt_stop
grep -q 'automatic refresh stopped by shutdown: REFRESH MATERIALIZED VIEW public.big_mv' "$LOG_FILE" ||
  fail "the running automatic refresh was not stopped by the shutdown"
basalt_start "$1"
[[ $(q "SELECT count(*), sum(w) FROM big_mv") == "1000000|999000000" ]] ||
  fail "big_mv after the stopped refresh: $(q 'SELECT count(*), sum(w) FROM big_mv')"
basalt_stop
echo "matview auto refresh: OK"
