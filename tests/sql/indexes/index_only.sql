-- Index-only scans: a query whose every column read is a key column of an
-- index reads the index alone (EXPLAIN: Index Only Scan; EXPLAIN ANALYZE:
-- Heap Fetches: 0 once VACUUM has set PostgreSQL's visibility map), with
-- ranges, IN lists, NULLs, DESC columns, ORDER BY forward and backward and
-- a filter on key columns; a column outside the index makes it an Index
-- Scan again. (INCLUDE columns are not supported yet.)
SET enable_seqscan = off;
SET enable_bitmapscan = off;
CREATE TABLE io (id int PRIMARY KEY, a int, b text, c int, d text);
CREATE INDEX io_a_b_idx ON io (a, b);
CREATE INDEX io_c_idx ON io (c DESC NULLS LAST);
INSERT INTO io SELECT g, g % 10, 'v' || (g % 7), CASE WHEN g % 5 = 0 THEN NULL ELSE g END, 'd'
  FROM generate_series(1, 100) g;
VACUUM io;
EXPLAIN (COSTS OFF) SELECT a, b FROM io WHERE a = 3;
SELECT a, b FROM io WHERE a = 3 ORDER BY b;
EXPLAIN (COSTS OFF) SELECT b FROM io WHERE a = 3 AND b > 'v3';
SELECT b FROM io WHERE a = 3 AND b > 'v3' ORDER BY b;
EXPLAIN (COSTS OFF) SELECT count(*) FROM io WHERE a IN (1, 2);
SELECT count(*) FROM io WHERE a IN (1, 2);
EXPLAIN (COSTS OFF) SELECT a FROM io WHERE a = 4 AND b LIKE 'v%';
SELECT a FROM io WHERE a = 4 AND b LIKE 'v%';
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT a, b FROM io WHERE a = 3;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT c FROM io WHERE c < 10;
SELECT c FROM io WHERE c < 10;
EXPLAIN (COSTS OFF) SELECT c FROM io ORDER BY c DESC NULLS LAST LIMIT 3;
SELECT c FROM io ORDER BY c DESC NULLS LAST LIMIT 3;
EXPLAIN (COSTS OFF) SELECT c FROM io ORDER BY c NULLS FIRST LIMIT 3;
SELECT c FROM io ORDER BY c NULLS FIRST LIMIT 3;
EXPLAIN (COSTS OFF) SELECT c FROM io WHERE c IS NULL;
SELECT count(*) FROM io WHERE c IS NULL;
-- A column the index does not hold: the rows are read.
EXPLAIN (COSTS OFF) SELECT a, d FROM io WHERE a = 3;
EXPLAIN (COSTS OFF) SELECT a FROM io WHERE a = 3 AND d = 'd';
SELECT count(*) FROM io WHERE a = 3 AND d = 'd';
-- Writes are seen through the index alone.
UPDATE io SET b = 'w' WHERE id = 3;
DELETE FROM io WHERE id = 13;
SELECT a, b FROM io WHERE a = 3 ORDER BY b;
DROP TABLE io;
