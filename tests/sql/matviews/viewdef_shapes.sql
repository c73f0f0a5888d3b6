-- pg_get_viewdef (plain and pretty), pg_views / pg_matviews.definition and
-- psql's \d+ over the query shapes ruleutils prints in forms of their own:
-- WITH [RECURSIVE] (column lists, [NOT] MATERIALIZED, a CTE read twice, an
-- unused one), LATERAL subqueries and functions, window functions (OVER
-- (...), WINDOW clauses, OVER w, OVER (w ORDER BY ...), frames, EXCLUDE,
-- FILTER), GROUP BY ROLLUP / CUBE / GROUPING SETS / () with GROUPING(),
-- FETCH FIRST ... WITH TIES, a set operation's ORDER BY / LIMIT, IN lists
-- of columns, WITHIN GROUP, casts as ORDER BY / GROUP BY keys,
-- set-returning functions in the target list and a row IN a subquery.
CREATE TABLE vd_t (a int, b int, c text);
CREATE TABLE vd_u (a int, d int);
INSERT INTO vd_t VALUES (1, 10, 'x'), (1, 20, 'y'), (2, 30, 'x'), (3, NULL, 'z');
INSERT INTO vd_u VALUES (1, 5), (2, 6), (2, 7);

-- WITH
CREATE VIEW vd_cte AS
  WITH x AS (SELECT a, b FROM vd_t), y(k) AS MATERIALIZED (SELECT a FROM vd_u)
  SELECT x.a, y.k FROM x JOIN y ON x.a = y.k;
CREATE VIEW vd_cte_twice AS
  WITH x AS NOT MATERIALIZED (SELECT a FROM vd_t WHERE b > 1)
  SELECT x1.a FROM x x1, x x2 WHERE x1.a = x2.a;
CREATE VIEW vd_cte_unused AS
  WITH x(p, q) AS (SELECT a, b FROM vd_t), unused AS (SELECT 1)
  SELECT x.p, y.q FROM x, x y(r, q);
CREATE VIEW vd_cte_nested AS
  SELECT * FROM (WITH q AS (SELECT 1 AS one) SELECT one FROM q) z;
CREATE VIEW vd_recursive AS
  WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10)
  SELECT n FROM r;
CREATE VIEW vd_recursive_union AS
  WITH RECURSIVE r AS (SELECT a, b FROM vd_t UNION SELECT r.a + 1, r.b FROM r JOIN vd_u ON vd_u.a = r.a),
  s AS (SELECT * FROM r)
  SELECT * FROM s;
SELECT pg_get_viewdef('vd_cte'::regclass);
SELECT pg_get_viewdef('vd_cte'::regclass, true);
SELECT pg_get_viewdef('vd_cte_twice'::regclass);
SELECT pg_get_viewdef('vd_cte_twice'::regclass, true);
SELECT pg_get_viewdef('vd_cte_unused'::regclass);
SELECT pg_get_viewdef('vd_cte_nested'::regclass, true);
SELECT pg_get_viewdef('vd_recursive'::regclass);
SELECT pg_get_viewdef('vd_recursive'::regclass, true);
SELECT pg_get_viewdef('vd_recursive_union'::regclass);
SELECT pg_get_viewdef('vd_recursive_union'::regclass, true);
SELECT * FROM vd_recursive ORDER BY n LIMIT 3;
\d+ vd_cte

-- LATERAL
CREATE VIEW vd_lateral AS
  SELECT vd_t.a, x.s FROM vd_t, LATERAL (SELECT sum(vd_u.d) AS s FROM vd_u WHERE vd_u.a = vd_t.a) x;
CREATE VIEW vd_lateral_function AS
  SELECT vd_t.a, g FROM vd_t CROSS JOIN LATERAL generate_series(1, vd_t.a) g;
CREATE VIEW vd_lateral_left AS
  SELECT vd_t.a, x.d FROM vd_t LEFT JOIN LATERAL (SELECT vd_u.d FROM vd_u WHERE vd_u.a = vd_t.a) x ON true;
