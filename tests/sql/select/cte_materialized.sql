-- WITH queries computed once (CTE Scan) or expanded at each reference, by
-- PostgreSQL's rule: MATERIALIZED, more than one reference (unless NOT
-- MATERIALIZED), WITH RECURSIVE, or a volatile function computes the query
-- once; a query reading an enclosing query's values runs per outer row.
CREATE TABLE t (a int, b int);
INSERT INTO t VALUES (1, 10), (2, 20), (3, 30), (NULL, 40);
CREATE SEQUENCE cte_seq;

-- A volatile query read twice gives the same rows to both references.
WITH r AS (SELECT random() AS x) SELECT a.x = b.x AS same FROM r a, r b;
WITH r AS NOT MATERIALIZED (SELECT random() AS x) SELECT a.x = b.x AS same FROM r a, r b;
WITH s AS (SELECT nextval('cte_seq') AS v) SELECT a.v, b.v FROM s a, s b;
SELECT nextval('cte_seq');
WITH s AS (SELECT nextval('cte_seq') AS v FROM t) SELECT count(*), count(DISTINCT v) FROM s a;
SELECT currval('cte_seq');

-- Plans: a scan per reference, the query once above them.
EXPLAIN (COSTS OFF) WITH r AS MATERIALIZED (SELECT 1 AS x) SELECT * FROM r;
EXPLAIN (COSTS OFF) WITH r AS (SELECT random() AS x) SELECT * FROM r a, r b;
EXPLAIN (COSTS OFF) WITH c AS (SELECT a FROM t) SELECT * FROM (SELECT * FROM c) x, c y;
EXPLAIN (COSTS OFF) WITH c AS MATERIALIZED (SELECT a FROM t), d AS MATERIALIZED (SELECT a FROM c)
  SELECT * FROM d;
EXPLAIN (COSTS OFF) WITH d AS MATERIALIZED (SELECT 2 AS v), c AS MATERIALIZED (SELECT 1 AS v)
  SELECT * FROM c, d;
EXPLAIN (COSTS OFF) WITH c AS (SELECT a FROM t) SELECT * FROM c;
-- A scan's own conditions name its columns unqualified, in a join too.
EXPLAIN (COSTS OFF) WITH r AS (SELECT * FROM t WHERE a > 1) SELECT * FROM r x, r y WHERE x.b > 5;
EXPLAIN (COSTS OFF) WITH r AS MATERIALIZED (SELECT * FROM t) SELECT * FROM r WHERE b > 5;
CREATE TABLE t2 (c int, d int);
EXPLAIN (COSTS OFF) SELECT * FROM t JOIN t2 ON a = c WHERE b > 5 AND d < 3;
DROP TABLE t2;
EXPLAIN (COSTS OFF, FORMAT JSON) WITH r AS MATERIALIZED (SELECT 1 AS x) SELECT * FROM r q;

-- The same rows as expanded, NULLs and duplicates included.
WITH c AS (SELECT a, b FROM t) SELECT x.a, y.b FROM c x JOIN c y ON x.a = y.a ORDER BY 1, 2;
WITH c AS MATERIALIZED (SELECT a FROM t UNION ALL SELECT a FROM t)
  SELECT a, count(*) FROM c GROUP BY a ORDER BY a;
WITH c AS MATERIALIZED (SELECT a FROM t) SELECT * FROM c WHERE a > 1 ORDER BY a;
WITH c AS MATERIALIZED (SELECT a FROM t WHERE false) SELECT count(*) FROM c x, c y;
WITH c AS (SELECT a FROM t), d AS (SELECT a FROM c WHERE a IS NOT NULL)
  SELECT (SELECT count(*) FROM c), (SELECT sum(a) FROM d), (SELECT max(a) FROM d);
WITH c AS MATERIALIZED (SELECT a FROM t) SELECT a FROM t WHERE a IN (SELECT a FROM c) ORDER BY a;
WITH c AS MATERIALIZED (SELECT a FROM t) SELECT a FROM t WHERE a = (SELECT max(a) FROM c);
WITH c AS MATERIALIZED (SELECT 1 / 0 AS x) SELECT 'never read';

-- Read only as far as needed.
WITH c AS MATERIALIZED (SELECT g FROM generate_series(1, 1000000) g) SELECT * FROM c LIMIT 3;
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT * FROM n LIMIT 5;
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4)
  SELECT x.i, y.i FROM n x JOIN n y ON y.i = x.i + 1 ORDER BY 1;

-- Inside subqueries: computed once unless it reads the enclosing row.
SELECT a, (WITH c AS MATERIALIZED (SELECT t.a * 2 AS d) SELECT d FROM c) FROM t ORDER BY a;
SELECT a, (WITH c AS MATERIALIZED (SELECT count(*) AS n FROM t) SELECT n FROM c) FROM t ORDER BY a;
SELECT count(DISTINCT r) FROM t, LATERAL (WITH c AS (SELECT random() AS r) SELECT r FROM c) s;
SELECT count(DISTINCT r) FROM t,
  LATERAL (WITH c AS (SELECT random() + t.b * 0 AS r) SELECT r FROM c) s;
SELECT a FROM t WHERE EXISTS (WITH c AS MATERIALIZED (SELECT 2 AS v) SELECT 1 FROM c WHERE v = t.a);

-- In a view, each time the view is read.
CREATE VIEW v AS WITH c AS (SELECT a, b FROM t) SELECT x.a, y.b FROM c x JOIN c y ON x.a = y.a;
SELECT * FROM v ORDER BY a;
SELECT count(*) FROM v v1 JOIN v v2 USING (a);

DROP VIEW v;
DROP TABLE t;
DROP SEQUENCE cte_seq;
