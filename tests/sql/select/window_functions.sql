-- Window functions: ranking, lag/lead, first/last/nth_value, aggregates over
-- windows; PARTITION BY and ORDER BY with NULLs and ties; the WINDOW clause
-- and window inheritance; windows over GROUP BY; result types and names
CREATE TABLE emp (id int PRIMARY KEY, dept text, salary int, bonus numeric(6,2), hired date);
INSERT INTO emp VALUES
  (1, 'dev', 5200, 100.50, '2020-01-05'), (2, 'dev', 4200, NULL, '2019-03-01'),
  (3, 'dev', 4500, 200.00, '2021-07-15'), (4, 'dev', 6000, 50.25, '2018-11-30'),
  (5, 'dev', 5200, 75.00, '2022-02-02'), (6, 'ops', 3500, NULL, '2020-06-01'),
  (7, 'ops', 3900, 10.00, '2017-09-09'), (8, 'sales', 4800, 300.00, '2019-12-12'),
  (9, 'sales', 5000, 0.00, '2016-04-04'), (10, 'sales', 4800, 150.00, '2023-01-01'),
  (11, NULL, 4000, 20.00, '2021-01-01'), (12, NULL, NULL, NULL, '2015-05-05');
-- Ranking functions, with ties and NULLs in both keys
SELECT dept, id, salary,
       row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id),
       rank() OVER (PARTITION BY dept ORDER BY salary DESC),
       dense_rank() OVER (PARTITION BY dept ORDER BY salary DESC),
       percent_rank() OVER (PARTITION BY dept ORDER BY salary DESC),
       cume_dist() OVER (PARTITION BY dept ORDER BY salary DESC)
FROM emp ORDER BY dept, salary DESC, id;
SELECT id, salary, rank() OVER (ORDER BY salary NULLS FIRST), dense_rank() OVER (ORDER BY salary DESC NULLS LAST)
FROM emp ORDER BY id;
SELECT id, rank() OVER (), dense_rank() OVER (), percent_rank() OVER (), cume_dist() OVER () FROM emp ORDER BY id;
-- ntile
SELECT id, ntile(3) OVER (ORDER BY id), ntile(5) OVER (ORDER BY id), ntile(20) OVER (ORDER BY id),
       ntile(2) OVER (PARTITION BY dept ORDER BY id) FROM emp ORDER BY id;
SELECT id, ntile(NULL) OVER (ORDER BY id) FROM emp WHERE id < 4 ORDER BY id;
-- lag and lead, with offsets and defaults
SELECT id, salary, lag(salary) OVER w, lead(salary) OVER w, lag(salary, 2) OVER w, lead(salary, 2, -1) OVER w,
       lag(salary, 0) OVER w, lag(salary, -1) OVER w, lead(salary, NULL) OVER w
