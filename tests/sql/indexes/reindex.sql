-- REINDEX INDEX | TABLE | SCHEMA | DATABASE | SYSTEM [CONCURRENTLY]: the
-- indexes rebuilt keep their names and answer queries as before; an
-- INVALID index left by a failed concurrent build becomes valid.
CREATE TABLE ri (id int PRIMARY KEY, v int, code text UNIQUE);
INSERT INTO ri SELECT i, i % 7, 'c' || i FROM generate_series(1, 200) i;
CREATE INDEX ri_v ON ri (v);
REINDEX INDEX ri_v;
REINDEX TABLE ri;
REINDEX INDEX CONCURRENTLY ri_v;
REINDEX TABLE CONCURRENTLY ri;
REINDEX (VERBOSE false) INDEX ri_code_key;
REINDEX (CONCURRENTLY) INDEX ri_v;
REINDEX INDEX ri_pkey;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM ri WHERE v = 3;
SELECT count(*) FROM ri WHERE v = 3;
SELECT id FROM ri WHERE code = 'c42';
RESET enable_seqscan;
SELECT indexrelid::regclass::text, indisvalid FROM pg_index
  WHERE indrelid = 'ri'::regclass ORDER BY 1;
\d ri
-- Writes after REINDEX reach the rebuilt indexes.
INSERT INTO ri VALUES (201, 3, 'c201');
INSERT INTO ri VALUES (202, 3, 'c201');
SELECT count(*) FROM ri WHERE v = 3;
-- An INVALID index made valid.
UPDATE ri SET v = id WHERE true;
UPDATE ri SET v = 1 WHERE id = 2;
CREATE UNIQUE INDEX CONCURRENTLY ri_v_unique ON ri (v);
UPDATE ri SET v = id WHERE true;
REINDEX INDEX CONCURRENTLY ri_v_unique;
SELECT indexrelid::regclass::text, indisvalid FROM pg_index
  WHERE indrelid = 'ri'::regclass ORDER BY 1;
SELECT id FROM ri WHERE v = 150;
-- Schemas and the database.
CREATE SCHEMA rs;
CREATE TABLE rs.t (a int, b int);
CREATE INDEX t_b ON rs.t (b);
INSERT INTO rs.t VALUES (1, 2), (3, 4);
REINDEX SCHEMA rs;
REINDEX SCHEMA CONCURRENTLY rs;
REINDEX DATABASE basalt;
REINDEX SYSTEM basalt;
REINDEX SYSTEM;
REINDEX SYSTEM CONCURRENTLY basalt;
SELECT a FROM rs.t WHERE b = 4;
-- Errors.
REINDEX INDEX missing;
REINDEX INDEX ri;
REINDEX TABLE missing;
CREATE VIEW rv AS SELECT 1 AS x;
REINDEX TABLE rv;
REINDEX SCHEMA missing;
REINDEX DATABASE postgres;
REINDEX SYSTEM CONCURRENTLY;
REINDEX (FOO) INDEX ri_v;
BEGIN;
REINDEX INDEX CONCURRENTLY ri_v;
ROLLBACK;
BEGIN;
REINDEX SCHEMA rs;
ROLLBACK;
BEGIN;
REINDEX INDEX ri_v;
ROLLBACK;
DROP VIEW rv;
DROP SCHEMA rs CASCADE;
DROP TABLE ri;
