#!/usr/bin/env bash
# EXPLAIN [ANALYZE] REFRESH MATERIALIZED VIEW (Basalt's own statement, so
# nothing to record from PostgreSQL): the strategy for each refresh mode
# and each fallback, the construct that blocks incremental refresh, the
# pending changes per base table, the delta plans; the dry run writes
# nothing and waits for no running refresh; ANALYZE refreshes and counts;
# REFRESH's errors. Then pg_stat_progress_refresh_matview during a long
# incremental refresh: its phases and changes done / total.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
explain() { q "EXPLAIN $1"; }
# The plan has this line (leading spaces ignored).
expect_line() {  # <plan> <line> <what>
  grep -qxE " *$2" <<<"$1" || fail "$3: no line '$2' in:
$1"
}

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE orders (id int PRIMARY KEY, cust int, amount int);
CREATE TABLE customers (id int PRIMARY KEY, name text);
INSERT INTO orders SELECT g, g % 5, g FROM generate_series(1, 100) g;
INSERT INTO customers SELECT g, 'c' || g FROM generate_series(0, 4) g;
CREATE MATERIALIZED VIEW totals WITH (refresh_mode = 'incremental') AS
  SELECT c.name, sum(o.amount) AS total, count(*) AS n
  FROM orders o JOIN customers c ON o.cust = c.id GROUP BY c.name;
CREATE MATERIALIZED VIEW big_orders WITH (refresh_mode = 'incremental') AS
  SELECT id, amount FROM orders WHERE amount > 50;
CREATE MATERIALIZED VIEW by_cust AS
  SELECT o.cust, max(o.amount) AS top FROM orders o LEFT JOIN customers c ON o.cust = c.id
  GROUP BY o.cust;
CREATE UNIQUE INDEX ON by_cust (cust);
CREATE MATERIALIZED VIEW auto_outer WITH (refresh_mode = 'auto') AS
  SELECT o.id, c.name FROM orders o LEFT JOIN customers c ON o.cust = c.id;
CREATE MATERIALIZED VIEW windowed WITH (refresh_mode = 'auto') AS
  SELECT id, row_number() OVER (ORDER BY amount) AS r FROM orders;
CREATE MATERIALIZED VIEW empty_incr WITH (refresh_mode = 'incremental') AS
  SELECT id FROM orders WITH NO DATA;
SQL

# Nothing pending: incremental, no changes.
plan=$(explain "REFRESH MATERIALIZED VIEW totals")
expect_line "$plan" "Refresh Materialized View public.totals" "header"
expect_line "$plan" "Refresh Mode: incremental" "mode"
expect_line "$plan" "Strategy: incremental" "strategy with nothing pending"
expect_line "$plan" "Pending Changes: 0" "nothing pending"
expect_line "$plan" "orders: none" "orders pending"

# Changes of both inputs: the pending counts and a delta term for each
# combination, each a plan over the changed rows.
run_psql <<'SQL' || fail "writes failed"
INSERT INTO orders VALUES (101, 1, 500), (102, 2, 700);
DELETE FROM orders WHERE id = 50;
UPDATE customers SET name = 'renamed' WHERE id = 3;
SQL
plan=$(explain "REFRESH MATERIALIZED VIEW totals")
expect_line "$plan" "Pending Changes: 4" "pending total"
expect_line "$plan" "orders: 3 changes \(2 rows inserted, 1 row deleted\)" "orders pending"
expect_line "$plan" "customers: 1 change \(1 row inserted, 1 row deleted\)" "customers pending"
expect_line "$plan" "->  Delta Term 1 \(-\): rows deleted from orders" "first term"
expect_line "$plan" "->  Delta Term 8 \(-\): rows inserted into orders joined with rows inserted into customers" "last term"
expect_line "$plan" "->  Changes Scan on orders" "changes scan"
expect_line "$plan" "Changed Rows: 2" "changed rows"
expect_line "$plan" "->  Recompute Touched Groups" "group recompute step"
[[ $(grep -c "Delta Term" <<<"$plan") == 8 ]] || fail "expected 8 delta terms: $plan"

