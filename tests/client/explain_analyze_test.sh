#!/usr/bin/env bash
# EXPLAIN ANALYZE's timed, costed, spilled and JSON forms, checked by shape
# (the numbers are Basalt's own and vary run to run; the recorded SQL file
# tests/sql/explain/explain_analyze.sql compares the rest with PostgreSQL):
# `(cost=a..b rows=n width=w)` and `(actual time=a..b rows=n loops=l)` on
# every node, Planning / Execution Time; Sort's quicksort and external merge,
# HashAggregate's batches and disk, the hash join's Hash node; FORMAT JSON
# parsing as PostgreSQL's shape with the result column typed json; plain
# EXPLAIN with costs; EXPLAIN ANALYZE REFRESH untouched.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$@"; }
# The plan has a line matching this (extended) regular expression.
expect_line() {  # <plan> <regex> <what>
  grep -qE "$2" <<<"$1" || fail "$3: no line matching '$2' in:
$1"
}
no_line() {  # <plan> <regex> <what>
  ! grep -qE "$2" <<<"$1" || fail "$3: a line matches '$2' in:
$1"
}

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE t (id int PRIMARY KEY, g int, v text);
INSERT INTO t SELECT i, i % 10, md5(i::text) FROM generate_series(1, 20000) i;
CREATE TABLE u (id int, name text);
INSERT INTO u SELECT i, 'n' || i FROM generate_series(0, 9) i;
SQL

cost='\(cost=[0-9]+\.[0-9]{2}\.\.[0-9]+\.[0-9]{2} rows=[0-9]+ width=[0-9]+\)'
timed='\(actual time=[0-9]+\.[0-9]{3}\.\.[0-9]+\.[0-9]{3} rows=[0-9]+ loops=[0-9]+\)'

# Timed, costed: every node line has both; the summary follows. (`id + 0`:
# a bare `id > 10` would read the primary key's range instead of filtering.)
plan=$(q "EXPLAIN ANALYZE SELECT g, count(*) FROM t WHERE id + 0 > 10 GROUP BY g ORDER BY g")
expect_line "$plan" "^Sort  $cost $timed$" "root with costs and times"
expect_line "$plan" "^  Sort Key: g$" "sort key"
expect_line "$plan" "^  Sort Method: quicksort  Memory: [0-9]+kB$" "in-memory sort"
expect_line "$plan" "^  ->  HashAggregate  $cost $timed$" "aggregate"
expect_line "$plan" "^        Batches: 1  Memory Usage: [0-9]+kB$" "hash aggregate in memory"
expect_line "$plan" "^        ->  Seq Scan on t  \(cost=[0-9.]+\.\.[0-9.]+ rows=[0-9]+ width=[0-9]+\) \(actual time=[0-9.]+\.\.[0-9.]+ rows=19990 loops=1\)$" "scan rows"
expect_line "$plan" "^              Rows Removed by Filter: 10$" "rows removed"
expect_line "$plan" "^Planning Time: [0-9]+\.[0-9]{3} ms$" "planning time"
expect_line "$plan" "^Execution Time: [0-9]+\.[0-9]{3} ms$" "execution time"
[[ $(tail -n 1 <<<"$plan") == "Execution Time: "* ]] || fail "Execution Time is not last: $plan"
expect_line "$plan" "^  ->  HashAggregate  $cost \(actual time=[0-9.]+\.\.[0-9.]+ rows=10 loops=1\)$" "group count"

