-- Covering indexes: INCLUDE (columns) on CREATE INDEX and on PRIMARY KEY /
-- UNIQUE constraints (CREATE TABLE and ALTER TABLE ADD CONSTRAINT). The
-- included values ride in the entries, outside order and uniqueness: an
-- index-only scan returns them, and writes keep them current. Names,
-- pg_index / pg_attribute / pg_get_indexdef / pg_get_constraintdef, \d,
-- PostgreSQL's errors, DROP COLUMN, LIKE.
SET enable_seqscan = off;
SET enable_bitmapscan = off;
CREATE TABLE cov (id int, k text, n int, doc jsonb, note varchar(10),
  CONSTRAINT cov_pk PRIMARY KEY (id) INCLUDE (k),
  UNIQUE (n) INCLUDE (id, doc));
CREATE INDEX cov_k_idx ON cov (k) INCLUDE (n, doc, note);
CREATE UNIQUE INDEX cov_k_n ON cov (k, n) INCLUDE (id) WHERE n > 0;
CREATE INDEX ON cov (id) INCLUDE (id);
CREATE INDEX ON cov (id) INCLUDE (k, k);
\d cov
\d cov_k_idx
\d cov_n_id_doc_key
SELECT indexrelid::regclass, indnatts, indnkeyatts, indkey, indoption
  FROM pg_index WHERE indrelid = 'cov'::regclass ORDER BY indexrelid::regclass::text;
SELECT pg_get_indexdef(indexrelid), pg_get_constraintdef(c.oid)
  FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid
  WHERE indrelid = 'cov'::regclass ORDER BY 1;
SELECT conname, conkey FROM pg_constraint WHERE conrelid = 'cov'::regclass ORDER BY 1;
SELECT attrelid::regclass, attnum, attname, atttypid::regtype FROM pg_attribute
  WHERE attrelid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'cov'::regclass)
  ORDER BY attrelid::regclass::text, attnum;
SELECT pg_get_indexdef('cov_k_idx'::regclass, 1, true), pg_get_indexdef('cov_k_idx'::regclass, 3, true),
  pg_get_indexdef('cov_k_idx'::regclass, 5, true);
SELECT * FROM information_schema.key_column_usage WHERE table_name = 'cov'
  ORDER BY constraint_name, ordinal_position;

-- Errors.
CREATE INDEX ON cov (id) INCLUDE ((k || 'x'));
CREATE INDEX ON cov (id) INCLUDE (lower(k));
CREATE INDEX ON cov (id) INCLUDE (k DESC);
CREATE INDEX ON cov (id) INCLUDE (k NULLS FIRST);
CREATE INDEX ON cov (id) INCLUDE (nosuch);
ALTER TABLE cov ADD UNIQUE (n) INCLUDE (nosuch);
CREATE TABLE bad (a int, UNIQUE (a) INCLUDE (nosuch));
CREATE INDEX ON cov (id) INCLUDE ();

-- Writes: uniqueness is the key's alone; included values follow updates.
INSERT INTO cov VALUES (1, 'x', 10, '{"a": 1}', 'one'), (2, 'y', 20, '[1, 2]', 'two'),
  (3, 'z', 30, '"s"', NULL), (4, 'x', -1, NULL, 'four');
INSERT INTO cov VALUES (5, 'w', 10, '{}', 'five');
INSERT INTO cov VALUES (1, 'q', 90, '{}', 'dup');
INSERT INTO cov VALUES (5, 'x', 11, '{}', 'five');
EXPLAIN (COSTS OFF) SELECT k, n, doc, note FROM cov WHERE k = 'x';
SELECT k, n, doc, note FROM cov WHERE k = 'x' ORDER BY n;
EXPLAIN (COSTS OFF) SELECT n, id, doc FROM cov WHERE n = 20;
SELECT n, id, doc FROM cov WHERE n = 20;
EXPLAIN (COSTS OFF) SELECT id FROM cov WHERE k = 'x' AND n > 0;
SELECT id FROM cov WHERE k = 'x' AND n > 0;
UPDATE cov SET doc = '{"b": 2}', note = 'changed' WHERE id = 1;
UPDATE cov SET n = 12 WHERE id = 5;
UPDATE cov SET note = NULL, doc = '[]' WHERE k = 'x' AND id = 4;
SELECT k, n, doc, note FROM cov WHERE k = 'x' ORDER BY n;
SELECT n, id, doc FROM cov WHERE n IN (10, 12) ORDER BY n;
DELETE FROM cov WHERE id = 1;
SELECT k, n, doc, note FROM cov WHERE k = 'x' ORDER BY n;
-- A column the index does not hold: the rows are read.
EXPLAIN (COSTS OFF) SELECT k, id FROM cov WHERE k = 'x';
-- ON CONFLICT finds the constraint by its key columns.
INSERT INTO cov VALUES (6, 'v', 20, NULL, 'six') ON CONFLICT (n) DO UPDATE SET note = 'upserted';
SELECT id, n, note FROM cov WHERE n = 20;

-- Constraints with INCLUDE: a UNIQUE equal to another one with the same
-- INCLUDE adds no index; foreign keys reference the key columns.
CREATE TABLE parent (a int, b text, c int, PRIMARY KEY (a) INCLUDE (b),
  UNIQUE (c) INCLUDE (b), UNIQUE (c) INCLUDE (b), UNIQUE (c));
\d parent
CREATE TABLE child (x int REFERENCES parent, y int REFERENCES parent (c));
INSERT INTO parent VALUES (1, 'p', 100);
INSERT INTO child VALUES (1, 100);
INSERT INTO child VALUES (2, 100);
ALTER TABLE parent DROP COLUMN b;
ALTER TABLE parent DROP COLUMN b CASCADE;
\d parent
CREATE TABLE copied (LIKE cov INCLUDING INDEXES);
\d copied
ALTER TABLE copied ADD CONSTRAINT copied_note UNIQUE (note) INCLUDE (k);
\d copied
-- DROP COLUMN of an included column drops the index.
ALTER TABLE cov DROP COLUMN doc;
\d cov
ALTER TABLE cov DROP COLUMN k;
\d cov
DROP TABLE cov, child, parent, copied;