# The dry run wrote nothing: the changes are still pending, the view old.
[[ $(q "SELECT pending_changes FROM basalt_matview_status WHERE matviewname = 'totals'") == 4 ]] ||
  fail "EXPLAIN REFRESH applied the changes"
[[ $(q "SELECT total FROM totals WHERE name = 'c1'") == 970 ]] || fail "EXPLAIN REFRESH changed the view"
[[ $(q "SELECT last_refresh IS NULL FROM basalt_matview_status WHERE matviewname = 'totals'") == t ]] ||
  fail "EXPLAIN REFRESH was recorded as a refresh"

# ANALYZE refreshes: actual counts per step, rows written, the view current.
plan=$(explain "ANALYZE REFRESH MATERIALIZED VIEW totals")
expect_line "$plan" "->  Read Changes  \(actual rows=4 time=[0-9.]+ ms\)" "read step"
expect_line "$plan" "Execution Time: [0-9.]+ ms" "execution time"
expect_line "$plan" "Rows Inserted: [1-9][0-9]*" "rows inserted"
[[ $(q "SELECT total FROM totals WHERE name = 'c1'") == 1470 ]] || fail "ANALYZE did not refresh"
[[ $(q "SELECT pending_changes || ' ' || strategy FROM basalt_matview_status WHERE matviewname = 'totals'") == "0 incremental" ]] ||
  fail "ANALYZE's refresh not recorded"
[[ $(q "SELECT count(*) FROM (TABLE totals EXCEPT SELECT c.name, sum(o.amount), count(*) FROM orders o JOIN customers c ON o.cust = c.id GROUP BY c.name) d") == 0 ]] ||
  fail "the view differs from its query after EXPLAIN ANALYZE REFRESH"

# A rows view: every term with its filter, and the rows the step wrote
# (orders 101, 102 and 103 pass the filter; 50 and 104 do not).
q "INSERT INTO orders VALUES (103, 4, 60), (104, 4, 10)" >/dev/null
plan=$(explain "ANALYZE REFRESH MATERIALIZED VIEW big_orders")
expect_line "$plan" "->  Delta Term 2 \(\+\): rows inserted into orders  \(actual rows=3 time=[0-9.]+ ms\)" "filtered term"
expect_line "$plan" "Filter: \(amount > 50\)" "term filter"
expect_line "$plan" "->  Write View Rows  \(actual rows=3 time=[0-9.]+ ms\)" "write step"

# Fallbacks: the cost rule, a TRUNCATE, a first population.
q "UPDATE orders SET amount = amount + 1" >/dev/null
q "INSERT INTO orders SELECT g, g % 5, g FROM generate_series(1000, 2100) g" >/dev/null
plan=$(explain "REFRESH MATERIALIZED VIEW big_orders")
expect_line "$plan" "Strategy: full \([0-9]+ changes, more than [0-9]+\)" "cost rule"
expect_line "$plan" "->  Compute Result into New Relations" "full step"
q "REFRESH MATERIALIZED VIEW big_orders" >/dev/null
q "TRUNCATE customers" >/dev/null
plan=$(explain "REFRESH MATERIALIZED VIEW totals")
expect_line "$plan" "customers: truncated" "truncated input"
expect_line "$plan" "Strategy: full \(\"customers\" was truncated or rewritten\)" "truncate fallback"
plan=$(explain "REFRESH MATERIALIZED VIEW empty_incr")
expect_line "$plan" "Strategy: full \(first population\)" "first population"

# Full and concurrent strategies, with the blocker of each shape.
plan=$(explain "REFRESH MATERIALIZED VIEW by_cust")
expect_line "$plan" "Refresh Mode: full" "full mode"
expect_line "$plan" "Strategy: full" "full strategy"
grep -q "Incremental Blocker" <<<"$plan" && fail "an outer join named as a blocker: $plan"
expect_line "$plan" "->  Hash Left Join" "the query's plan"
plan=$(explain "REFRESH MATERIALIZED VIEW CONCURRENTLY by_cust")
expect_line "$plan" "Strategy: concurrent" "concurrent strategy"
expect_line "$plan" "->  Match Stored Rows on Unique Keys" "match step"
plan=$(explain "ANALYZE REFRESH MATERIALIZED VIEW CONCURRENTLY by_cust")
expect_line "$plan" "->  Compute Result  \(actual rows=5 time=[0-9.]+ ms\)" "concurrent compute step"
# Past work_mem the match spills to temp files, and says so.
q "CREATE MATERIALIZED VIEW spilled_mv AS SELECT g, md5(g::text) AS h FROM generate_series(1, 20000) g" >/dev/null
q "CREATE UNIQUE INDEX ON spilled_mv (g)" >/dev/null
plan=$(psql -X -A -t -v ON_ERROR_STOP=1 -c "SET work_mem = '64kB'" \
  -c "EXPLAIN ANALYZE REFRESH MATERIALIZED VIEW CONCURRENTLY spilled_mv")
