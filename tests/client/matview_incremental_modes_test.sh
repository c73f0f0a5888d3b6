#!/usr/bin/env bash
# refresh_mode's user-visible rules (Basalt's own option, so nothing to
# record from PostgreSQL): values and their errors, the constructs
# `incremental` refuses with 0A000 and `auto` refreshes fully with the reason
# shown, default_matview_refresh_mode, a 10-row change of a 100,000-row view
# writing only the rows it touches, TRUNCATE and a transaction's own
# changes, and DROP MATERIALIZED VIEW.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE t (id int PRIMARY KEY, g int, v int);
CREATE TABLE u (g int, name text);
INSERT INTO t SELECT i, i % 100, i FROM generate_series(1, 100000) i;
INSERT INTO u SELECT i, 'g' || i FROM generate_series(0, 99) i;
SQL

# Values.
expect_error "CREATE MATERIALIZED VIEW bad WITH (refresh_mode = sometimes) AS SELECT * FROM t" \
  22023 'invalid value for enum option "refresh_mode": sometimes'
expect_error "CREATE TABLE bad WITH (refresh_mode = incremental) AS SELECT * FROM t" \
  22023 'unrecognized parameter "refresh_mode"'
expect_error "SET default_matview_refresh_mode = sometimes" 22023 \
  'invalid value for parameter "default_matview_refresh_mode"'

# Shapes the delta rules do not cover: refused under incremental...
refused() {  # <construct> <query>
  expect_error "CREATE MATERIALIZED VIEW bad WITH (refresh_mode = incremental) AS $2" 0A000 \
    "incremental refresh does not support $1"
}
refused "subqueries in expressions" "SELECT id FROM t WHERE v > (SELECT min(g) FROM u)"
refused "subqueries in expressions" "SELECT id FROM t WHERE g NOT IN (SELECT g FROM u)"
refused "window functions" "SELECT id, row_number() OVER (ORDER BY v) AS r FROM t"
refused "volatile functions" "SELECT id, now() AS at FROM t"
refused "LIMIT or OFFSET" "SELECT id FROM t ORDER BY id LIMIT 5"
refused "DISTINCT ON" "SELECT DISTINCT ON (g) g, id FROM t ORDER BY g, id"
refused "GROUP BY expressions missing from the select list" "SELECT count(*) FROM t GROUP BY g"
refused "UNION, INTERSECT or EXCEPT without ALL" "SELECT g FROM t UNION SELECT g FROM u"
refused "views or subqueries in FROM" "SELECT * FROM (SELECT id FROM t) s"
[[ $(q "SELECT count(*) FROM pg_class WHERE relname = 'bad'") == 0 ]] || fail "a refused view exists"

# ... and refreshed fully under auto, saying why.
q "CREATE MATERIALIZED VIEW windowed_mv WITH (refresh_mode = auto) AS
   SELECT id, row_number() OVER (ORDER BY v) AS r FROM t" >/dev/null
q "REFRESH MATERIALIZED VIEW windowed_mv" >/dev/null
[[ $(matview_strategy windowed_mv) == "full (incremental refresh does not support window functions)" ]] ||
  fail "auto over a window function: $(matview_strategy windowed_mv)"

# A grouped view and a row view, incremental by the setting.
q "SET default_matview_refresh_mode = incremental;
   CREATE MATERIALIZED VIEW by_g AS SELECT t.g, u.name, count(*) AS n, sum(v) AS total
     FROM t JOIN u ON t.g = u.g GROUP BY t.g, u.name;
   CREATE MATERIALIZED VIEW rows_mv AS SELECT id, v FROM t WHERE v % 2 = 0" >/dev/null