CREATE VIEW vd_lateral_mixed AS
  SELECT vd_t.a, g.n FROM vd_t, LATERAL (SELECT 1 AS one) x, generate_series(1, 3) g(n), generate_series(vd_t.a, 2) h;
SELECT pg_get_viewdef('vd_lateral'::regclass);
SELECT pg_get_viewdef('vd_lateral'::regclass, true);
SELECT pg_get_viewdef('vd_lateral_function'::regclass);
SELECT pg_get_viewdef('vd_lateral_function'::regclass, true);
SELECT pg_get_viewdef('vd_lateral_left'::regclass);
SELECT pg_get_viewdef('vd_lateral_left'::regclass, true);
SELECT pg_get_viewdef('vd_lateral_mixed'::regclass);
\d+ vd_lateral_left

-- window functions
CREATE VIEW vd_window AS
  SELECT a, sum(b) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES) AS s,
         row_number() OVER () FROM vd_t;
CREATE VIEW vd_window_named AS
  SELECT a, sum(b) OVER w, rank() OVER (w ORDER BY b), count(*) FILTER (WHERE b > 1) OVER w AS cnt
  FROM vd_t WINDOW w AS (PARTITION BY a), w2 AS (ORDER BY a);
CREATE VIEW vd_window_frames AS
  SELECT a, avg(b) OVER (ORDER BY a RANGE BETWEEN 2 PRECEDING AND 3 FOLLOWING),
         sum(b) OVER (ORDER BY a, b GROUPS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW),
         min(b) OVER (ORDER BY a ROWS UNBOUNDED PRECEDING EXCLUDE GROUP),
         lag(b, 1) OVER (ORDER BY a DESC NULLS LAST)
  FROM vd_t;
CREATE VIEW vd_window_inherit AS
  SELECT a, sum(b) OVER (w ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), max(b) OVER (w3)
  FROM vd_t WINDOW w AS (ORDER BY a), w3 AS (w);
CREATE VIEW vd_window_order AS
  SELECT a, sum(b) OVER (ORDER BY a RANGE UNBOUNDED PRECEDING), first_value(b) OVER (ORDER BY (a + 1) DESC)
  FROM vd_t ORDER BY sum(b) OVER (ORDER BY a RANGE UNBOUNDED PRECEDING);
CREATE VIEW vd_window_grouped AS
  SELECT a, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) FROM vd_t GROUP BY a;
SELECT pg_get_viewdef('vd_window'::regclass);
SELECT pg_get_viewdef('vd_window'::regclass, true);
SELECT pg_get_viewdef('vd_window_named'::regclass);
SELECT pg_get_viewdef('vd_window_named'::regclass, true);
SELECT pg_get_viewdef('vd_window_frames'::regclass);
SELECT pg_get_viewdef('vd_window_frames'::regclass, true);
SELECT pg_get_viewdef('vd_window_inherit'::regclass);
SELECT pg_get_viewdef('vd_window_order'::regclass);
SELECT pg_get_viewdef('vd_window_order'::regclass, true);
SELECT pg_get_viewdef('vd_window_grouped'::regclass, true);
\d+ vd_window_named

-- grouping sets
CREATE VIEW vd_rollup AS
  SELECT a, b, count(*), grouping(a, b) FROM vd_t GROUP BY ROLLUP(a, b);
CREATE VIEW vd_cube AS SELECT a, b, count(*) FROM vd_t GROUP BY CUBE(a, b);
CREATE VIEW vd_sets AS
  SELECT a, b, c, count(*) FROM vd_t GROUP BY GROUPING SETS ((a, b), (c), ());
CREATE VIEW vd_sets_mixed AS
  SELECT a, b, count(*) FROM vd_t GROUP BY a, ROLLUP(b, (a, b)), ();
CREATE VIEW vd_sets_nested AS
  SELECT a, b, count(*) FROM vd_t
  GROUP BY GROUPING SETS (a, (b), ROLLUP(a, b), GROUPING SETS ((a), ())), CUBE((a, b), c);