expect_line "$plan" "Temp Files: [0-9]+  Disk: [0-9]+kB" "spilled match"
expect_line "$plan" "->  Insert Unmatched Rows  \(actual rows=0 time=[0-9.]+ ms\)" "nothing to insert"
plan=$(explain "REFRESH MATERIALIZED VIEW auto_outer")
expect_line "$plan" "Refresh Mode: auto" "auto mode"
expect_line "$plan" "Strategy: full \(\"customers\" was truncated or rewritten\)" "auto over an outer join"
grep -q "Incremental Blocker" <<<"$plan" && fail "an outer join named as a blocker: $plan"
plan=$(explain "REFRESH MATERIALIZED VIEW windowed")
expect_line "$plan" "Incremental Blocker: window functions" "window blocker"
# Each construct the delta rules do not cover, named by EXPLAIN.
blocker=0
while IFS='|' read -r query reason; do
  blocker=$((blocker + 1))
  q "CREATE MATERIALIZED VIEW blocked_$blocker AS $query" >/dev/null
  plan=$(explain "REFRESH MATERIALIZED VIEW blocked_$blocker")
  expect_line "$plan" "Incremental Blocker: $reason" "blocker of: $query"
done <<'CASES'
SELECT id FROM orders WHERE amount > (SELECT min(amount) FROM orders)|subqueries in expressions
SELECT id, now() AS t FROM orders|volatile functions
SELECT o.id, x.n FROM orders o, LATERAL (SELECT o.amount * 2 AS n) x|LATERAL
SELECT oid FROM pg_class|system catalogs
SELECT s.id FROM (SELECT id FROM orders) s|views or subqueries in FROM
SELECT g FROM generate_series(1, 3) g|functions in FROM
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r|views or subqueries in FROM
SELECT id FROM orders WHERE cust NOT IN (SELECT id FROM customers)|subqueries in expressions
SELECT cust FROM orders GROUP BY cust UNION ALL SELECT id FROM customers|GROUP BY or DISTINCT under UNION ALL
SELECT cust FROM orders UNION SELECT id FROM customers|UNION, INTERSECT or EXCEPT without ALL
SELECT cust FROM orders UNION ALL SELECT id FROM customers LIMIT 3|clauses over a UNION ALL
SELECT 1 AS one|queries without FROM
SELECT id FROM orders ORDER BY id LIMIT 10|LIMIT or OFFSET
SELECT DISTINCT ON (cust) cust, id FROM orders ORDER BY cust, id|DISTINCT ON
SELECT id, rank() OVER (ORDER BY amount) FROM orders|window functions
SELECT DISTINCT cust, count(*) FROM orders GROUP BY cust|DISTINCT with GROUP BY
SELECT count(*) FROM orders GROUP BY cust|GROUP BY expressions missing from the select list
CASES
plan=$(explain "REFRESH MATERIALIZED VIEW totals")
grep -q "Incremental Blocker" <<<"$plan" && fail "a covered shape named a blocker: $plan"

plan=$(explain "REFRESH MATERIALIZED VIEW by_cust WITH NO DATA")
expect_line "$plan" "->  Swap In Empty Relations" "WITH NO DATA"
[[ $(q "SELECT ispopulated FROM pg_matviews WHERE matviewname = 'by_cust'") == t ]] ||
  fail "EXPLAIN ... WITH NO DATA emptied the view"

