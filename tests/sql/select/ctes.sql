-- WITH: plain, several, referenced several times, column lists,
-- MATERIALIZED / NOT MATERIALIZED, WITH RECURSIVE (UNION and UNION ALL).
CREATE TABLE edges (src int, dst int);
INSERT INTO edges VALUES (1, 2), (2, 3), (3, 4), (4, 2), (5, 6);

WITH x AS (SELECT 1 AS a, 'p' AS b) SELECT * FROM x;
WITH x (n) AS (SELECT 1), y AS (SELECT n + 1 AS m FROM x) SELECT * FROM x, y;
WITH x AS (SELECT src FROM edges) SELECT count(*) FROM x x1 JOIN x x2 ON x1.src = x2.src;
WITH x AS MATERIALIZED (SELECT 2 AS v), y AS NOT MATERIALIZED (SELECT 3 AS v) SELECT * FROM x UNION ALL SELECT * FROM y ORDER BY 1;
WITH x AS (SELECT dst FROM edges WHERE src = 1) SELECT * FROM edges WHERE src IN (SELECT dst FROM x);
SELECT (WITH x AS (SELECT 7) SELECT * FROM x);
SELECT * FROM (WITH x AS (SELECT 8 AS v) SELECT v FROM x) s;
WITH x AS (SELECT 1 AS v) SELECT * FROM (WITH x AS (SELECT 2 AS v) SELECT v FROM x) s, x;
-- recursive
WITH RECURSIVE t (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t;
WITH RECURSIVE t (n) AS (SELECT 1 UNION SELECT n % 3 + 1 FROM t) SELECT * FROM t ORDER BY n;
WITH RECURSIVE reach (node) AS (
  SELECT 1 UNION SELECT e.dst FROM edges e JOIN reach r ON e.src = r.node)
SELECT node FROM reach ORDER BY node;
WITH RECURSIVE paths (node, depth) AS (
  SELECT 1, 0 UNION ALL SELECT e.dst, p.depth + 1 FROM edges e, paths p WHERE e.src = p.node AND p.depth < 5)
SELECT node, depth FROM paths ORDER BY depth, node;
WITH RECURSIVE fib (a, b) AS (SELECT 0::bigint, 1::bigint UNION ALL SELECT b, a + b FROM fib WHERE b < 100)
SELECT a FROM fib;
WITH RECURSIVE t (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3), u AS (SELECT n * 10 AS m FROM t)
SELECT * FROM t JOIN u ON u.m = t.n * 10 ORDER BY n;
WITH RECURSIVE t (n) AS (SELECT 1 UNION ALL SELECT 2) SELECT * FROM t;
-- errors
WITH x AS (SELECT 1), x AS (SELECT 2) SELECT 1;
WITH x (a, b) AS (SELECT 1) SELECT 1;
WITH x AS (SELECT nope) SELECT 1;
WITH RECURSIVE t (n) AS (SELECT 1 UNION ALL SELECT n + 1.5 FROM t WHERE n < 5) SELECT * FROM t;
WITH x AS (SELECT * FROM y), y AS (SELECT 1) SELECT * FROM x;
DROP TABLE edges;
