-- Partial indexes (CREATE [UNIQUE] INDEX ... WHERE predicate): entries only
-- for the rows the predicate holds for, kept by INSERT, UPDATE (rows moving
-- in and out) and DELETE; uniqueness among those rows only; the planner
-- reads one only when the query's WHERE implies the predicate; pg_index,
-- pg_get_indexdef and \d show the predicate; ON CONFLICT infers one from
-- its WHERE.
CREATE TABLE users (id int PRIMARY KEY, email text, deleted_at int, score int);
CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL;
INSERT INTO users VALUES (1, 'a@x', NULL, 10), (2, 'a@x', 5, 20), (3, 'a@x', 6, 30),
  (4, 'b@x', NULL, 40);
-- A second live a@x breaks the index; deleted ones never do.
INSERT INTO users VALUES (5, 'a@x', NULL, 50);
INSERT INTO users VALUES (5, 'a@x', 8, 50);
-- An UPDATE moving a row out of the predicate frees its key ...
UPDATE users SET deleted_at = 7 WHERE id = 1;
INSERT INTO users VALUES (6, 'a@x', NULL, 60);
-- ... and one moving a row in takes it, or fails.
UPDATE users SET deleted_at = NULL WHERE id = 2;
UPDATE users SET deleted_at = NULL, email = 'c@x' WHERE id = 2;
UPDATE users SET email = 'b@x' WHERE id = 3;
UPDATE users SET email = 'b@x', deleted_at = NULL WHERE id = 3;
DELETE FROM users WHERE id = 6;
UPDATE users SET deleted_at = NULL WHERE id = 1;
SELECT * FROM users ORDER BY id;
-- Creating a unique partial index checks only the rows it covers.
CREATE UNIQUE INDEX users_email_dead ON users (email) WHERE deleted_at IS NOT NULL;
CREATE UNIQUE INDEX users_email_any ON users (email);
UPDATE users SET deleted_at = 9 WHERE id = 3;
SELECT indexrelid::regclass, indisunique, indpred IS NOT NULL AS partial
  FROM pg_index WHERE indrelid = 'users'::regclass ORDER BY indexrelid::regclass::text;
SELECT pg_get_indexdef('users_email_live'::regclass);
SELECT pg_get_indexdef('users_email_live'::regclass, 0, true);
SELECT indexdef FROM pg_indexes WHERE tablename = 'users' ORDER BY indexname;
\d users
SET enable_seqscan = off;
SET enable_bitmapscan = off;
-- The query's WHERE has the predicate: the index answers, the predicate's
-- term needs no Filter.
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE email = 'a@x' AND deleted_at IS NULL;
SELECT * FROM users WHERE email = 'a@x' AND deleted_at IS NULL;
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE deleted_at IS NULL AND email = 'b@x' AND score > 1;
SELECT * FROM users WHERE deleted_at IS NULL AND email = 'b@x' AND score > 1;
-- Without it the index would miss rows.
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE email = 'a@x';
SELECT * FROM users WHERE email = 'a@x' ORDER BY id;
-- A strict comparison implies IS NOT NULL.
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE email = 'a@x' AND deleted_at > 6;
SELECT * FROM users WHERE email = 'a@x' AND deleted_at > 6;
-- With scans off, a partial index the WHERE implies is read whole.
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE deleted_at IS NULL;
EXPLAIN (COSTS OFF) SELECT * FROM users WHERE score > 15 AND deleted_at IS NULL;
SELECT * FROM users WHERE score > 15 AND deleted_at IS NULL ORDER BY id;
-- Range predicates: a > 10 (or a = 12) implies a > 5; a > 2 does not.
CREATE TABLE m (a int, b int, c text);
INSERT INTO m SELECT g, g % 7, 'r' || g FROM generate_series(1, 40) g;
CREATE INDEX m_b_big ON m (b) WHERE a > 5;
EXPLAIN (COSTS OFF) SELECT * FROM m WHERE b = 3 AND a > 10;
SELECT * FROM m WHERE b = 3 AND a > 10 ORDER BY a;
EXPLAIN (COSTS OFF) SELECT * FROM m WHERE b = 3 AND a > 5;
SELECT * FROM m WHERE b = 3 AND a > 5 ORDER BY a;
EXPLAIN (COSTS OFF) SELECT * FROM m WHERE b = 3 AND a = 12;
SELECT * FROM m WHERE b = 3 AND a = 12;
SELECT * FROM m WHERE b = 3 AND a > 2 ORDER BY a;
-- ORDER BY ... LIMIT through a partial index.
EXPLAIN (COSTS OFF) SELECT * FROM m WHERE a > 5 ORDER BY b LIMIT 3;
SELECT a, b FROM m WHERE a > 5 ORDER BY b, a LIMIT 3;
-- Writers keep it: rows moving across a = 5.
UPDATE m SET a = a - 30 WHERE a > 30;
UPDATE m SET a = a + 100 WHERE a < 3;
DELETE FROM m WHERE a = 20;
SELECT * FROM m WHERE b = 6 AND a > 10 ORDER BY a;
SELECT * FROM m WHERE b = 1 AND a > 6 ORDER BY a;
-- UPDATE and DELETE through it.
EXPLAIN (COSTS OFF) UPDATE m SET c = 'u' WHERE b = 2 AND a > 8;
UPDATE m SET c = 'u' WHERE b = 2 AND a > 8;
DELETE FROM m WHERE b = 4 AND a > 6;
SELECT * FROM m WHERE b IN (2, 4) AND a > 5 ORDER BY a;
RESET enable_seqscan;
RESET enable_bitmapscan;
-- ON CONFLICT infers a partial unique index from its WHERE.
INSERT INTO users VALUES (10, 'b@x', NULL, 1) ON CONFLICT (email) DO NOTHING;
INSERT INTO users VALUES (10, 'b@x', NULL, 1)
  ON CONFLICT (email) WHERE deleted_at IS NULL DO NOTHING;
