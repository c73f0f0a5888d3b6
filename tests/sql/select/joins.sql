-- Joins: every type, USING / NATURAL, self and comma joins, NULL keys,
-- empty sides, duplicates, and the errors PostgreSQL raises.
CREATE TABLE dept (id int PRIMARY KEY, name text, budget int);
CREATE TABLE emp (id int PRIMARY KEY, name text, dept_id int, boss int, salary int);
CREATE TABLE empty_t (id int, v int);
INSERT INTO dept VALUES (1, 'eng', 100), (2, 'ops', 50), (3, 'hr', NULL);
INSERT INTO emp VALUES (1, 'ann', 1, NULL, 10), (2, 'bob', 1, 1, 8), (3, 'cy', 2, 1, 7),
  (4, 'di', NULL, 2, 5), (5, 'ed', 9, 2, 6), (6, 'flo', 1, 2, 8);

SELECT e.name, d.name FROM emp e JOIN dept d ON e.dept_id = d.id ORDER BY e.id;
SELECT e.name, d.name FROM emp e INNER JOIN dept d ON d.id = e.dept_id AND d.budget > 60 ORDER BY 1;
SELECT e.name, d.name FROM emp e LEFT JOIN dept d ON e.dept_id = d.id ORDER BY e.id;
SELECT e.name, d.name FROM emp e LEFT OUTER JOIN dept d ON e.dept_id = d.id AND d.budget > 60 ORDER BY e.id;
SELECT e.name, d.name FROM emp e RIGHT JOIN dept d ON e.dept_id = d.id ORDER BY d.id, e.id;
SELECT e.name, d.name FROM emp e FULL JOIN dept d ON e.dept_id = d.id ORDER BY e.id, d.id;
SELECT e.name, d.name FROM emp e FULL OUTER JOIN dept d ON false ORDER BY e.id, d.id;
SELECT count(*) FROM emp CROSS JOIN dept;
SELECT count(*) FROM emp, dept, dept d2;
SELECT e.name, d.name FROM emp e, dept d WHERE e.dept_id = d.id AND d.name <> 'ops' ORDER BY 1;
-- WHERE after an outer join filters the joined rows
SELECT e.name, d.name FROM emp e LEFT JOIN dept d ON e.dept_id = d.id WHERE d.id IS NULL ORDER BY 1;
SELECT e.name FROM emp e LEFT JOIN dept d ON e.dept_id = d.id WHERE d.budget > 60 OR d.budget IS NULL ORDER BY 1;
-- self join
SELECT e.name, b.name AS boss FROM emp e JOIN emp b ON e.boss = b.id ORDER BY e.id;
SELECT e.name, b.name AS boss FROM emp e LEFT JOIN emp b ON e.boss = b.id ORDER BY e.id;
-- nested and parenthesized joins
SELECT e.name, d.name, b.name FROM emp e JOIN dept d ON e.dept_id = d.id JOIN emp b ON e.boss = b.id ORDER BY 1;
SELECT e.name, d.name, b.name FROM emp e LEFT JOIN (dept d JOIN emp b ON b.dept_id = d.id AND b.boss IS NULL) ON e.dept_id = d.id ORDER BY 1;
-- USING and NATURAL, with their merged columns
CREATE TABLE a (k int, x text);
CREATE TABLE b (k int, y text);
INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (NULL, 'anull'), (2, 'a2bis');
INSERT INTO b VALUES (2, 'b2'), (3, 'b3'), (NULL, 'bnull');
SELECT * FROM a JOIN b USING (k) ORDER BY x;
SELECT * FROM a LEFT JOIN b USING (k) ORDER BY x;
SELECT * FROM a RIGHT JOIN b USING (k) ORDER BY y;
SELECT * FROM a FULL JOIN b USING (k) ORDER BY k, x, y;
SELECT k, a.k, b.k FROM a FULL JOIN b USING (k) ORDER BY 1, 2, 3;
SELECT * FROM a NATURAL JOIN b;
SELECT * FROM a NATURAL LEFT JOIN b ORDER BY x;
SELECT * FROM a NATURAL JOIN dept;
SELECT j.k, j.x FROM (a JOIN b USING (k)) AS j ORDER BY 2;
SELECT a.*, b.y FROM a JOIN b ON a.k = b.k ORDER BY 1, 2;
-- empty inputs
SELECT * FROM emp JOIN empty_t ON emp.id = empty_t.id;
SELECT emp.name, empty_t.v FROM emp LEFT JOIN empty_t ON emp.id = empty_t.id ORDER BY 1;
SELECT * FROM empty_t RIGHT JOIN empty_t e2 ON true;
SELECT count(*) FROM emp, empty_t;
-- duplicates on both sides
SELECT a.x, b.y FROM a JOIN b ON a.k >= b.k ORDER BY 1, 2;
-- mixed key types
CREATE TABLE big (k bigint, v text);
INSERT INTO big VALUES (2, 'two'), (5000000000, 'huge');
SELECT a.x, big.v FROM a JOIN big ON a.k = big.k ORDER BY 1;
SELECT * FROM a JOIN big USING (k) ORDER BY x;
-- aggregates over joins
SELECT d.name, count(e.id), sum(e.salary) FROM dept d LEFT JOIN emp e ON e.dept_id = d.id GROUP BY d.name ORDER BY 1;
SELECT d.name, count(*) FROM dept d JOIN emp e ON e.dept_id = d.id GROUP BY d.id HAVING count(*) > 1;
-- VALUES and subqueries in FROM
SELECT * FROM (VALUES (1, 'one'), (2, 'two')) AS v (n, word) JOIN emp ON emp.id = v.n ORDER BY n;
SELECT s.total FROM (SELECT sum(salary) AS total FROM emp) s;
SELECT * FROM (SELECT id, name FROM emp WHERE id < 3) AS s (i) ORDER BY i;
-- errors
SELECT * FROM emp JOIN dept ON id = 1;
SELECT name FROM emp, dept;
SELECT * FROM emp, emp;
SELECT * FROM emp e JOIN dept d ON e.zzz_missing = d.id;
SELECT * FROM a JOIN b USING (nope);
SELECT * FROM a JOIN b USING (k, k);
SELECT * FROM a JOIN dept USING (name);
SELECT * FROM emp JOIN dept ON emp.dept_id;
SELECT * FROM emp e JOIN dept d ON e.dept_id = d.id WHERE emp.id = 1;
SELECT * FROM (SELECT 1);
SELECT * FROM (SELECT 1, 2) s (a, b, c);
SELECT * FROM a JOIN (b JOIN dept ON a.k = dept.id) ON true;
SELECT * FROM emp JOIN dept ON count(*) > 1;
DROP TABLE dept, emp, empty_t, a, b, big;
