-- GROUP BY ROLLUP / CUBE / GROUPING SETS / (): nested and combined forms,
-- NULLs in the data told apart from grouping NULLs by GROUPING(), HAVING
-- and ORDER BY over them, DISTINCT / FILTER / ORDER BY aggregates inside
-- them, empty input, duplicate sets, windows over them, and errors
CREATE TABLE gs (id int PRIMARY KEY, a text, b int, c date, v int, f float8);
INSERT INTO gs VALUES
  (1, 'x', 1, '2024-01-01', 10, 0.5),
  (2, 'x', 1, '2024-01-02', 20, 1.5),
  (3, 'x', 2, '2024-01-01', 30, NULL),
  (4, 'y', 1, '2024-01-01', 40, 2),
  (5, 'y', NULL, '2024-01-02', 50, 4),
  (6, NULL, 2, NULL, 60, 8),
  (7, NULL, NULL, '2024-01-01', NULL, 16),
  (8, 'y', 1, '2024-01-01', 5, 32);
CREATE TABLE gs_empty (a text, b int, v int);

-- ROLLUP
SELECT a, b, sum(v), count(*) FROM gs GROUP BY ROLLUP (a, b) ORDER BY a, b, grouping(a, b);
SELECT a, b, sum(v), grouping(a), grouping(b), grouping(a, b) FROM gs GROUP BY ROLLUP (a, b) ORDER BY grouping(a, b), a, b;
SELECT a, b, c, count(*), grouping(a, b, c) FROM gs GROUP BY ROLLUP (a, (b, c)) ORDER BY 5, 1, 2, 3;
SELECT a, count(*) FROM gs GROUP BY ROLLUP (a) ORDER BY a NULLS FIRST, grouping(a);
-- CUBE
SELECT a, b, sum(v), grouping(a, b) AS g FROM gs GROUP BY CUBE (a, b) ORDER BY g, a, b;
SELECT a, c, count(*) FROM gs GROUP BY CUBE (a, c) ORDER BY grouping(a, c) DESC, a, c;
-- GROUPING SETS, (), nesting, combinations
SELECT a, b, sum(v) FROM gs GROUP BY GROUPING SETS ((a), (b), ()) ORDER BY a, b, grouping(a, b);
SELECT a, b, sum(v) FROM gs GROUP BY GROUPING SETS (a, b) ORDER BY a, b, grouping(a, b);
SELECT a, b, c, count(*) FROM gs GROUP BY a, ROLLUP (b, c) ORDER BY a, b, c, grouping(b, c);
SELECT a, b, count(*), grouping(a, b) FROM gs GROUP BY ROLLUP (a), CUBE (b) ORDER BY 4, a, b;
SELECT a, b, count(*) FROM gs GROUP BY GROUPING SETS (ROLLUP (a, b), (b), ()) ORDER BY grouping(a, b), a, b;
SELECT a, b, count(*) FROM gs GROUP BY GROUPING SETS (GROUPING SETS ((a), (b)), CUBE (a)) ORDER BY a, b, grouping(a, b);
SELECT a, count(*) FROM gs GROUP BY GROUPING SETS ((a), (a), ()) ORDER BY a, count(*);
SELECT count(*), sum(v) FROM gs GROUP BY ();
SELECT count(*), sum(v) FROM gs GROUP BY GROUPING SETS (());
SELECT count(*), grouping(a) FROM gs GROUP BY ROLLUP (a) HAVING grouping(a) = 1;
-- NULLs in the data against grouping NULLs
SELECT a, b, grouping(a) AS ga, grouping(b) AS gb, count(*) FROM gs GROUP BY CUBE (a, b) HAVING a IS NULL OR b IS NULL ORDER BY ga, gb, a, b;
SELECT CASE WHEN grouping(a) = 1 THEN 'all' ELSE coalesce(a, '(null)') END AS a_label, sum(v) FROM gs GROUP BY ROLLUP (a) ORDER BY a_label;
-- HAVING and ORDER BY
SELECT a, b, sum(v) FROM gs GROUP BY ROLLUP (a, b) HAVING sum(v) > 40 ORDER BY sum(v) DESC, a, b, grouping(a, b);
SELECT a, sum(v) FROM gs GROUP BY ROLLUP (a) HAVING a IS NOT NULL ORDER BY a;
SELECT a, b, sum(v) FROM gs GROUP BY ROLLUP (a, b) ORDER BY grouping(a), grouping(b), sum(v) DESC NULLS LAST, a, b;
-- expressions, positions and output names as keys
SELECT upper(a), b + 1 AS b1, count(*) FROM gs GROUP BY ROLLUP (upper(a), b + 1) ORDER BY 1, 2, grouping(upper(a), b + 1), 3;
SELECT a AS k, count(*) FROM gs GROUP BY ROLLUP (k) ORDER BY k, 2;
SELECT a, b, count(*) FROM gs GROUP BY CUBE (1, 2) ORDER BY 1, 2, grouping(a, b), 3;
SELECT a, b + 0, grouping(b) FROM gs GROUP BY ROLLUP (a, b) ORDER BY 1, 2, 3, grouping(a);
-- aggregates with DISTINCT, FILTER, ORDER BY inside grouping sets
SELECT a, count(DISTINCT b), sum(v) FILTER (WHERE v > 10), string_agg(id::text, ',' ORDER BY id DESC), avg(f) FROM gs GROUP BY ROLLUP (a) ORDER BY a, grouping(a);
SELECT b, count(DISTINCT a), max(c), bool_or(v > 30), array_agg(id ORDER BY id) FROM gs GROUP BY GROUPING SETS (b, ()) ORDER BY b, grouping(b);
SELECT a, b, variance(v), percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM gs GROUP BY ROLLUP (a, b) ORDER BY a, b, grouping(a, b);
-- empty input: only the empty set gives a row
SELECT a, b, count(*), sum(v) FROM gs_empty GROUP BY ROLLUP (a, b);
SELECT a, count(*) FROM gs_empty GROUP BY CUBE (a);
SELECT a, count(*) FROM gs_empty GROUP BY GROUPING SETS ((a));
SELECT count(*) FROM gs WHERE false GROUP BY ();
SELECT count(*) FROM gs_empty GROUP BY ROLLUP (a) HAVING count(*) > 0;
-- one row
SELECT a, b, sum(v), grouping(a, b) FROM gs WHERE id = 1 GROUP BY CUBE (a, b) ORDER BY 4, 1, 2;
-- windows and subqueries over grouping sets
SELECT a, sum(v), rank() OVER (ORDER BY sum(v) DESC) FROM gs GROUP BY ROLLUP (a) ORDER BY a, grouping(a);
SELECT * FROM (SELECT a, b, count(*) AS n FROM gs GROUP BY CUBE (a, b)) s WHERE n > 2 ORDER BY a, b, n;
SELECT a, (SELECT count(*) FROM gs g2 WHERE g2.a = gs.a) FROM gs GROUP BY ROLLUP (a) ORDER BY a;
-- GROUP BY with DISTINCT output
SELECT DISTINCT grouping(a, b) FROM gs GROUP BY CUBE (a, b) ORDER BY 1;