CREATE VIEW vd_empty_set AS SELECT count(*) FROM vd_t GROUP BY ();
SELECT pg_get_viewdef('vd_rollup'::regclass);
SELECT pg_get_viewdef('vd_rollup'::regclass, true);
SELECT pg_get_viewdef('vd_cube'::regclass);
SELECT pg_get_viewdef('vd_sets'::regclass);
SELECT pg_get_viewdef('vd_sets'::regclass, true);
SELECT pg_get_viewdef('vd_sets_mixed'::regclass);
SELECT pg_get_viewdef('vd_sets_nested'::regclass);
SELECT pg_get_viewdef('vd_empty_set'::regclass);
\d+ vd_rollup

-- FETCH FIRST ... WITH TIES
CREATE VIEW vd_ties AS SELECT a, b FROM vd_t ORDER BY a FETCH FIRST 2 ROWS WITH TIES;
CREATE VIEW vd_ties_offset AS
  SELECT a, b FROM vd_t ORDER BY a, b OFFSET 1 ROWS FETCH NEXT 3 ROWS WITH TIES;
CREATE VIEW vd_ties_expression AS SELECT a FROM vd_t ORDER BY a FETCH FIRST (1 + 1) ROWS WITH TIES;
CREATE VIEW vd_fetch_only AS SELECT a FROM vd_t ORDER BY a FETCH FIRST 3 ROWS ONLY;
SELECT pg_get_viewdef('vd_ties'::regclass);
SELECT pg_get_viewdef('vd_ties'::regclass, true);
SELECT pg_get_viewdef('vd_ties_offset'::regclass);
SELECT pg_get_viewdef('vd_ties_expression'::regclass);
SELECT pg_get_viewdef('vd_ties_expression'::regclass, true);
SELECT pg_get_viewdef('vd_fetch_only'::regclass);
\d+ vd_ties

-- a set operation's ORDER BY (by column number), LIMIT and inputs with their own
CREATE VIEW vd_union_order AS
  SELECT a FROM vd_t UNION SELECT a FROM vd_u ORDER BY 1 DESC LIMIT 2;
CREATE VIEW vd_union_inputs AS
  (SELECT a FROM vd_t ORDER BY a LIMIT 1) UNION ALL (SELECT d FROM vd_u LIMIT 3) ORDER BY 1 OFFSET 1;
CREATE VIEW vd_intersect_ties AS
  SELECT a, b FROM vd_t INTERSECT SELECT a, d FROM vd_u ORDER BY 2, 1 FETCH FIRST 1 ROWS WITH TIES;
CREATE VIEW vd_union_in_from AS
  SELECT * FROM (SELECT a FROM vd_t UNION SELECT d FROM vd_u ORDER BY 1) s;
SELECT pg_get_viewdef('vd_union_order'::regclass);
SELECT pg_get_viewdef('vd_union_inputs'::regclass);
SELECT pg_get_viewdef('vd_intersect_ties'::regclass, true);
SELECT pg_get_viewdef('vd_union_in_from'::regclass, true);

-- IN lists with column items (comparisons ORed after an ANY array of the
-- others), ordered-set aggregates, casts in ORDER BY / GROUP BY
CREATE VIEW vd_in_lists AS
  SELECT a, c IN ('p', c) AS y FROM vd_t
  WHERE (a IN (b, 1, 2, a + 1) AND b > 0) OR a NOT IN (b, 1, 2) OR a IN (b, 3);
CREATE VIEW vd_within_group AS
  SELECT c, mode() WITHIN GROUP (ORDER BY a),
         percentile_disc(0.5) WITHIN GROUP (ORDER BY b DESC),
         percentile_cont(0.25) WITHIN GROUP (ORDER BY a) FILTER (WHERE b > 0)
  FROM vd_t GROUP BY c;
CREATE VIEW vd_cast_keys AS
  SELECT a::bigint, count(*) FROM vd_t GROUP BY a::bigint ORDER BY a::bigint;
CREATE VIEW vd_cast_order AS
  SELECT a FROM vd_t ORDER BY a::float8, a::numeric(5,1) DESC, c::varchar, a::text;
