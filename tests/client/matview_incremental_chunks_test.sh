#!/usr/bin/env bash
# An incremental refresh whose backlog's rows take more than work_mem reads
# the change log a chunk at a time (EXPLAIN ANALYZE REFRESH names the
# chunks) and each view still equals its query (Basalt's own option, so
# nothing to record from PostgreSQL): rows through a join, additive groups,
# min and max with a deleted extreme undercut in a later chunk, recomputed
# groups, DISTINCT, a group emptied and refilled, a row inserted and deleted
# chunks apart, the transaction's own changes. Changes of two inputs, and a
# unique index on the view broken by a state between chunks, refresh fully
# and say why.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
# REFRESH with 64kB of work_mem: a few hundred changes per chunk.
refresh() { q "SET work_mem = '64kB'; REFRESH MATERIALIZED VIEW $1" >/dev/null; }
same() {  # <view> <query>: equal as multisets
  [[ $(q "SELECT count(*) FROM (($2) EXCEPT ALL (SELECT * FROM $1)) d") == 0 &&
     $(q "SELECT count(*) FROM ((SELECT * FROM $1) EXCEPT ALL ($2)) d") == 0 ]] ||
    fail "$1 differs from its query"
}

declare -A QUERY=(
  [rows_mv]="SELECT t.id, t.v, u.name FROM t JOIN u ON t.g = u.g WHERE t.v % 3 <> 0"
  [sums_mv]="SELECT g, count(*) AS n, sum(v) AS total FROM t GROUP BY g"
  [extremes_mv]="SELECT g, min(v) AS lo, max(v) AS hi, count(*) AS n FROM t GROUP BY g"
  [means_mv]="SELECT u.name, avg(t.v) AS mean, bool_and(t.v > 0) AS positive
              FROM t JOIN u ON t.g = u.g GROUP BY u.name"
  [distinct_mv]="SELECT DISTINCT g, v % 10 AS r FROM t"
)

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE t (id int PRIMARY KEY, g int, v int);
CREATE TABLE u (g int PRIMARY KEY, name text);
INSERT INTO t SELECT i, i % 8000, i FROM generate_series(1, 40000) i;
INSERT INTO u SELECT i, 'g' || i FROM generate_series(0, 7999) i;
SQL
for view in "${!QUERY[@]}"; do
  q "CREATE MATERIALIZED VIEW $view WITH (refresh_mode = incremental) AS ${QUERY[$view]}" >/dev/null
done

# Refreshes every view, each incrementally, each equal to its query.
refresh_all() {  # <what the changes were>
  for view in "${!QUERY[@]}"; do
    refresh "$view"
    [[ $(matview_strategy "$view") == incremental ]] ||
      fail "$1: $view refreshed $(matview_strategy "$view")"
    same "$view" "${QUERY[$view]}"
  done
}

run_psql <<'SQL' || fail "changes failed"
INSERT INTO t VALUES (300000, 9, 9);
UPDATE t SET v = v + 1 WHERE id % 37 = 0;
DELETE FROM t WHERE g = 5;
DELETE FROM t WHERE g = 7 AND v < 30000;
UPDATE t SET g = (g + 1) % 8000 WHERE id % 53 = 0;
INSERT INTO t SELECT 100000 + i, 5, i FROM generate_series(1, 50) i;
INSERT INTO t VALUES (200000, 7, -5);
DELETE FROM t WHERE id = 300000;
SQL
# The chunks, as EXPLAIN ANALYZE REFRESH shows them (it refreshes).
plan=$(q "SET work_mem = '64kB'; EXPLAIN ANALYZE REFRESH MATERIALIZED VIEW sums_mv")
chunks=$(grep -c "Read Changes, Chunk" <<<"$plan" || true)
((chunks >= 2)) || fail "a backlog of 64kB chunks read in $chunks chunks:
$plan"
same sums_mv "${QUERY[sums_mv]}"
refresh_all "a backlog of several chunks"

# The transaction's own changes after committed ones, in one refresh.
q "UPDATE t SET v = v - 3 WHERE id % 41 = 0" >/dev/null
for view in "${!QUERY[@]}"; do
  q "BEGIN; UPDATE t SET v = v * 2 WHERE id % 13 = 0 AND g = ${#view};
     SET work_mem = '64kB'; REFRESH MATERIALIZED VIEW $view; COMMIT" >/dev/null
  [[ $(matview_strategy "$view") == incremental ]] ||
    fail "own changes: $view refreshed $(matview_strategy "$view")"
  same "$view" "${QUERY[$view]}"
done
refresh_all "the transactions' changes, applied by another view's refresh"

# Changes of both inputs do not fit: a full refresh, saying why.
q "UPDATE t SET v = v + 1 WHERE id % 19 = 0; UPDATE u SET name = name || 'x' WHERE g < 3" >/dev/null
refresh rows_mv
[[ $(matview_strategy rows_mv) == "full (the changes take more than work_mem, and a change of several inputs needs them whole)" ]] ||
  fail "two changed inputs past work_mem: $(matview_strategy rows_mv)"
same rows_mv "${QUERY[rows_mv]}"
# With the default work_mem the same kind of backlog fits.
q "UPDATE t SET v = v + 1 WHERE id % 19 = 0; UPDATE u SET name = name || 'y' WHERE g < 3" >/dev/null
q "REFRESH MATERIALIZED VIEW rows_mv" >/dev/null
[[ $(matview_strategy rows_mv) == incremental ]] || fail "default work_mem: $(matview_strategy rows_mv)"
same rows_mv "${QUERY[rows_mv]}"

# A unique index on the view that holds before and after the backlog but
# not between its first and last change.
run_psql <<'SQL' || fail "unique setup failed"
CREATE TABLE k (id int PRIMARY KEY, k int);
INSERT INTO k SELECT i, i * 10 FROM generate_series(1, 20000) i;
CREATE MATERIALIZED VIEW k_mv WITH (refresh_mode = incremental) AS SELECT id, k FROM k;
CREATE UNIQUE INDEX k_mv_k ON k_mv (k);
UPDATE k SET k = 20 WHERE id = 1;
UPDATE k SET k = k + 1000000 WHERE id > 10 AND id % 5 = 0;
UPDATE k SET k = 21 WHERE id = 2;
SQL
refresh k_mv
[[ $(matview_strategy k_mv) == "full (a unique index on the view failed between chunks of the changes: "* ]] ||
  fail "a unique index broken between chunks: $(matview_strategy k_mv)"
same k_mv "SELECT id, k FROM k"
q "UPDATE k SET k = k + 1 WHERE id % 7 = 0" >/dev/null
refresh k_mv
[[ $(matview_strategy k_mv) == incremental ]] || fail "k_mv afterwards: $(matview_strategy k_mv)"
same k_mv "SELECT id, k FROM k"
echo "matview_incremental_chunks: ok"