# COSTS OFF keeps the times; TIMING OFF drops them; SUMMARY OFF the summary.
plan=$(q "EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM t WHERE g = 3")
expect_line "$plan" "^Seq Scan on t $timed$" "timed without costs"
expect_line "$plan" "^Execution Time: " "summary by default"
plan=$(q "EXPLAIN (ANALYZE, TIMING OFF) SELECT * FROM t WHERE g = 3")
expect_line "$plan" "^Seq Scan on t  $cost \(actual rows=2000 loops=1\)$" "costs without times"
plan=$(q "EXPLAIN (ANALYZE, SUMMARY OFF, BUFFERS) SELECT * FROM t WHERE g = 3")
no_line "$plan" "Time: " "SUMMARY OFF"
plan=$(q "EXPLAIN (SUMMARY) SELECT * FROM t WHERE g = 3")
expect_line "$plan" "^Planning Time: " "SUMMARY without ANALYZE"
no_line "$plan" "^Execution Time: " "SUMMARY without ANALYZE"

# Plain EXPLAIN: PostgreSQL's shape with Basalt's estimates.
plan=$(q "EXPLAIN SELECT * FROM t WHERE g = 3")
expect_line "$plan" "^Seq Scan on t  $cost$" "plain EXPLAIN costs"
expect_line "$plan" "^  Filter: \(g = 3\)$" "plain EXPLAIN filter"
plan=$(q "EXPLAIN SELECT * FROM t WHERE id = 3")
expect_line "$plan" "^Index Scan using t_pkey on t  \(cost=[0-9.]+\.\.[0-9.]+ rows=1 width=40\)$" "point lookup estimate"

