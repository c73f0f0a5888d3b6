-- CREATE [OR REPLACE] VIEW / DROP VIEW: reading through views, views over
-- views, column lists, OR REPLACE rules, dependencies and CASCADE
\set QUIET off
CREATE TABLE emp (id int PRIMARY KEY, name text, dept int, salary numeric(8,2));
CREATE TABLE dept (id int PRIMARY KEY, title text);
\set QUIET on
INSERT INTO emp VALUES (1, 'ann', 10, 100), (2, 'bob', 10, 200), (3, 'cy', 20, 300), (4, 'di', NULL, 50);
INSERT INTO dept VALUES (10, 'sales'), (20, 'ops'), (30, 'empty');
\set QUIET off
CREATE VIEW rich AS SELECT id, name, salary FROM emp WHERE salary >= 100;
\set QUIET on
SELECT * FROM rich ORDER BY id;
SELECT name FROM rich r WHERE r.salary > 150 ORDER BY name;
SELECT r.name, d.title FROM rich r JOIN emp e ON e.id = r.id LEFT JOIN dept d ON d.id = e.dept ORDER BY r.name;
SELECT count(*), sum(salary), max(name) FROM rich;
SELECT * FROM (SELECT name FROM rich WHERE id < 3) s ORDER BY name;
WITH w AS (SELECT * FROM rich WHERE id > 1) SELECT name FROM w ORDER BY name;
SELECT name FROM emp WHERE id IN (SELECT id FROM rich) ORDER BY name;
SELECT rich.* FROM rich WHERE EXISTS (SELECT 1 FROM dept WHERE dept.id = 20) ORDER BY 1;
-- the view's columns: names and types
CREATE VIEW per_dept (dept_id, total) AS SELECT dept, sum(salary) FROM emp GROUP BY dept;
SELECT * FROM per_dept ORDER BY dept_id;
SELECT total FROM per_dept p WHERE p.dept_id = 10;
SELECT dept FROM per_dept;
CREATE VIEW partial_names (a) AS SELECT id, name FROM emp;
SELECT * FROM partial_names ORDER BY a;
CREATE VIEW lits AS SELECT 1 AS one, 'x' AS str, 1.5 AS num, NULL::int AS n;
SELECT * FROM lits;
SELECT pg_typeof(one), pg_typeof(str), pg_typeof(num), pg_typeof(n) FROM lits;
-- views over views
CREATE VIEW rich_sales AS SELECT r.name, d.title FROM rich r JOIN emp e USING (id) JOIN dept d ON d.id = e.dept WHERE d.title = 'sales';
SELECT * FROM rich_sales ORDER BY name;
CREATE VIEW top AS SELECT name FROM rich_sales WHERE name > 'ann';
SELECT * FROM top;
SELECT t.name, r.salary FROM top t, rich r WHERE t.name = r.name;
-- the view reads the current rows
INSERT INTO emp VALUES (5, 'ed', 10, 500);
SELECT * FROM top ORDER BY name;
-- errors at CREATE
CREATE VIEW rich AS SELECT 1;
CREATE VIEW emp AS SELECT 1;
CREATE VIEW toomany (a, b, c) AS SELECT id, name FROM emp;
CREATE VIEW dupcol AS SELECT id, name AS id FROM emp;
CREATE VIEW dupcol (a, a) AS SELECT id, name FROM emp;
CREATE VIEW bad AS SELECT * FROM nosuch;
CREATE VIEW bad AS SELECT nosuch FROM emp;
SELECT * FROM bad;
-- OR REPLACE
\set QUIET off
CREATE OR REPLACE VIEW rich AS SELECT id, name, salary FROM emp WHERE salary >= 200;
\set QUIET on
SELECT * FROM rich ORDER BY id;
CREATE OR REPLACE VIEW rich AS SELECT id, name, salary, dept FROM emp WHERE salary >= 200;
SELECT * FROM rich ORDER BY id;
CREATE OR REPLACE VIEW rich AS SELECT id, name FROM emp;
CREATE OR REPLACE VIEW rich AS SELECT id, name AS nm, salary, dept FROM emp;
CREATE OR REPLACE VIEW rich AS SELECT id, name, salary::int, dept FROM emp;
CREATE OR REPLACE VIEW rich AS SELECT id, name, salary, dept::text FROM emp;
CREATE OR REPLACE VIEW newview AS SELECT 42 AS answer;
SELECT * FROM newview;
CREATE OR REPLACE VIEW emp AS SELECT 1;
-- DROP VIEW / DROP TABLE and the objects that depend on them
DROP VIEW emp;
DROP TABLE rich;
DROP VIEW nosuch;
DROP VIEW IF EXISTS nosuch;
DROP VIEW IF EXISTS nosuch, newview;
SELECT * FROM newview;
DROP TABLE dept;
DROP VIEW rich;
DROP VIEW rich_sales;
DROP VIEW rich_sales RESTRICT;
\set QUIET off
DROP VIEW top;
DROP VIEW rich_sales CASCADE;
\set QUIET on
CREATE VIEW rich_sales AS SELECT name FROM rich;
CREATE VIEW top AS SELECT name FROM rich_sales;
CREATE VIEW top2 AS SELECT r.name FROM rich r, rich_sales s WHERE r.name = s.name;
DROP VIEW rich;
\set QUIET off
DROP VIEW rich CASCADE;
\set QUIET on
SELECT * FROM top;
CREATE VIEW v1 AS SELECT id FROM emp;
DROP TABLE emp CASCADE;
SELECT * FROM v1;
-- the view reads the relations it named at CREATE, whatever the search_path
CREATE TABLE base (a int);
INSERT INTO base VALUES (1), (2);
CREATE VIEW over_base AS SELECT a FROM base;
SET search_path = nosuch_schema;
SELECT * FROM public.over_base ORDER BY a;
SELECT * FROM base;
RESET search_path;
-- a view and the statement around it
BEGIN;
CREATE VIEW in_block AS SELECT a * 10 AS a10 FROM base;
SELECT * FROM in_block ORDER BY a10;
ROLLBACK;
SELECT * FROM in_block;
CREATE VIEW twice AS SELECT b1.a AS x, b2.a AS y FROM base b1 JOIN base b2 ON b1.a < b2.a;
SELECT * FROM twice t1, twice t2 WHERE t1.x = t2.x;
SELECT * FROM twice JOIN over_base ON over_base.a = twice.y;
-- the reader's CTEs do not hide the view's tables
WITH base AS (SELECT 100 AS a) SELECT * FROM over_base, base b2 ORDER BY 1;
-- a prepared statement reads the replaced view
PREPARE p AS SELECT * FROM over_base ORDER BY a;
EXECUTE p;
CREATE OR REPLACE VIEW over_base AS SELECT a + 1 AS a FROM base;
EXECUTE p;
DEALLOCATE p;
-- a view reading itself
CREATE OR REPLACE VIEW over_base AS SELECT * FROM over_base;
SELECT * FROM over_base;
-- indexes and TRUNCATE are for tables
CREATE INDEX ON twice (x);
TRUNCATE twice;
DROP TABLE base CASCADE;
DROP TABLE dept;
DROP VIEW over_base;
DROP VIEW lits;