# REFRESH's errors.
expect_error "EXPLAIN REFRESH MATERIALIZED VIEW orders" 42809 '"orders" is not a materialized view'
expect_error "EXPLAIN REFRESH MATERIALIZED VIEW missing" 42P01 'relation "missing" does not exist'
expect_error "EXPLAIN REFRESH MATERIALIZED VIEW CONCURRENTLY totals" 55000 'cannot refresh materialized view "public.totals" concurrently'
expect_error "BEGIN READ ONLY; EXPLAIN ANALYZE REFRESH MATERIALIZED VIEW by_cust" 25006 'cannot execute REFRESH MATERIALIZED VIEW in a read-only transaction'
# The dry run is a read: allowed read-only, and not held up by a refresh
# holding the view.
[[ $(psql -X -A -t -c "BEGIN READ ONLY" -c "EXPLAIN REFRESH MATERIALIZED VIEW by_cust" -c "COMMIT" | grep -c "Strategy: full") == 1 ]] ||
  fail "EXPLAIN REFRESH refused in a read-only transaction"
psql -X -q -o /dev/null -c "BEGIN" -c "REFRESH MATERIALIZED VIEW by_cust" -c "SELECT pg_sleep(3)" \
  -c "COMMIT" &
holder=$!
sleep 0.5
plan=$(PGOPTIONS="-c lock_timeout=1000" explain "REFRESH MATERIALIZED VIEW by_cust") ||
  fail "EXPLAIN REFRESH waited for a running refresh"
wait "$holder" || fail "the holding refresh failed"

# Through the extended protocol with a named statement (psycopg 3's
# prepare=True): Describe announces the QUERY PLAN column.
/usr/bin/python3 - "$PGPORT" <<'PY' || fail "EXPLAIN through a prepared statement failed"
import sys, psycopg
conn = psycopg.connect(host="127.0.0.1", port=int(sys.argv[1]), user="basalt", dbname="basalt",
                       autocommit=True)
for sql in ("EXPLAIN REFRESH MATERIALIZED VIEW totals", "EXPLAIN SELECT * FROM orders WHERE id = 1"):
    cur = conn.cursor()
    cur.execute(sql, prepare=True)
    assert cur.description[0].name == "QUERY PLAN", cur.description
    assert len(cur.fetchall()) > 0, sql
PY

# pg_stat_progress_refresh_matview during a long incremental refresh.
run_psql <<'SQL' || fail "big setup failed"
CREATE TABLE big AS SELECT g AS id, g % 1000 AS v FROM generate_series(1, 1000000) g;
CREATE MATERIALIZED VIEW big_mv WITH (refresh_mode = 'incremental') AS SELECT id, v FROM big;
UPDATE big SET v = v + 1 WHERE id % 5 = 0;
SQL
psql -X -q -c "REFRESH MATERIALIZED VIEW big_mv" &
refresh=$!
samples=""
for _ in $(seq 1 500); do
  row=$(q "SELECT strategy || '|' || phase || '|' || coalesce(changes_done::text, 'null') || '|' || coalesce(changes_total::text, 'null') || '|' || rows_done FROM pg_stat_progress_refresh_matview")
  [[ -n "$row" ]] && samples+="$row"$'\n'
  kill -0 "$refresh" 2>/dev/null || break
  sleep 0.01
done
wait "$refresh" || fail "the incremental refresh failed"
[[ -n "$samples" ]] || fail "no progress row during the incremental refresh"
grep -qE "^incremental\|(computing deltas|applying changes)\|[0-9]+\|200000\|[0-9]+$" <<<"$samples" ||
  fail "no progress row with the change total: $samples"
previous=0
while IFS='|' read -r strategy phase done total rows; do
  [[ -z "$strategy" || "$done" == null ]] && continue
  (( done >= previous && done <= total )) || fail "changes_done went from $previous to $done of $total"
  previous=$done
done <<<"$samples"
[[ $(q "SELECT strategy, rows_deleted, rows_inserted FROM basalt_matview_status WHERE matviewname = 'big_mv'") == "incremental|200000|200000" ]] ||
  fail "the incremental refresh reported: $(q "SELECT * FROM basalt_matview_status WHERE matviewname = 'big_mv'")"
basalt_stop
echo "matview explain refresh: OK"
