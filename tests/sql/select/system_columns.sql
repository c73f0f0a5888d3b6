-- tableoid: the relation a row comes from (pg_dump reads it from catalogs).
CREATE TABLE sys_a (id int, v text);
CREATE TABLE sys_b (id int);
INSERT INTO sys_a VALUES (1, 'x'), (2, 'y');
INSERT INTO sys_b VALUES (1);
SELECT tableoid::regclass, id FROM sys_a ORDER BY id;
SELECT a.tableoid::regclass AS a, b.tableoid::regclass AS b FROM sys_a a JOIN sys_b b USING (id);
SELECT tableoid FROM sys_a JOIN sys_b USING (id);
SELECT count(*) > 100 AS many FROM pg_class c WHERE c.tableoid = 'pg_class'::regclass;
SELECT n.tableoid = 'pg_namespace'::regclass AS same FROM pg_namespace n WHERE nspname = 'public';
SELECT pg_typeof(tableoid) FROM sys_b;
SELECT DISTINCT tableoid::regclass FROM (SELECT * FROM sys_a) s;
SET synchronize_seqscans = off;
SET row_security = off;
SHOW synchronize_seqscans;
SET row_security = maybe;
RESET synchronize_seqscans;
RESET row_security;
DROP TABLE sys_a, sys_b;