INSERT INTO users VALUES (10, 'b@x', NULL, 1)
  ON CONFLICT (email) WHERE deleted_at IS NULL DO UPDATE SET score = users.score + 1;
INSERT INTO users VALUES (11, 'q@x', NULL, 1)
  ON CONFLICT (email) WHERE deleted_at IS NULL DO UPDATE SET score = users.score + 1;
INSERT INTO users VALUES (12, 'q@x', 3, 1)
  ON CONFLICT (email) WHERE deleted_at IS NULL DO UPDATE SET score = users.score + 1;
INSERT INTO users VALUES (13, 'q@x', NULL, 1) ON CONFLICT DO NOTHING;
SELECT * FROM users ORDER BY id;
-- Errors.
CREATE INDEX ON users (email) WHERE score > random();
CREATE INDEX ON users (email) WHERE deleted_at IN (SELECT 1);
CREATE INDEX ON users (email) WHERE count(*) > 1;
CREATE INDEX ON users (email) WHERE nope IS NULL;
CREATE INDEX ON users (email) WHERE score;
CREATE TABLE ref (email text REFERENCES users (email));
-- Default names, CONCURRENTLY and REINDEX.
CREATE INDEX ON m (c) WHERE b = 1;
CREATE INDEX CONCURRENTLY m_c_cc ON m (c) WHERE b <> 1 AND c LIKE 'r%';
REINDEX INDEX m_c_idx;
REINDEX TABLE m;
SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'm'::regclass ORDER BY 1;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT a FROM m WHERE c = 'r8' AND b = 1;
SELECT a FROM m WHERE c = 'r8' AND b = 1;
SELECT a FROM m WHERE c = 'r9' AND b <> 1 AND c LIKE 'r%';
RESET enable_seqscan;
RESET enable_bitmapscan;
-- A renamed column is renamed in the predicate; a dropped one drops the
-- index.
ALTER TABLE users RENAME COLUMN deleted_at TO removed_at;
SELECT pg_get_indexdef('users_email_live'::regclass);
INSERT INTO users VALUES (20, 'a@x', NULL, 1);
INSERT INTO users VALUES (20, 'a@x', 1, 1);
ALTER TABLE m DROP COLUMN a;
SELECT indexrelid::regclass, pg_get_indexdef(indexrelid) FROM pg_index
  WHERE indrelid = 'm'::regclass ORDER BY 1;
INSERT INTO m VALUES (1, 'r8');
SELECT * FROM m WHERE c = 'r8' AND b = 1;
RESET enable_seqscan;
RESET enable_bitmapscan;
DROP TABLE users, m;
