-- Index scans: equality, IN lists, ranges and BETWEEN on an index's leading
-- column(s), a composite key's prefix, ORDER BY an index's order (forward,
-- backward, a DESC index) under LIMIT, UPDATE/DELETE/FOR UPDATE through an
-- index; the rows, and the plans as PostgreSQL prints them with COSTS OFF.
-- PostgreSQL's choice depends on costs; with sequential and bitmap scans
-- off it takes the index whenever one applies, as Basalt's rules do.
CREATE TABLE s (id int PRIMARY KEY, a int, b text, c int, d int);
INSERT INTO s VALUES
  (1, 1, 'y', 1, 7),
  (2, 2, 'z', 2, 14),
  (3, 3, 'x', 3, 21),
  (4, 4, 'y', 4, 28),
  (5, 5, 'z', 5, 35),
  (6, 6, 'x', 6, 1),
  (7, 7, 'y', 7, 8),
  (8, 8, 'z', 8, 15),
  (9, 9, 'x', 9, 22),
  (10, 0, 'y', 10, 29),
  (11, 1, 'z', 11, 36),
  (12, 2, 'x', 12, 2),
  (13, NULL, 'y', 13, 9),
  (14, 4, 'z', 14, 16),
  (15, 5, 'x', 15, 23),
  (16, 6, 'y', 16, 30),
  (17, 7, 'z', 17, 37),
  (18, 8, 'x', 18, 3),
  (19, 9, 'y', 19, 10),
  (20, 0, 'z', 20, 17),
  (21, 1, 'x', 21, 24),
  (22, 2, 'y', 22, 31),
  (23, 3, 'z', 23, 38),
  (24, 4, 'x', 24, 4),
  (25, 5, 'y', 25, 11),
  (26, 6, 'z', 26, 18),
  (27, NULL, 'x', 27, 25),
  (28, 8, 'y', 28, 32),
  (29, 9, 'z', 29, 39),
  (30, 0, 'x', 30, 5),
  (31, 1, 'y', 31, 12),
  (32, 2, 'z', 32, 19),
  (33, 3, 'x', 33, 26),
  (34, 4, 'y', 34, 33),
  (35, 5, 'z', 35, 40),
  (36, 6, 'x', 36, 6),
  (37, 7, 'y', 37, 13),
  (38, 8, 'z', 38, 20),
  (39, 9, 'x', 39, 27),
  (40, 0, 'y', 40, NULL);
CREATE INDEX s_a ON s (a);
CREATE INDEX s_b_c ON s (b, c);
CREATE INDEX s_d_desc ON s (d DESC);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE a = 5;
SELECT * FROM s WHERE a = 5 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE a = 5 AND c > 10;
SELECT * FROM s WHERE a = 5 AND c > 10 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE a IN (1, 3, 3, 7);
SELECT * FROM s WHERE a IN (1, 3, 3, 7) ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE a BETWEEN 2 AND 3;
SELECT * FROM s WHERE a BETWEEN 2 AND 3 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE a > 7;
SELECT * FROM s WHERE a > 7 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE 8 <= a;
SELECT * FROM s WHERE 8 <= a ORDER BY id;
SELECT * FROM s WHERE a < 1 ORDER BY id;
SELECT * FROM s WHERE a > 3 AND a < 5 ORDER BY id;
SELECT * FROM s WHERE a > 5 AND a < 5 ORDER BY id;
SELECT * FROM s WHERE a = NULL;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE a IS NULL;
SELECT * FROM s WHERE a IS NULL ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE d IS NULL;
SELECT * FROM s WHERE d IS NULL;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE b = 'y' AND c = 4;
SELECT * FROM s WHERE b = 'y' AND c = 4;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE b = 'y';
SELECT * FROM s WHERE b = 'y' ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE b = 'y' AND c < 10;
SELECT * FROM s WHERE b = 'y' AND c < 10 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE b = 'z' ORDER BY c DESC;
SELECT * FROM s WHERE b = 'z' ORDER BY c DESC;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE d < 5;
SELECT * FROM s WHERE d < 5 ORDER BY id;
SELECT * FROM s WHERE d >= 38 ORDER BY id;
EXPLAIN (COSTS OFF) SELECT * FROM s ORDER BY d DESC LIMIT 3;
SELECT * FROM s ORDER BY d DESC LIMIT 3;
EXPLAIN (COSTS OFF) SELECT * FROM s ORDER BY d LIMIT 3;
SELECT * FROM s ORDER BY d LIMIT 3;
EXPLAIN (COSTS OFF) SELECT * FROM s ORDER BY d NULLS LAST LIMIT 3;
EXPLAIN (COSTS OFF) SELECT * FROM s ORDER BY d DESC NULLS LAST LIMIT 3;
SELECT * FROM s ORDER BY d DESC NULLS LAST LIMIT 3;
EXPLAIN (COSTS OFF) SELECT id, d FROM s WHERE d > 30 ORDER BY d LIMIT 2;
SELECT id, d FROM s WHERE d > 30 ORDER BY d LIMIT 2;
EXPLAIN (COSTS OFF) SELECT * FROM s WHERE a = 4 FOR UPDATE;
SELECT * FROM s WHERE a = 4 ORDER BY id FOR UPDATE;
EXPLAIN (COSTS OFF) UPDATE s SET c = c + 100 WHERE a = 4;
UPDATE s SET c = c + 100 WHERE a = 4;
SELECT * FROM s WHERE b = 'x' AND c > 100 ORDER BY id;
EXPLAIN (COSTS OFF) DELETE FROM s WHERE d = 7;
DELETE FROM s WHERE d = 7;
SELECT * FROM s WHERE d = 7;
PREPARE by_a(int) AS SELECT id FROM s WHERE a = $1 ORDER BY id;
EXECUTE by_a(6);
EXECUTE by_a(9);
DEALLOCATE by_a;
-- a transaction's own writes, read forward and backward through an index
BEGIN;
INSERT INTO s VALUES (41, 100, 'x', 41, 100), (42, -1, 'y', 42, -1);
DELETE FROM s WHERE d = 40;
SELECT id, d FROM s ORDER BY d DESC LIMIT 4;
SELECT id, d FROM s WHERE d < 3 ORDER BY d LIMIT 3;
UPDATE s SET d = 200 WHERE d = -1;
SELECT id, d FROM s WHERE d > 39 ORDER BY d DESC LIMIT 5;
ROLLBACK;
SELECT id, d FROM s ORDER BY d DESC LIMIT 4;
RESET enable_seqscan;
RESET enable_bitmapscan;
SET enable_indexscan = off;
SELECT * FROM s WHERE a = 5 ORDER BY id;
RESET enable_indexscan;
SET enable_seqscan = 'maybe';
DROP TABLE s;
