-- IN / NOT IN lists and = ANY (ARRAY[...]): NULLs in the list and on the
-- left, duplicates, numeric scales, float zeros, lists shorter and longer
-- than the 9 items from which they are hashed; over a primary key (read by
-- key) and a secondary index's column, in SELECT, FOR UPDATE, UPDATE and
-- DELETE. With sequential and bitmap scans off PostgreSQL reads the index
-- whenever one applies, as Basalt's rules do.
SET enable_seqscan = off;
SET enable_bitmapscan = off;
CREATE TABLE t (id int PRIMARY KEY, v int, n numeric, f float8, s text);
CREATE INDEX t_v ON t (v);
INSERT INTO t SELECT i, i % 7, i / 4.0, (i - 10) * 0.5, 's' || i FROM generate_series(1, 40) i;
INSERT INTO t VALUES (41, NULL, NULL, NULL, NULL), (42, -1, 0.00, -0.0, '');

-- The plans.
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id IN (3, 1, 2, 3);
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id IN (3, 1) AND v > 0;
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id = ANY (ARRAY[5, 6]);
EXPLAIN (COSTS OFF) SELECT * FROM t WHERE id IN (1, 2) FOR UPDATE;
EXPLAIN (COSTS OFF) UPDATE t SET v = v + 1 WHERE id IN (1, 2, 3);
EXPLAIN (COSTS OFF) DELETE FROM t WHERE id IN (1, 2, 3);
EXPLAIN (COSTS OFF) UPDATE t SET n = 0 WHERE v IN (1, 2);
EXPLAIN (COSTS OFF) DELETE FROM t WHERE v IN (1, 2);

-- Primary key lists: duplicates once, NULLs match nothing, missing keys.
SELECT id, v FROM t WHERE id IN (3, 1, 2, 3, 1) ORDER BY id;
SELECT id FROM t WHERE id IN (5, NULL, 7) ORDER BY id;
SELECT id FROM t WHERE id IN (NULL::int);
SELECT id FROM t WHERE id IN (100, 200, 5);
SELECT id FROM t WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 999, NULL, 4, 4) ORDER BY id;
SELECT id, s FROM t WHERE id IN (9, 10, 11) AND s <> 's10' ORDER BY id;
SELECT id FROM t WHERE id = ANY (ARRAY[8, 8, 2, NULL]) ORDER BY id;
SELECT id FROM t WHERE id = ANY ('{4,5,40}'::int[]) ORDER BY id;
SELECT id FROM t WHERE id = ANY (NULL::int[]);
SELECT id FROM t WHERE id IN (2.0, 3) ORDER BY id;
SELECT id FROM t WHERE id IN (2.5, 3) ORDER BY id;
SELECT id FROM t WHERE id::numeric IN (1.0, 2.00, 3.000, 4, 5, 6, 7, 8, 9, 10.5) ORDER BY id;
SELECT count(*) FROM t WHERE id IN (1, 2) OR id IN (2, 3);
SELECT id FROM t WHERE id IN (1, 2, 3) ORDER BY id DESC;
SELECT id FROM t WHERE id IN (1, 2, 3, 4) LIMIT 2;
SELECT id, v FROM t WHERE id IN (5, 6) FOR UPDATE;

-- Secondary index lists.
SELECT id FROM t WHERE v IN (2, 2, NULL) ORDER BY id;
SELECT id FROM t WHERE v IN (0, 1, 2, 3, 4, 5, 6, -1, 0, 99) AND id > 35 ORDER BY id;

-- Values equal in the comparison type: numeric scales, float zeros, text.
SELECT id FROM t WHERE n IN (0, 0.5, 1.00, 1.250) ORDER BY id;
SELECT id FROM t WHERE n IN (0, 0.5, 1.00, 1.250, 2.5000, 3, 3.25, 4.0, 100, 101) ORDER BY id;
SELECT id FROM t WHERE n NOT IN (0, 0.5, 1.00, 1.250, 2.5000, 3, 3.25, 4.0, 100, 101) ORDER BY id;
SELECT id FROM t WHERE f IN (0, -0.0, 1.5) ORDER BY id;
SELECT id FROM t WHERE f IN (0, 1.5, -4.5, 1e10, 2, 3, 4, 5, 6, 7, 8) ORDER BY id;
SELECT id FROM t WHERE f IN ('-0', 'NaN', 10, 11, 12, 13, 14, 15, 15.0) ORDER BY id;
SELECT id FROM t WHERE s IN ('s1', 's2', 'S3', '', 's4 ', 's5', 's6', 's7', 's8', 's9') ORDER BY id;
SELECT id FROM t WHERE s IN ('s1', '', 'x') ORDER BY id;

