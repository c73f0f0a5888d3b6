#!/usr/bin/env bash
# What a materialized-view refresh writes and reports (Basalt's own
# relations, so nothing to record from PostgreSQL): a concurrent refresh
# that changes 10 rows of a 1,000,000-row view writes exactly those rows
# (basalt_matview_status counts them), a full refresh rewrites them all,
# and pg_stat_progress_refresh_matview shows a refresh while it runs.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE big AS SELECT g AS id, g % 1000 AS v FROM generate_series(1, 1000000) g;
CREATE MATERIALIZED VIEW big_mv AS SELECT id, v FROM big;
CREATE UNIQUE INDEX big_mv_id ON big_mv (id);
SQL
q "UPDATE big SET v = -1 WHERE id % 100000 = 0" >/dev/null
q "REFRESH MATERIALIZED VIEW CONCURRENTLY big_mv" >/dev/null
written=$(q "SELECT strategy, rows_deleted, rows_inserted FROM basalt_matview_status")
[[ "$written" == "concurrent|10|10" ]] || fail "a concurrent refresh of 10 changed rows wrote: $written"
# The first full refresh learns the view's size for the next one's estimate.
q "REFRESH MATERIALIZED VIEW big_mv" >/dev/null
[[ $(q "SELECT count(*) FROM big_mv WHERE v = -1") == 10 ]] || fail "the view lacks the changes"

# A full refresh in the background; its progress row appears while it runs.
psql -X -q -c "REFRESH MATERIALIZED VIEW big_mv" &
refresh=$!
seen=""
for _ in $(seq 1 200); do
  seen=$(q "SELECT strategy || ' ' || rows_total_estimate FROM pg_stat_progress_refresh_matview")
  [[ -n "$seen" ]] && break
  sleep 0.02
done
wait "$refresh" || fail "the full refresh failed"
[[ "$seen" == "full 1000000" ]] || fail "pg_stat_progress_refresh_matview showed '$seen' during a full refresh"
[[ $(q "SELECT count(*) FROM pg_stat_progress_refresh_matview") == 0 ]] ||
  fail "a finished refresh is still listed as running"
written=$(q "SELECT strategy, rows_deleted, rows_inserted FROM basalt_matview_status")
[[ "$written" == "full|0|1000000" ]] || fail "a full refresh reported: $written"
basalt_stop
echo "matview status: OK"
