-- Materialized views: CREATE, REFRESH (plain and CONCURRENTLY), DROP, and
-- PostgreSQL's errors for each.
\set QUIET off
CREATE TABLE mv_orders (id int PRIMARY KEY, cust text, amount numeric(10,2));
INSERT INTO mv_orders VALUES (1, 'ann', 10.50), (2, 'bob', 3), (3, 'ann', 7.25), (4, NULL, 1);
CREATE MATERIALIZED VIEW mv_totals AS
  SELECT cust, sum(amount) AS total, count(*) AS n FROM mv_orders GROUP BY cust;
SELECT * FROM mv_totals ORDER BY cust;
-- the view keeps its rows until refreshed
INSERT INTO mv_orders VALUES (5, 'cy', 2);
SELECT * FROM mv_totals ORDER BY cust;
REFRESH MATERIALIZED VIEW mv_totals;
SELECT * FROM mv_totals ORDER BY cust;
-- column names, IF NOT EXISTS, WITH NO DATA
CREATE MATERIALIZED VIEW mv_named (who, total) AS SELECT cust, amount FROM mv_orders;
SELECT * FROM mv_named ORDER BY 1, 2;
CREATE MATERIALIZED VIEW IF NOT EXISTS mv_named AS SELECT 1;
CREATE MATERIALIZED VIEW mv_named AS SELECT 1;
CREATE MATERIALIZED VIEW mv_toomany (a, b, c) AS SELECT cust, amount FROM mv_orders;
CREATE MATERIALIZED VIEW mv_empty AS SELECT id, cust FROM mv_orders WITH NO DATA;
SELECT * FROM mv_empty;
SELECT count(*) FROM mv_empty;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_empty;
REFRESH MATERIALIZED VIEW mv_empty;
SELECT * FROM mv_empty ORDER BY id;
REFRESH MATERIALIZED VIEW mv_empty WITH NO DATA;
SELECT * FROM mv_empty;
REFRESH MATERIALIZED VIEW mv_empty WITH DATA;
-- CONCURRENTLY needs a unique index
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_empty;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_empty WITH NO DATA;
CREATE UNIQUE INDEX mv_empty_id ON mv_empty (id);
UPDATE mv_orders SET cust = 'dee' WHERE id = 2;
DELETE FROM mv_orders WHERE id = 3;
INSERT INTO mv_orders VALUES (6, 'eve', 9);
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_empty;
SELECT * FROM mv_empty ORDER BY id;
-- the planner uses the view's index
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT cust FROM mv_empty WHERE id = 6;
SELECT cust FROM mv_empty WHERE id = 6;
RESET enable_seqscan;
-- a unique index over duplicates: a plain refresh fails building it
CREATE MATERIALIZED VIEW mv_custs AS SELECT cust FROM mv_orders WHERE cust IS NOT NULL;
CREATE UNIQUE INDEX mv_custs_cust ON mv_custs (cust);
INSERT INTO mv_orders VALUES (7, 'eve', 1);
REFRESH MATERIALIZED VIEW mv_custs;
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_custs;
SELECT * FROM mv_custs ORDER BY cust;
-- duplicate rows under CONCURRENTLY: 21000 unless a column is NULL
CREATE MATERIALIZED VIEW mv_dups AS SELECT id, cust FROM mv_orders;
CREATE UNIQUE INDEX mv_dups_id ON mv_dups (id);
CREATE TABLE mv_pairs (a int, b text);
INSERT INTO mv_pairs VALUES (1, 'x'), (2, NULL);
CREATE MATERIALIZED VIEW mv_pair_view AS SELECT a, b FROM mv_pairs;
CREATE UNIQUE INDEX mv_pair_view_a ON mv_pair_view (a);
INSERT INTO mv_pairs VALUES (2, NULL);
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_pair_view;
INSERT INTO mv_pairs VALUES (1, 'x');
REFRESH MATERIALIZED VIEW CONCURRENTLY mv_pair_view;
-- bags: a view without a unique index keeps duplicate rows
CREATE MATERIALIZED VIEW mv_bag AS SELECT a, b FROM mv_pairs;
SELECT * FROM mv_bag ORDER BY a, b;
-- writes to a view, REFRESH of something else
INSERT INTO mv_bag VALUES (9, 'z');
UPDATE mv_bag SET a = 0;
DELETE FROM mv_bag;
TRUNCATE mv_bag;
REFRESH MATERIALIZED VIEW mv_pairs;
REFRESH MATERIALIZED VIEW no_such_view;
-- views and materialized views over materialized views
CREATE VIEW mv_over AS SELECT cust, total FROM mv_totals WHERE total > 5;
SELECT * FROM mv_over ORDER BY cust;
CREATE MATERIALIZED VIEW mv_over_mv AS SELECT count(*) AS groups FROM mv_totals;
SELECT * FROM mv_over_mv;
-- CREATE TABLE AS from one
CREATE TABLE mv_copy AS SELECT * FROM mv_totals;
SELECT * FROM mv_copy ORDER BY cust;
CREATE TABLE mv_copy_empty (c, t) AS SELECT cust, total FROM mv_totals WITH NO DATA;
SELECT * FROM mv_copy_empty;
-- dependencies
DROP TABLE mv_orders;
DROP MATERIALIZED VIEW mv_totals;
DROP VIEW mv_totals;
DROP TABLE mv_totals;
DROP MATERIALIZED VIEW mv_pairs;
DROP MATERIALIZED VIEW IF EXISTS no_such_view;
DROP MATERIALIZED VIEW no_such_view;
DROP MATERIALIZED VIEW mv_totals CASCADE;
DROP TABLE mv_orders CASCADE;
DROP TABLE mv_pairs CASCADE;
DROP TABLE mv_copy, mv_copy_empty;
-- an unpopulated view inside other statements
CREATE TABLE mv_base (x int);
CREATE MATERIALIZED VIEW mv_later AS SELECT x FROM mv_base WITH NO DATA;
CREATE VIEW mv_reads_later AS SELECT x FROM mv_later;
SELECT * FROM mv_reads_later;
CREATE MATERIALIZED VIEW mv_chain AS SELECT x FROM mv_later;
CREATE MATERIALIZED VIEW mv_chain AS SELECT x FROM mv_later WITH NO DATA;
REFRESH MATERIALIZED VIEW mv_chain;
UNLOGGED;
CREATE UNLOGGED MATERIALIZED VIEW mv_unlogged AS SELECT 1;
CREATE MATERIALIZED VIEW mv_opts WITH (fillfactor = 70) AS SELECT 1 AS one;
CREATE MATERIALIZED VIEW mv_badopt WITH (no_such_option = 1) AS SELECT 1 AS one;
SELECT * FROM mv_opts;
DROP TABLE mv_base CASCADE;
DROP MATERIALIZED VIEW mv_opts;