-- plans
EXPLAIN (COSTS OFF) SELECT a, b, sum(v) FROM gs GROUP BY ROLLUP (a, b);
EXPLAIN (COSTS OFF) SELECT a, b, sum(v) FROM gs GROUP BY CUBE (a, b);
EXPLAIN (COSTS OFF) SELECT a, b, count(*) FROM gs GROUP BY GROUPING SETS ((a), (b));
EXPLAIN (COSTS OFF) SELECT count(*) FROM gs GROUP BY ();

-- plain GROUP BY: GROUPING() is 0
SELECT a, grouping(a), count(*) FROM gs GROUP BY a ORDER BY a;

-- errors
SELECT a, grouping(b) FROM gs GROUP BY ROLLUP (a);
SELECT grouping(a) FROM gs;
SELECT a, grouping(a, a || 'x') FROM gs GROUP BY a;
SELECT a FROM gs WHERE grouping(a) = 0 GROUP BY ROLLUP (a);
SELECT sum(grouping(a)) FROM gs GROUP BY ROLLUP (a);
SELECT a, b FROM gs GROUP BY ROLLUP (a);
SELECT a, v FROM gs GROUP BY CUBE (a, b);
SELECT count(*) FROM gs GROUP BY ROLLUP (sum(v));
SELECT count(*) FROM gs GROUP BY CUBE (a, 9);
SELECT count(*) FROM gs GROUP BY ROLLUP (nosuch);
SELECT count(*) FROM gs GROUP BY GROUPING SETS (a, b) ();
SELECT count(*) FROM gs GROUP BY ROLLUP ();
SELECT count(*) FROM gs GROUP BY CUBE (a, b, c, v, f, id, a, b, c, v, f, id, a);
SELECT count(*) FROM gs GROUP BY CUBE (a, b, c, v, f, id, a, b, c, v, f, id), CUBE (a);
SELECT count(*) FROM gs GROUP BY ROLLUP (a, b, c, v), CUBE (a, b, c, v, f, id, a, b, c, v);

DROP TABLE gs;
DROP TABLE gs_empty;