SELECT pg_get_viewdef('vd_in_lists'::regclass);
SELECT pg_get_viewdef('vd_in_lists'::regclass, true);
SELECT pg_get_viewdef('vd_within_group'::regclass);
SELECT pg_get_viewdef('vd_within_group'::regclass, true);
SELECT pg_get_viewdef('vd_cast_keys'::regclass);
SELECT pg_get_viewdef('vd_cast_keys'::regclass, true);
SELECT pg_get_viewdef('vd_cast_order'::regclass);
SELECT pg_get_viewdef('vd_cast_order'::regclass, true);

-- set-returning functions in the target list, a row IN a subquery
CREATE VIEW vd_target_functions AS
  SELECT a, generate_series(1, a), unnest(ARRAY[1, 2]) + 1 AS u FROM vd_t;
CREATE VIEW vd_row_in AS
  SELECT a FROM vd_t WHERE (a, b) IN (SELECT a, d FROM vd_u) AND (a, b) NOT IN (SELECT d, a FROM vd_u);
SELECT pg_get_viewdef('vd_target_functions'::regclass);
SELECT pg_get_viewdef('vd_target_functions'::regclass, true);
SELECT pg_get_viewdef('vd_row_in'::regclass);
SELECT pg_get_viewdef('vd_row_in'::regclass, true);

SELECT viewname, definition FROM pg_views WHERE viewname IN ('vd_recursive', 'vd_lateral_function', 'vd_window', 'vd_cube', 'vd_ties') ORDER BY viewname;

-- the same shapes as materialized views
CREATE MATERIALIZED VIEW vd_m_cte AS
  WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3),
  x AS MATERIALIZED (SELECT a FROM vd_t)
  SELECT r.n, x.a FROM r JOIN x ON x.a = r.n;
CREATE MATERIALIZED VIEW vd_m_lateral AS
  SELECT vd_t.a, x.d FROM vd_t, LATERAL (SELECT max(vd_u.d) AS d FROM vd_u WHERE vd_u.a = vd_t.a) x;
CREATE MATERIALIZED VIEW vd_m_window AS
  SELECT a, b, sum(b) OVER w AS running, rank() OVER (w ORDER BY b DESC) AS r
  FROM vd_t WINDOW w AS (PARTITION BY a);
CREATE MATERIALIZED VIEW vd_m_grouping AS
  SELECT a, c, count(*) AS n, grouping(a, c) AS g FROM vd_t GROUP BY CUBE(a, c);
CREATE MATERIALIZED VIEW vd_m_ties AS
  SELECT a, b FROM vd_t ORDER BY a FETCH FIRST 1 ROW WITH TIES;
SELECT matviewname, definition FROM pg_matviews WHERE matviewname LIKE 'vd\_m\_%' ORDER BY matviewname;
SELECT pg_get_viewdef('vd_m_cte'::regclass, true);
SELECT pg_get_viewdef('vd_m_window'::regclass, true);
SELECT pg_get_viewdef('vd_m_grouping'::regclass);
\d+ vd_m_window
SELECT * FROM vd_m_cte ORDER BY n, a;
SELECT * FROM vd_m_ties ORDER BY b;

DROP MATERIALIZED VIEW vd_m_cte, vd_m_lateral, vd_m_window, vd_m_grouping, vd_m_ties;
DROP VIEW vd_cte, vd_cte_twice, vd_cte_unused, vd_cte_nested, vd_recursive, vd_recursive_union;
DROP VIEW vd_lateral, vd_lateral_function, vd_lateral_left, vd_lateral_mixed;
DROP VIEW vd_window, vd_window_named, vd_window_frames, vd_window_inherit, vd_window_order, vd_window_grouped;
DROP VIEW vd_rollup, vd_cube, vd_sets, vd_sets_mixed, vd_sets_nested, vd_empty_set;
DROP VIEW vd_ties, vd_ties_offset, vd_ties_expression, vd_fetch_only;
DROP VIEW vd_union_order, vd_union_inputs, vd_intersect_ties, vd_union_in_from;
DROP VIEW vd_in_lists, vd_within_group, vd_cast_keys, vd_cast_order;
DROP VIEW vd_target_functions, vd_row_in;
DROP TABLE vd_t, vd_u;
