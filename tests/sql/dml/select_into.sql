-- SELECT ... INTO [TEMPORARY | TEMP | UNLOGGED] [TABLE] name: CREATE TABLE
-- AS by another spelling (command tag SELECT n), and the places where
-- INTO is not allowed
CREATE TABLE src (a int, b text);
INSERT INTO src VALUES (1, 'x'), (2, 'y'), (3, NULL);
\set QUIET off
SELECT * INTO t1 FROM src;
SELECT * INTO t1 FROM src;
SELECT a, b || '!' AS bang INTO TABLE t2 FROM src WHERE a > 1 ORDER BY a DESC;
SELECT a INTO TEMP t3 FROM src;
SELECT a INTO TEMPORARY TABLE t4 FROM src WHERE false;
SELECT a INTO UNLOGGED t5 FROM src;
SELECT a, b INTO public.t6 FROM src UNION SELECT 4, 'z';
WITH w AS (SELECT a FROM src WHERE a < 3) SELECT a * 10 AS a10 INTO t7 FROM w;
SELECT count(*) AS n, max(b) INTO t8 FROM src;
SELECT 1 AS one, 'two' AS two INTO t9;
\set QUIET on
SELECT * FROM t1 ORDER BY a;
SELECT * FROM t2 ORDER BY a;
SELECT count(*) FROM t3;
SELECT count(*) FROM t4;
SELECT * FROM t6 ORDER BY a;
SELECT * FROM t7 ORDER BY a10;
SELECT * FROM t8;
SELECT * FROM t9;
SELECT relname, relkind FROM pg_class WHERE relname IN ('t1', 't2', 't5', 't6', 't7', 't8', 't9') ORDER BY relname;
SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_name IN ('t2', 't8', 't9') ORDER BY table_name, ordinal_position;
-- INTO elsewhere
SELECT a INTO t10 FROM src UNION SELECT a INTO t11 FROM src;
SELECT a FROM src UNION SELECT a INTO t11 FROM src;
WITH w AS (SELECT a INTO t12 FROM src) SELECT * FROM w;
SELECT * FROM (SELECT a INTO t13 FROM src) s;
SELECT a FROM src WHERE a IN (SELECT a INTO t14 FROM src);
INSERT INTO src SELECT a INTO t15 FROM src;
CREATE VIEW v AS SELECT a INTO t16 FROM src;
CREATE TABLE t17 AS SELECT a INTO t18 FROM src;
SELECT relname FROM pg_class WHERE relname ~ '^t1[0-8]$';
-- in a transaction
BEGIN;
SELECT a INTO t19 FROM src;
SELECT count(*) FROM t19;
ROLLBACK;
SELECT count(*) FROM t19;
DROP TABLE t1, t2, t3, t4, t5, t6, t7, t8, t9, src;