# Spilling: Sort's external merge, HashAggregate's batches and disk.
plan=$(q "SET work_mem = '64kB'" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT * FROM t ORDER BY v")
expect_line "$plan" "^  Sort Method: external merge  Disk: [1-9][0-9]*kB$" "external sort"
plan=$(q "SET work_mem = '64kB'" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT v, count(*) FROM t GROUP BY v")
expect_line "$plan" "^  Batches: [2-9][0-9]*  Memory Usage: [0-9]+kB  Disk Usage: [1-9][0-9]*kB$" "spilled hash aggregate"
expect_line "$plan" "^HashAggregate \(actual rows=20000 loops=1\)$" "spilled groups all there"

# Hash join: the Hash node with the build side's rows and its table.
plan=$(q "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT * FROM t JOIN u ON t.g = u.id")
expect_line "$plan" "^Hash Join \(actual rows=20000 loops=1\)$" "join rows"
expect_line "$plan" "^  Hash Cond: " "hash cond"
expect_line "$plan" "^  ->  Hash \(actual rows=[0-9]+ loops=1\)$" "hash node"
expect_line "$plan" "^        Buckets: [0-9]+  Batches: 1  Memory Usage: [0-9]+kB$" "hash table"
plan=$(q "SET work_mem = '64kB'" -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT count(*) FROM t a JOIN t b ON a.v = b.v")
expect_line "$plan" "^ +Buckets: [0-9]+ \(originally [0-9]+\)  Batches: [0-9]+ \(originally 1\)  Memory Usage: [0-9]+kB$" "spilled hash join"

# A LATERAL join's inside runs once per outer row: its loops.
plan=$(q "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT * FROM u, LATERAL (SELECT count(*) FROM t WHERE t.g = u.id) s")
expect_line "$plan" "loops=10\)$" "lateral loops"

# FORMAT JSON: one json value in PostgreSQL's shape.
json=$(q "EXPLAIN (ANALYZE, FORMAT JSON) SELECT g, count(*) FROM t JOIN u ON t.g = u.id GROUP BY g ORDER BY g")
python3 - "$json" <<'PY' || fail "JSON shape: $json"
import json, sys
doc = json.loads(sys.argv[1])
assert isinstance(doc, list) and len(doc) == 1, doc
top = doc[0]
assert list(top) == ["Plan", "Planning Time", "Triggers", "Execution Time"], list(top)
assert top["Triggers"] == [] and top["Execution Time"] >= 0 and top["Planning Time"] >= 0
def walk(node, parent):
    for key in ["Node Type", "Parallel Aware", "Async Capable", "Startup Cost", "Total Cost",
                "Plan Rows", "Plan Width", "Actual Startup Time", "Actual Total Time",
                "Actual Rows", "Actual Loops"]:
        assert key in node, (key, node)
    assert list(node)[0] == "Node Type"
    assert ("Parent Relationship" in node) == (parent is not None)
    assert node["Actual Startup Time"] <= node["Actual Total Time"] + 0.001
    for child in node.get("Plans", []):
        walk(child, node)
root = top["Plan"]
walk(root, None)
assert root["Node Type"] == "Sort" and root["Sort Key"] == ["t.g"], root
assert root["Sort Method"] == "quicksort" and root["Sort Space Type"] == "Memory"
agg = root["Plans"][0]
assert agg["Node Type"] == "Aggregate" and agg["Strategy"] == "Hashed", agg
assert agg["Actual Rows"] == 10 and "HashAgg Batches" in agg and "Peak Memory Usage" in agg
join = agg["Plans"][0]
assert join["Node Type"] == "Hash Join" and join["Join Type"] == "Inner", join
assert join["Actual Rows"] == 20000
hash_node = join["Plans"][1]
assert hash_node["Node Type"] == "Hash" and hash_node["Parent Relationship"] == "Inner"
assert hash_node["Hash Batches"] == 1 and "Hash Buckets" in hash_node
PY
# The column is json (type oid 114), as PostgreSQL's.
desc=$(psql -X -A -t <<'SQL'
EXPLAIN (FORMAT JSON) SELECT 1 \gdesc
EXPLAIN SELECT 1 \gdesc
SQL
)
[[ "$desc" == $'QUERY PLAN|json\nQUERY PLAN|text' ]] || fail "EXPLAIN's column types: $desc"

# Through the extended protocol: the statement's $n are EXPLAIN's, and
# FORMAT JSON's value arrives typed json.
/usr/bin/python3 - "$PORT" <<'PY' || fail "EXPLAIN through the extended protocol"
import sys
import psycopg
with psycopg.connect(f"host=127.0.0.1 port={sys.argv[1]} user=basalt dbname=basalt") as conn:
    cur = conn.cursor()
    cur.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM t WHERE g = %s",
                (3,))
    rows = [r[0] for r in cur.fetchall()]
    assert rows[0] == "Seq Scan on t (actual rows=2000 loops=1)", rows
    cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM t WHERE g = %s", (4,), prepare=True)
    doc = cur.fetchone()[0]
    assert isinstance(doc, list) and doc[0]["Plan"]["Actual Rows"] == 2000, doc
PY

# Writes run in the statement's transaction: ROLLBACK undoes them.
run_psql >/dev/null <<'SQL' || fail "EXPLAIN ANALYZE DELETE in a block"
BEGIN;
EXPLAIN ANALYZE DELETE FROM u WHERE id < 5;
ROLLBACK;
SQL
[[ $(q "SELECT count(*) FROM u") == 10 ]] || fail "ROLLBACK did not undo EXPLAIN ANALYZE DELETE"
plan=$(q "EXPLAIN ANALYZE DELETE FROM u WHERE id < 5")
expect_line "$plan" "^Delete on u  $cost $timed$" "delete"
[[ $(q "SELECT count(*) FROM u") == 5 ]] || fail "EXPLAIN ANALYZE DELETE did not delete"
expect_error "BEGIN READ ONLY; EXPLAIN ANALYZE DELETE FROM u" 25006 "cannot execute DELETE in a read-only transaction"

# EXPLAIN ANALYZE REFRESH keeps its own form.
run_psql <<'SQL' || fail "matview setup"
CREATE MATERIALIZED VIEW mv AS SELECT g, count(*) AS n FROM t GROUP BY g;
SQL
plan=$(q "EXPLAIN ANALYZE REFRESH MATERIALIZED VIEW mv")
expect_line "$plan" "^Refresh Materialized View public.mv$" "refresh explain"
expect_line "$plan" "^Execution Time: [0-9.]+ ms$" "refresh execution time"

basalt_stop
echo "ok"
