-- CREATE / DROP INDEX CONCURRENTLY with PostgreSQL's rules (not in a
-- transaction block, nor in a Query message of several statements; DROP of
-- one index without CASCADE); the index answers queries like any other; a
-- unique build meeting a duplicate leaves an INVALID index.
-- (Writers during the build: tests/client/create_index_concurrently_test.sh.)
CREATE TABLE ci (id int PRIMARY KEY, v int);
INSERT INTO ci SELECT i, i % 10 FROM generate_series(1, 100) i;
CREATE INDEX CONCURRENTLY ci_v ON ci (v);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ci_id_v ON ci (id, v);
CREATE INDEX CONCURRENTLY IF NOT EXISTS ci_v ON ci (v);
CREATE INDEX CONCURRENTLY ON ci (v, id);
SELECT count(*) FROM ci WHERE v = 3;
INSERT INTO ci VALUES (101, 3);
SELECT count(*) FROM ci WHERE v = 3;
CREATE UNIQUE INDEX CONCURRENTLY ci_id_unique ON ci (id);
BEGIN;
CREATE INDEX CONCURRENTLY ci_bad ON ci (v);
ROLLBACK;
BEGIN;
DROP INDEX CONCURRENTLY ci_v;
ROLLBACK;
DROP INDEX CONCURRENTLY ci_v, ci_id_v;
DROP INDEX CONCURRENTLY ci_v CASCADE;
DROP INDEX CONCURRENTLY IF EXISTS missing;
DROP INDEX CONCURRENTLY ci_v;
DROP INDEX CONCURRENTLY ci_v;
SELECT indexname FROM pg_indexes WHERE tablename = 'ci' ORDER BY 1;
SELECT 1 \; CREATE INDEX CONCURRENTLY ci_multi ON ci (v);
SELECT 1 \; DROP INDEX CONCURRENTLY ci_id_v;
DROP TABLE ci;
CREATE TABLE cu (id int PRIMARY KEY, code int, note text);
INSERT INTO cu SELECT i, i, 'n' FROM generate_series(1, 50) i;
UPDATE cu SET code = 7 WHERE id = 30;
CREATE UNIQUE INDEX CONCURRENTLY cu_code ON cu (code);
-- (indisready differs: Basalt's writers maintain the index from the start
-- of the build, PostgreSQL's from the end of its first phase.)
SELECT indexrelid::regclass::text, indisvalid FROM pg_index
  WHERE indrelid = 'cu'::regclass ORDER BY 1;
\d cu
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM cu WHERE code = 7;
RESET enable_seqscan;
DROP INDEX CONCURRENTLY cu_code;
\d cu
DROP TABLE cu;
