-- ANALYZE: pg_class.reltuples and pg_stats as PostgreSQL 15 computes them
-- for tables that fit its 30,000-row sample (every row read), and joins
-- over analyzed tables (their plans: tests/client/analyze_plans_test.sh).
CREATE TABLE an_big (id int PRIMARY KEY, grp int, val text, note text);
INSERT INTO an_big SELECT i, i % 100, md5(i::text), CASE WHEN i % 4 = 0 THEN NULL ELSE 'n' || (i % 7) END
  FROM generate_series(1, 20000) i;
CREATE TABLE an_small (x int, y int, label varchar(10));
INSERT INTO an_small SELECT i * 7, i % 10, 'l' || i FROM generate_series(1, 50) i;
INSERT INTO an_small VALUES (NULL, NULL, NULL), (7, 1, 'l1');
CREATE TABLE an_mid (k int, w numeric(8,2));
INSERT INTO an_mid SELECT i % 300, (i % 1000) / 4.0 FROM generate_series(1, 3000) i;
SELECT relname, reltuples FROM pg_class WHERE relname IN ('an_big', 'an_small', 'an_mid') ORDER BY 1;
ANALYZE an_big, an_small;
ANALYZE an_mid;
SELECT relname, reltuples FROM pg_class WHERE relname IN ('an_big', 'an_small', 'an_mid') ORDER BY 1;
\x on
SELECT attname, inherited, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs,
       histogram_bounds, correlation
  FROM pg_stats WHERE tablename = 'an_small' ORDER BY attname;
SELECT attname, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs,
       array_length(histogram_bounds, 1) AS bounds, correlation
  FROM pg_stats WHERE tablename IN ('an_big', 'an_mid') AND attname <> 'id' ORDER BY tablename, attname;
\x off
SELECT histogram_bounds FROM pg_stats WHERE tablename = 'an_big' AND attname = 'id';
SELECT most_common_vals FROM pg_stats WHERE tablename = 'an_mid' AND attname = 'w';
-- a view is skipped with a warning; an unknown table is an error
CREATE VIEW an_view AS SELECT * FROM an_small;
ANALYZE an_view;
ANALYZE an_missing;
DROP VIEW an_view;
-- joins planned from the statistics
SELECT count(*) FROM an_small s JOIN an_big b ON b.grp = s.y;
SELECT b.id, b.val FROM an_small s JOIN an_big b ON b.id = s.x WHERE s.label = 'l3';
SELECT count(*) FROM an_mid m JOIN an_big b ON b.grp = m.k JOIN an_small s ON s.y = m.k;
DROP TABLE an_big, an_small, an_mid;