q "CREATE UNIQUE INDEX by_g_key ON by_g (g)" >/dev/null
q "UPDATE t SET v = v + 2 WHERE id <= 10" >/dev/null
q "REFRESH MATERIALIZED VIEW by_g" >/dev/null
# 10 changed rows of 10 groups: 10 group rows replaced; 5 of them are in
# rows_mv (even v): 5 rows replaced.
[[ $(q "SELECT strategy, rows_deleted, rows_inserted FROM basalt_matview_status s
        JOIN pg_class c ON c.oid = s.relid WHERE relname = 'by_g'") == "incremental|10|10" ]] ||
  fail "a 10-row change of by_g wrote: $(matview_strategy by_g)"
q "REFRESH MATERIALIZED VIEW rows_mv" >/dev/null
[[ $(q "SELECT strategy, rows_deleted, rows_inserted FROM basalt_matview_status s
        JOIN pg_class c ON c.oid = s.relid WHERE relname = 'rows_mv'") == "incremental|5|5" ]] ||
  fail "a 10-row change of rows_mv wrote: $(matview_strategy rows_mv)"
same() {  # <view> <query>: equal as multisets
  [[ $(q "SELECT count(*) FROM (($2) EXCEPT ALL (SELECT * FROM $1)) d") == 0 &&
     $(q "SELECT count(*) FROM ((SELECT * FROM $1) EXCEPT ALL ($2)) d") == 0 ]] ||
    fail "$1 differs from its query"
}
same by_g "SELECT t.g, u.name, count(*), sum(v) FROM t JOIN u ON t.g = u.g GROUP BY t.g, u.name"
same rows_mv "SELECT id, v FROM t WHERE v % 2 = 0"

# The transaction's own changes, then more after the refresh.
q "BEGIN; DELETE FROM t WHERE g = 7; REFRESH MATERIALIZED VIEW by_g;
   INSERT INTO t VALUES (200001, 7, 1); COMMIT" >/dev/null
q "REFRESH MATERIALIZED VIEW by_g" >/dev/null
same by_g "SELECT t.g, u.name, count(*), sum(v) FROM t JOIN u ON t.g = u.g GROUP BY t.g, u.name"
[[ $(q "SELECT n FROM by_g WHERE g = 7") == 1 ]] || fail "group 7 after delete + insert"

# TRUNCATE: recomputed, with the reason.
q "TRUNCATE u; INSERT INTO u VALUES (1, 'one')" >/dev/null
q "REFRESH MATERIALIZED VIEW by_g" >/dev/null
[[ $(matview_strategy by_g) == 'full ("u" was truncated or rewritten)' ]] ||
  fail "after TRUNCATE: $(matview_strategy by_g)"
same by_g "SELECT t.g, u.name, count(*), sum(v) FROM t JOIN u ON t.g = u.g GROUP BY t.g, u.name"

# ALTER MATERIALIZED VIEW ... SET / RESET (refresh_mode): the next refresh
# recomputes, the ones after follow the changes; RESET is full again.
q "CREATE MATERIALIZED VIEW later AS SELECT g, count(*) AS n, max(v) AS top FROM t GROUP BY g" \
  >/dev/null
q "ALTER MATERIALIZED VIEW later SET (refresh_mode = incremental)" >/dev/null
q "UPDATE t SET v = v + 1 WHERE id <= 3" >/dev/null
q "REFRESH MATERIALIZED VIEW later" >/dev/null
[[ $(matview_strategy later) == "full (first population)" ]] || fail "after SET: $(matview_strategy later)"
q "UPDATE t SET v = v + 1 WHERE id <= 3" >/dev/null
q "REFRESH MATERIALIZED VIEW later" >/dev/null
[[ $(matview_strategy later) == "incremental" ]] || fail "second refresh after SET: $(matview_strategy later)"
same later "SELECT g, count(*), max(v) FROM t GROUP BY g"
expect_error "ALTER MATERIALIZED VIEW later SET (refresh_mode = sometimes)" 22023 \
  'invalid value for enum option "refresh_mode": sometimes'
expect_error "ALTER MATERIALIZED VIEW windowed_mv SET (refresh_mode = incremental)" 0A000 \
  "incremental refresh does not support window functions"
expect_error "ALTER TABLE t SET (refresh_mode = full)" 22023 'unrecognized parameter "refresh_mode"'
q "ALTER MATERIALIZED VIEW later RESET (refresh_mode)" >/dev/null
q "REFRESH MATERIALIZED VIEW later" >/dev/null
[[ $(matview_strategy later) == "full" ]] || fail "after RESET: $(matview_strategy later)"

# uuid and bytea columns: keys and group keys of an incremental view, a
# row view carrying them, both following inserts, updates and deletes.
q "CREATE TABLE blobs (id uuid PRIMARY KEY, tag bytea, body bytea);
   INSERT INTO blobs SELECT ('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid,
     decode(lpad(to_hex(i % 5), 2, '0'), 'hex'), decode(repeat('ab', i), 'hex')
     FROM generate_series(1, 50) i" >/dev/null
q "CREATE MATERIALIZED VIEW blobs_by_tag WITH (refresh_mode = incremental) AS
     SELECT tag, count(*) AS n, sum(length(body)) AS bytes FROM blobs GROUP BY tag;
   CREATE MATERIALIZED VIEW blobs_rows WITH (refresh_mode = incremental) AS
     SELECT id, tag, body FROM blobs WHERE length(body) % 2 = 0" >/dev/null
q "INSERT INTO blobs VALUES ('ffffffff-0000-0000-0000-000000000001', '\x09', '\x00ff00');
   UPDATE blobs SET tag = '\x07', body = body || '\x00'::bytea
     WHERE id < '00000000-0000-0000-0000-000000000010';
   DELETE FROM blobs WHERE tag = '\x03'" >/dev/null
q "REFRESH MATERIALIZED VIEW blobs_by_tag; REFRESH MATERIALIZED VIEW blobs_rows" >/dev/null
[[ $(matview_strategy blobs_by_tag) == "incremental" && $(matview_strategy blobs_rows) == "incremental" ]] ||
  fail "uuid/bytea views: $(matview_strategy blobs_by_tag), $(matview_strategy blobs_rows)"
same blobs_by_tag "SELECT tag, count(*), sum(length(body)) FROM blobs GROUP BY tag"
same blobs_rows "SELECT id, tag, body FROM blobs WHERE length(body) % 2 = 0"
[[ $(q "SELECT n FROM blobs_by_tag WHERE tag = '\x07'") == 15 ]] ||
  fail "blobs_by_tag after the update: $(q "SELECT * FROM blobs_by_tag ORDER BY tag")"
q "DROP MATERIALIZED VIEW blobs_by_tag, blobs_rows; DROP TABLE blobs" >/dev/null

# A sum whose inputs were all NULL stays NULL when a value comes and goes
# within one backlog (the additive rule's cancelling change).
q "CREATE TABLE nulls (k int, x numeric(10,2));
   INSERT INTO nulls VALUES (1, NULL), (2, 3);
   CREATE MATERIALIZED VIEW null_sums WITH (refresh_mode = incremental) AS
     SELECT k, count(*) AS n, sum(x) AS s FROM nulls GROUP BY k" >/dev/null
q "INSERT INTO nulls VALUES (1, 5), (2, 4); DELETE FROM nulls WHERE x IN (4, 5)" >/dev/null
q "REFRESH MATERIALIZED VIEW null_sums" >/dev/null
[[ $(matview_strategy null_sums) == "incremental" ]] || fail "null_sums: $(matview_strategy null_sums)"
[[ $(q "SELECT k || ':' || coalesce(s::text, 'null') FROM null_sums ORDER BY k" | tr '\n' ' ') == "1:null 2:3.00 " ]] ||
  fail "null_sums: $(q "SELECT * FROM null_sums ORDER BY k")"
# A NaN cannot be subtracted back out of a sum: its group is computed again.
q "INSERT INTO nulls VALUES (2, 'NaN')" >/dev/null
q "REFRESH MATERIALIZED VIEW null_sums" >/dev/null
[[ $(q "SELECT s FROM null_sums WHERE k = 2") == NaN ]] || fail "NaN sum: $(q "SELECT * FROM null_sums")"
q "DELETE FROM nulls WHERE x = 'NaN'" >/dev/null
q "REFRESH MATERIALIZED VIEW null_sums" >/dev/null
[[ $(q "SELECT s FROM null_sums WHERE k = 2") == 3.00 ]] || fail "NaN gone: $(q "SELECT * FROM null_sums")"
q "DROP MATERIALIZED VIEW null_sums; DROP TABLE nulls" >/dev/null

# min and max follow inserts and deletes of other values by arithmetic;
# deleting a group's extreme computes that group again.
q "CREATE TABLE readings (k int, x int);
   INSERT INTO readings SELECT i % 3, i FROM generate_series(1, 30) i;
   CREATE MATERIALIZED VIEW extremes WITH (refresh_mode = incremental) AS
     SELECT k, count(*) AS n, min(x) AS lo, max(x) AS hi FROM readings GROUP BY k" >/dev/null
steps() { q "EXPLAIN ANALYZE REFRESH MATERIALIZED VIEW extremes" | grep -oE 'Apply Aggregate Changes|Recompute Touched Groups' | sort -u | tr '\n' ' '; }
q "INSERT INTO readings VALUES (0, 100), (1, -5); DELETE FROM readings WHERE x IN (10, 14)" >/dev/null
[[ $(steps) == "Apply Aggregate Changes " ]] || fail "min/max without their extremes deleted: $(steps)"
same extremes "SELECT k, count(*), min(x), max(x) FROM readings GROUP BY k"
q "DELETE FROM readings WHERE x = 100" >/dev/null
[[ $(steps) == "Apply Aggregate Changes Recompute Touched Groups " ]] || fail "a deleted max: $(steps)"
same extremes "SELECT k, count(*), min(x), max(x) FROM readings GROUP BY k"
[[ $(q "SELECT hi FROM extremes WHERE k = 0") == 30 ]] || fail "max after its deletion: $(q "SELECT * FROM extremes")"
q "DROP MATERIALIZED VIEW extremes; DROP TABLE readings" >/dev/null

# Dropped views stop nothing else; a table without views is plain again.
q "DROP MATERIALIZED VIEW by_g, rows_mv" >/dev/null
q "UPDATE t SET v = 0 WHERE id = 1" >/dev/null
basalt_stop
echo "matview incremental modes: OK"
