-- ALTER INDEX ... RENAME TO: indexes, primary keys and UNIQUE constraints'
-- indexes (the constraint takes the new name too); ALTER INDEX naming a
-- table renames the table, as PostgreSQL; the renamed index still answers.
CREATE TABLE ai (a int PRIMARY KEY, b int UNIQUE, c int);
CREATE INDEX ai_c ON ai (c);
INSERT INTO ai SELECT i, i, i % 5 FROM generate_series(1, 50) i;
ALTER INDEX ai_c RENAME TO ai_c_renamed;
ALTER INDEX ai_pkey RENAME TO ai_pk;
ALTER INDEX ai_b_key RENAME TO ai_bk;
SELECT conname FROM pg_constraint WHERE conrelid = 'ai'::regclass ORDER BY 1;
SELECT indexname FROM pg_indexes WHERE tablename = 'ai' ORDER BY 1;
\d ai
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT a FROM ai WHERE c = 3;
SELECT count(*) FROM ai WHERE c = 3;
RESET enable_seqscan;
RESET enable_bitmapscan;
INSERT INTO ai VALUES (1, 100, 0);
INSERT INTO ai VALUES (100, 1, 0);
-- The old names are free again; taken names are refused.
CREATE INDEX ai_c ON ai (c);
ALTER INDEX ai_c RENAME TO ai_bk;
ALTER INDEX ai_c RENAME TO ai;
ALTER INDEX IF EXISTS nope RENAME TO x;
ALTER INDEX nope RENAME TO x;
-- A table named in ALTER INDEX is renamed.
ALTER INDEX ai RENAME TO ai2;
ALTER INDEX ai2 RENAME TO ai;
DROP INDEX ai_c_renamed;
DROP TABLE ai;
