-- Descending and NULLS FIRST / LAST index columns: pg_index.indoption,
-- pg_get_indexdef, and ORDER BY answered by the index read forward (the
-- index's directions) or backward (every direction reversed), under LIMIT.
CREATE TABLE d (id int PRIMARY KEY, a int, b int, c text);
INSERT INTO d SELECT g, CASE WHEN g % 9 = 0 THEN NULL ELSE g % 5 END, g % 3, 'v' || g
  FROM generate_series(1, 30) g;
CREATE INDEX d_a_desc_b ON d (a DESC NULLS LAST, b);
CREATE INDEX d_b_nf ON d (b NULLS FIRST);
CREATE INDEX d_c_desc ON d (c DESC);
SELECT indexrelid::regclass, indkey, indoption FROM pg_index
  WHERE indrelid = 'd'::regclass ORDER BY indexrelid::regclass::text;
SELECT pg_get_indexdef('d_a_desc_b'::regclass), pg_get_indexdef('d_b_nf'::regclass),
  pg_get_indexdef('d_c_desc'::regclass);
\d d
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id, a, b FROM d ORDER BY a DESC NULLS LAST, b LIMIT 5;
SELECT id, a, b FROM d ORDER BY a DESC NULLS LAST, b, id LIMIT 5;
EXPLAIN (COSTS OFF) SELECT id, a, b FROM d ORDER BY a NULLS FIRST, b DESC LIMIT 5;
EXPLAIN (COSTS OFF) SELECT id, a, b FROM d ORDER BY a DESC NULLS LAST LIMIT 4;
EXPLAIN (COSTS OFF) SELECT id, a, b FROM d ORDER BY a ASC NULLS FIRST LIMIT 4;
SELECT a FROM d ORDER BY a ASC NULLS FIRST LIMIT 4;
-- Not the index's order (nor its reverse): a Sort.
EXPLAIN (COSTS OFF) SELECT id, a, b FROM d ORDER BY a DESC, b LIMIT 5;
-- Equality on the first column, order by the second.
EXPLAIN (COSTS OFF) SELECT id, b FROM d WHERE a = 2 ORDER BY b LIMIT 3;
SELECT id, b FROM d WHERE a = 2 ORDER BY b, id LIMIT 3;
EXPLAIN (COSTS OFF) SELECT id, b FROM d WHERE a = 2 ORDER BY b DESC LIMIT 3;
-- Ranges over a DESC column.
EXPLAIN (COSTS OFF) SELECT id, a FROM d WHERE a > 2 ORDER BY a DESC NULLS LAST LIMIT 4;
SELECT a FROM d WHERE a > 2 ORDER BY a DESC NULLS LAST LIMIT 4;
SELECT count(*) FROM d WHERE a < 2;
SELECT count(*) FROM d WHERE a IS NULL;
EXPLAIN (COSTS OFF) SELECT id, b FROM d ORDER BY b NULLS FIRST LIMIT 2;
EXPLAIN (COSTS OFF) SELECT id, b FROM d ORDER BY b DESC NULLS LAST LIMIT 2;
EXPLAIN (COSTS OFF) SELECT id, c FROM d ORDER BY c LIMIT 3;
SELECT c FROM d ORDER BY c LIMIT 3;
EXPLAIN (COSTS OFF) SELECT id, c FROM d ORDER BY c DESC LIMIT 3;
SELECT c FROM d ORDER BY c DESC LIMIT 3;
-- Writes keep the entries in order.
UPDATE d SET a = 7 WHERE id IN (1, 2);
INSERT INTO d VALUES (31, NULL, 0, 'w'), (32, 9, NULL, 'x');
DELETE FROM d WHERE a = 4;
SELECT id, a, b FROM d ORDER BY a DESC NULLS LAST, b, id LIMIT 5;
SELECT id, a, b FROM d ORDER BY a NULLS FIRST, b DESC, id LIMIT 5;
REINDEX TABLE d;
SELECT id, a, b FROM d ORDER BY a NULLS FIRST, b DESC, id LIMIT 5;
DROP TABLE d;
