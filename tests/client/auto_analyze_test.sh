#!/usr/bin/env bash
# Automatic ANALYZE (issue 10; PostgreSQL's autovacuum, analyze part): a
# table whose committed inserts, updates and deletes since its last ANALYZE
# pass autovacuum_analyze_threshold + autovacuum_analyze_scale_factor x its
# row count is analyzed in the background (pg_class.reltuples, pg_stats);
# rolled-back writes and writes under the threshold do not count; a manual
# ANALYZE starts the count again (pg_stat_user_tables tells the automatic
# ANALYZEs from it); temporary tables are left alone; with
# autovacuum = off nothing runs; bad settings stop the server at start-up.
source "$(dirname "$0")/lib.sh"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
reltuples() { q "SELECT reltuples::bigint FROM pg_class WHERE relname = '$1'"; }
# Waits up to 10 s for `sql` to answer `want`.
wait_for() {  # <sql> <want>
  for _ in $(seq 1 100); do
    [[ $(q "$1") == "$2" ]] && return 0
    sleep 0.1
  done
  fail "after 10 s, '$1' answered $(q "$1"), not $2"
}

cat >"$WORK_DIR/analyze.conf" <<'CONF'
autovacuum_naptime = 1
autovacuum_analyze_threshold = 50
autovacuum_analyze_scale_factor = 0.1
CONF
BASALT_EXTRA_ARGS="--config $WORK_DIR/analyze.conf"
basalt_start "$1"

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE grow (id int PRIMARY KEY, v int);
CREATE TABLE small (id int PRIMARY KEY, v int);
SQL
[[ $(reltuples grow) == -1 ]] || fail "a new table already has a row count"

# 40 rows: under the threshold of 50, nothing happens.
q "INSERT INTO small SELECT g, g FROM generate_series(1, 40) g" >/dev/null
# 1,000 rows rolled back count for nothing.
psql -X -q -c "BEGIN" -c "INSERT INTO grow SELECT g, g % 7 FROM generate_series(1, 1000) g" \
  -c "ROLLBACK"
sleep 2.5
[[ $(reltuples grow) == -1 && $(reltuples small) == -1 ]] ||
  fail "analyzed without enough committed changes: grow $(reltuples grow), small $(reltuples small)"

# 1,000 committed rows: analyzed within the next naptime or two.
q "INSERT INTO grow SELECT g, g % 7 FROM generate_series(1, 1000) g" >/dev/null
wait_for "SELECT reltuples::bigint FROM pg_class WHERE relname = 'grow'" 1000
wait_for "SELECT n_distinct FROM pg_stats WHERE tablename = 'grow' AND attname = 'v'" 7

# Updates count too: 200 of them pass 50 + 0.1 x 1,000.
q "UPDATE grow SET v = 100 + id % 3 WHERE id <= 200" >/dev/null
wait_for "SELECT n_distinct FROM pg_stats WHERE tablename = 'grow' AND attname = 'v'" 10
# Deletes: 400 rows go, the count follows.
q "DELETE FROM grow WHERE id > 600" >/dev/null
wait_for "SELECT reltuples::bigint FROM pg_class WHERE relname = 'grow'" 600

# A manual ANALYZE starts the count again: 100 changes after it are under
# 50 + 0.1 x 640 = 114.
q "INSERT INTO small SELECT g, g FROM generate_series(41, 640) g" >/dev/null
q "ANALYZE small" >/dev/null
q "UPDATE small SET v = -v WHERE id <= 100" >/dev/null
sleep 2.5
[[ $(q "SELECT histogram_bounds::text LIKE '{1,%' FROM pg_stats
         WHERE tablename = 'small' AND attname = 'v'") == t ]] ||
  fail "small was analyzed again under the threshold"
# pg_stat_user_tables tells the automatic ANALYZEs from the manual one.
[[ $(q "SELECT autoanalyze_count >= 3, last_autoanalyze IS NOT NULL, analyze_count,
               last_analyze IS NULL FROM pg_stat_user_tables WHERE relname = 'grow'") == "t|t|0|t" ]] ||
  fail "grow's analyze counts: $(q "SELECT * FROM pg_stat_user_tables WHERE relname = 'grow'")"
[[ $(q "SELECT analyze_count, last_analyze IS NOT NULL, n_mod_since_analyze
        FROM pg_stat_user_tables WHERE relname = 'small'") == "1|t|100" ]] ||
  fail "small's analyze counts: $(q "SELECT * FROM pg_stat_user_tables WHERE relname = 'small'")"

# A temporary table is never analyzed automatically (this session keeps it).
temp=$(psql -X -A -t -v ON_ERROR_STOP=1 -c "CREATE TEMP TABLE t_scratch (v int)" \
         -c "INSERT INTO t_scratch SELECT g FROM generate_series(1, 500) g" -c "SELECT pg_sleep(2.5)" \
         -c "SELECT reltuples::bigint FROM pg_class WHERE relname = 't_scratch'")
[[ $(tail -1 <<<"$temp") == -1 ]] || fail "a temporary table was analyzed: $temp"

# autovacuum = off: nothing runs.
basalt_stop
echo "autovacuum = off" >>"$WORK_DIR/analyze.conf"
basalt_start "$1"
q "CREATE TABLE quiet (v int)" >/dev/null
q "INSERT INTO quiet SELECT g FROM generate_series(1, 1000) g" >/dev/null
sleep 2.5
[[ $(reltuples quiet) == -1 ]] || fail "analyzed with autovacuum = off"
basalt_stop

# Bad settings: the server refuses to start, naming the setting.
for bad in "autovacuum_naptime = 0" "autovacuum_naptime = 5 hours" \
           "autovacuum_analyze_scale_factor = -1" "autovacuum_analyze_threshold = x"; do
  echo "$bad" >"$WORK_DIR/bad.conf"
  if "$1" --port "$PORT" --data-dir "$DATA_DIR" --key-file "$KEY_FILE" \
       --config "$WORK_DIR/bad.conf" >"$WORK_DIR/bad.log" 2>&1; then
    fail "started with '$bad'"
  fi
  grep -q "invalid value for ${bad%% *}" "$WORK_DIR/bad.log" ||
    fail "no error naming the setting for '$bad': $(cat "$WORK_DIR/bad.log")"
done
echo "auto analyze: OK"