-- NULL results: a NULL in the list and no match, or a NULL on the left.
SELECT x, x IN (1, 2, NULL) AS short_in, x NOT IN (1, 2, NULL) AS short_not_in,
       x IN (1, 2, 3, 4, 5, 6, 7, 8, 9, NULL) AS long_in,
       x NOT IN (1, 2, 3, 4, 5, 6, 7, 8, 9, NULL) AS long_not_in,
       x IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS long_in_no_null,
       x NOT IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS long_not_in_no_null
FROM (VALUES (1), (9), (11), (NULL)) AS v (x) ORDER BY x;
SELECT count(*) FROM t WHERE v NOT IN (1, 2, 3, 4, 5, 6, 7, 8, NULL);
SELECT count(*) FROM t WHERE v NOT IN (1, 2, 3, 4, 5, 6, 7, 8, 9);
SELECT count(*) FROM t WHERE v NOT IN (1, 2);
SELECT count(*) FROM t WHERE v IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
SELECT count(*) FROM t WHERE NOT (v IN (1, 2, 3, 4, 5, 6, 7, 8, 9, NULL));
SELECT v, count(*) FROM t WHERE v + 0 IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19) GROUP BY v ORDER BY v;
SELECT 'a'::varchar(3) IN ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j') AS varchar_in;
SELECT DATE '2024-01-02' IN ('2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05',
       '2024-01-06', '2024-01-07', '2024-01-08', '2024-01-09') AS date_in;
SELECT 2::bigint IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS bigint_in,
       2.0::float4 IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS real_in,
       2.5 IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 2.50) AS numeric_in;

-- Prepared: the list built once, run twice.
PREPARE p (int) AS SELECT id FROM t WHERE id IN ($1, 1, 2, 3) ORDER BY id;
EXECUTE p (40);
EXECUTE p (NULL);
PREPARE q (int) AS SELECT $1 IN (1, 2, 3, 4, 5, 6, 7, 8, 9, NULL) AS r;
EXECUTE q (3);
EXECUTE q (30);
PREPARE r (int[]) AS SELECT id FROM t WHERE id = ANY ($1) ORDER BY id;
EXECUTE r ('{1,3,3,NULL,50}');
DEALLOCATE p;
DEALLOCATE q;
DEALLOCATE r;

-- UPDATE and DELETE by lists.
UPDATE t SET v = v + 100 WHERE id IN (1, 2, 2, NULL, 3, 1000);
SELECT id, v FROM t WHERE v >= 100 ORDER BY id;
UPDATE t SET v = v + 100 WHERE id IN (4, 5, 6, 7, 8, 9, 10, 11, 12, 4, NULL) AND v < 5;
SELECT id, v FROM t WHERE v >= 100 ORDER BY id;
UPDATE t SET v = -v WHERE id = ANY (ARRAY[13, 14, 13]) RETURNING id, v;
UPDATE t SET s = s || '!' WHERE v IN (5, 5, NULL);
SELECT id, s FROM t WHERE s LIKE '%!' ORDER BY id;
UPDATE t SET id = id + 1000 WHERE id IN (39, 40);
SELECT id FROM t WHERE id > 38 ORDER BY id;
DELETE FROM t WHERE id IN (1, 1, 2, NULL, 500) RETURNING id;
DELETE FROM t WHERE id IN (15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25) AND v <> 1;
SELECT id FROM t WHERE id BETWEEN 14 AND 26 ORDER BY id;
DELETE FROM t WHERE v IN (3, 3, 4, NULL);
SELECT id, v FROM t ORDER BY id;
DELETE FROM t WHERE v NOT IN (1, 2, 3, 4, 5, 6, 7, 8, 9, NULL);
SELECT count(*) FROM t;
DELETE FROM t WHERE v NOT IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
SELECT id, v FROM t ORDER BY id;

-- A composite key: equality on its first column, a list on its last.
CREATE TABLE c (a int, b text, x int, PRIMARY KEY (a, b));
INSERT INTO c SELECT i % 3, 'k' || (i % 5), i FROM generate_series(1, 15) i;
EXPLAIN (COSTS OFF) SELECT * FROM c WHERE a = 1 AND b IN ('k1', 'k4', 'k1');
SELECT * FROM c WHERE a = 1 AND b IN ('k1', 'k4', 'k1') ORDER BY b;
SELECT * FROM c WHERE b IN ('k1', 'k2') ORDER BY a, b;
UPDATE c SET x = x * 10 WHERE a = 2 AND b IN ('k0', 'k2', NULL);
DELETE FROM c WHERE a = 0 AND b = ANY (ARRAY['k0', 'k3']);
SELECT * FROM c ORDER BY a, b;
DROP TABLE c;
DROP TABLE t;