FROM emp WINDOW w AS (ORDER BY id) ORDER BY id;
SELECT dept, id, lag(id, 1, 0) OVER (PARTITION BY dept ORDER BY id), lead(dept, 1, 'none') OVER (PARTITION BY dept ORDER BY id)
FROM emp ORDER BY dept, id;
SELECT id, lag(salary, 1, 0.5) OVER (ORDER BY id), lead(bonus, 1, 7) OVER (ORDER BY id) FROM emp WHERE id < 5 ORDER BY id;
SELECT id, lag(id, 100) OVER (ORDER BY id), lead(id, 100, 99) OVER (ORDER BY id) FROM emp WHERE id < 3 ORDER BY id;
SELECT id, lag('a', 1, 'b') OVER (ORDER BY id), lead('a'::varchar, 1, 'b') OVER (ORDER BY id) FROM emp WHERE id < 3 ORDER BY id;
-- first_value, last_value, nth_value over the default frame and a whole partition
SELECT dept, id, salary,
       first_value(salary) OVER (PARTITION BY dept ORDER BY salary, id),
       last_value(salary) OVER (PARTITION BY dept ORDER BY salary),
       nth_value(id, 2) OVER (PARTITION BY dept ORDER BY salary, id),
       last_value(id) OVER (PARTITION BY dept ORDER BY salary, id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
       nth_value(id, 3) OVER (PARTITION BY dept ORDER BY id RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
FROM emp ORDER BY dept, salary, id;
SELECT id, nth_value(salary, NULL) OVER (ORDER BY id), first_value(dept) OVER (ORDER BY id DESC) FROM emp WHERE id < 4 ORDER BY id;
-- Aggregates as window functions: running (default frame, peers included), whole partition, no ORDER BY
SELECT dept, id, salary,
       sum(salary) OVER (PARTITION BY dept ORDER BY salary),
       count(*) OVER (PARTITION BY dept ORDER BY salary),
       count(bonus) OVER (PARTITION BY dept),
       avg(salary) OVER (PARTITION BY dept),
       min(salary) OVER (ORDER BY id), max(salary) OVER (ORDER BY id DESC)
FROM emp ORDER BY dept, salary, id;
SELECT id, sum(bonus) OVER (ORDER BY id), avg(bonus) OVER (ORDER BY id), sum(salary::float8) OVER (ORDER BY id),
       avg(salary::float4) OVER (ORDER BY id), sum(salary::int8) OVER (ORDER BY id) FROM emp ORDER BY id;
SELECT id, string_agg(dept, ',') OVER (ORDER BY id), array_agg(id) OVER (PARTITION BY dept ORDER BY id DESC),
       bool_and(salary > 4000) OVER (ORDER BY id), bool_or(salary > 5500) OVER (ORDER BY id), every(salary > 0) OVER ()
FROM emp ORDER BY id;
SELECT id, count(*) FILTER (WHERE salary > 4500) OVER (ORDER BY id),
       sum(salary) FILTER (WHERE dept = 'dev') OVER (PARTITION BY hired > '2020-01-01'),
       max(dept) FILTER (WHERE bonus IS NULL) OVER ()
FROM emp ORDER BY id;
SELECT id, min(hired) OVER (ORDER BY id), max(dept) OVER (ORDER BY id), count(*) OVER () FROM emp ORDER BY id;
-- ORDER BY on an expression, several windows in one SELECT, the same window twice
SELECT id, salary, row_number() OVER (ORDER BY salary % 1000, id), sum(id) OVER (ORDER BY salary % 1000),
       rank() OVER (PARTITION BY salary > 4500 ORDER BY id DESC), row_number() OVER (ORDER BY salary % 1000, id)
FROM emp ORDER BY id;
-- WINDOW clause, inheritance and OVER name
SELECT id, sum(salary) OVER w, row_number() OVER w, rank() OVER (w ORDER BY salary), count(*) OVER (w)
FROM emp WINDOW w AS (PARTITION BY dept) ORDER BY id;
SELECT id, sum(id) OVER w2, first_value(id) OVER w3
FROM emp WINDOW w1 AS (PARTITION BY dept), w2 AS (w1 ORDER BY id), w3 AS (w2 ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING)
ORDER BY id;
SELECT id, count(*) OVER w FROM emp WINDOW w AS (ORDER BY id ROWS 2 PRECEDING), unused AS (ORDER BY dept) ORDER BY id;
-- Window functions in ORDER BY and in expressions
SELECT id, dept FROM emp ORDER BY row_number() OVER (PARTITION BY dept ORDER BY id DESC), id;
SELECT id, salary - avg(salary) OVER (PARTITION BY dept) AS diff, 100 * rank() OVER (ORDER BY id) + 1 AS r
FROM emp ORDER BY id;
SELECT id, row_number() OVER (ORDER BY id) AS rn FROM emp ORDER BY rn DESC LIMIT 3;
SELECT DISTINCT dept, count(*) OVER (PARTITION BY dept) FROM emp ORDER BY 1, 2;
SELECT DISTINCT ON (dept) dept, id, row_number() OVER (PARTITION BY dept ORDER BY salary DESC NULLS LAST, id)
FROM emp ORDER BY dept, id;
-- Windows over GROUP BY results
SELECT dept, sum(salary), sum(sum(salary)) OVER (), rank() OVER (ORDER BY sum(salary) DESC),
       count(*) * 100 / sum(count(*)) OVER () AS pct
FROM emp GROUP BY dept ORDER BY dept;
SELECT dept, count(*), row_number() OVER (ORDER BY count(*), dept), lag(dept) OVER (ORDER BY dept)
FROM emp GROUP BY dept HAVING count(*) > 1 ORDER BY dept;
SELECT sum(salary), count(*) OVER (), row_number() OVER () FROM emp;
SELECT salary / 1000 AS k, avg(salary), sum(avg(salary)) OVER (ORDER BY salary / 1000 ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
FROM emp GROUP BY salary / 1000 ORDER BY k;
-- Empty inputs and partitions, a query without FROM, subqueries
SELECT id, row_number() OVER (), sum(salary) OVER (ORDER BY id) FROM emp WHERE false;
SELECT row_number() OVER (), rank() OVER (ORDER BY 1), count(*) OVER ();
SELECT * FROM (SELECT id, dept, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS rn FROM emp) s
WHERE rn = 1 ORDER BY dept;
SELECT id, (SELECT count(*) FROM emp e2 WHERE e2.dept = e.dept), max(id) OVER (PARTITION BY dept)
FROM emp e ORDER BY id;
SELECT id, sum(id) OVER (ORDER BY id) FROM emp WHERE id IN (SELECT max(id) OVER () FROM emp) ORDER BY id;
-- Parameters, cursors, joins, set operations
PREPARE wp(int) AS SELECT id, sum(id) OVER (ORDER BY id ROWS $1 PRECEDING), lag(id, $1) OVER (ORDER BY id) FROM emp ORDER BY id;
EXECUTE wp(1);
EXECUTE wp(-1);
PREPARE wq AS SELECT id, ntile($1) OVER (ORDER BY id) FROM emp ORDER BY id;
EXECUTE wq(5);
DEALLOCATE wp;
DEALLOCATE wq;
BEGIN;
DECLARE wc CURSOR FOR SELECT id, rank() OVER (ORDER BY dept) FROM emp ORDER BY id;
FETCH 3 FROM wc;
FETCH 2 FROM wc;
COMMIT;
SELECT e1.id, e2.id, row_number() OVER (PARTITION BY e1.id ORDER BY e2.id DESC)
FROM emp e1 JOIN emp e2 ON e1.dept = e2.dept WHERE e1.id < 4 ORDER BY 1, 2;
SELECT id, x, sum(x) OVER (PARTITION BY id ORDER BY x) FROM emp, generate_series(1, 2) x WHERE id < 3 ORDER BY id, x;
SELECT id, sum(id) OVER (ORDER BY id) FROM emp WHERE id < 3 UNION ALL SELECT 0, 0 ORDER BY 1, 2;
SELECT sum(id) OVER (ORDER BY id) FROM emp ORDER BY row_number() OVER (ORDER BY id DESC) LIMIT 2;
SELECT id, sum(id) OVER (ORDER BY id ROWS (SELECT 1) PRECEDING), count(*) OVER (PARTITION BY (SELECT 1)) FROM emp ORDER BY id;
-- Result types and column names
SELECT pg_typeof(row_number() OVER ()), pg_typeof(rank() OVER ()), pg_typeof(dense_rank() OVER ()),
       pg_typeof(percent_rank() OVER ()), pg_typeof(cume_dist() OVER ()), pg_typeof(ntile(2) OVER ()),
       pg_typeof(lag(1.5) OVER ()), pg_typeof(lead(1::int2) OVER ()), pg_typeof(first_value('a'::varchar) OVER ()),
       pg_typeof(sum(1) OVER ()), pg_typeof(avg(1) OVER ()), pg_typeof(count(*) OVER ());
SELECT row_number() OVER (), rank() OVER (), lag(1) OVER (), sum(2) OVER () AS total;
EXPLAIN (COSTS OFF) SELECT id, row_number() OVER (PARTITION BY dept ORDER BY salary DESC) FROM emp;
EXPLAIN (COSTS OFF) SELECT count(*) OVER () FROM emp;
EXPLAIN (COSTS OFF) SELECT rank() OVER (ORDER BY salary), sum(id) OVER (PARTITION BY dept ORDER BY salary),
       count(*) OVER (PARTITION BY dept), first_value(id) OVER (PARTITION BY dept ORDER BY salary ROWS CURRENT ROW) FROM emp;
EXPLAIN (COSTS OFF) SELECT dept, row_number() OVER (ORDER BY dept DESC, hired) FROM emp ORDER BY dept DESC;
EXPLAIN (COSTS OFF) SELECT dept, row_number() OVER (PARTITION BY dept) FROM emp ORDER BY dept DESC;
EXPLAIN (COSTS OFF) SELECT dept, sum(sum(salary)) OVER (ORDER BY dept) FROM emp GROUP BY dept ORDER BY dept;
DROP TABLE emp;
