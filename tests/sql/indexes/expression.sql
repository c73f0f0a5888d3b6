-- Expression indexes (CREATE [UNIQUE] INDEX ... ((expr)) / f(col)): entries
-- computed from each row's expression, kept by INSERT, UPDATE (the
-- expression's value changing) and DELETE; uniqueness of the expression's
-- values with its 23505 DETAIL; PostgreSQL's names for the index and its
-- columns; pg_index, pg_get_indexdef, \d; the planner reads the index when
-- a WHERE term is the indexed expression; DROP / RENAME COLUMN follow it.
SET enable_seqscan = off;
SET enable_bitmapscan = off;
CREATE TABLE accounts (id int PRIMARY KEY, email text, a int, b int);
CREATE UNIQUE INDEX ON accounts (lower(email));
CREATE INDEX ON accounts (a, (b + 1));
CREATE INDEX accounts_ab ON accounts ((a * b)) WHERE a > 0;
INSERT INTO accounts VALUES (1, 'Ann@X', 1, 2), (2, 'bob@x', 2, 3), (3, NULL, 3, 4),
  (4, NULL, -1, 5);
-- Another case of the same address breaks the unique index.
INSERT INTO accounts VALUES (5, 'ann@x', 5, 6);
INSERT INTO accounts VALUES (5, 'ANN@x2', 5, 6);
-- An UPDATE changing the expression's value moves the entry ...
UPDATE accounts SET email = 'Bob@X' WHERE id = 1;
UPDATE accounts SET email = 'Carl@X' WHERE id = 1;
INSERT INTO accounts VALUES (6, 'ann@X', 6, 7);
-- ... and a DELETE frees it.
DELETE FROM accounts WHERE id = 6;
INSERT INTO accounts VALUES (6, 'ANN@x', 6, 7);
SELECT * FROM accounts ORDER BY id;
-- Reads through the index.
EXPLAIN (COSTS OFF) SELECT id FROM accounts WHERE lower(email) = 'bob@x';
SELECT id FROM accounts WHERE lower(email) = 'bob@x';
SELECT id FROM accounts WHERE lower(email) = 'ann@x';
SELECT id FROM accounts WHERE lower(email) = 'nobody';
EXPLAIN (COSTS OFF) SELECT id FROM accounts WHERE a = 2 AND b + 1 = 4;
SELECT id FROM accounts WHERE a = 2 AND b + 1 = 4;
SELECT id FROM accounts WHERE a = 2 AND b + 1 = 5;
EXPLAIN (COSTS OFF) SELECT id FROM accounts WHERE a * b = 30 AND a > 0;
SELECT id FROM accounts WHERE a * b = 30 AND a > 0;
-- ORDER BY the expression reads the index in its order.
EXPLAIN (COSTS OFF) SELECT id FROM accounts ORDER BY lower(email) LIMIT 3;
SELECT id FROM accounts ORDER BY lower(email) LIMIT 3;
EXPLAIN (COSTS OFF) SELECT id FROM accounts WHERE lower(email) > 'b' ORDER BY lower(email);
SELECT id FROM accounts WHERE lower(email) > 'b' ORDER BY lower(email);
UPDATE accounts SET b = 10 WHERE lower(email) = 'ann@x';
SELECT id, b FROM accounts WHERE a = 6 AND b + 1 = 11;
DELETE FROM accounts WHERE lower(email) = 'carl@x';
SELECT id FROM accounts ORDER BY id;
-- The catalog.
SELECT indexrelid::regclass, indnatts, indkey, indexprs IS NOT NULL AS has_exprs,
       indpred IS NOT NULL AS partial
  FROM pg_index WHERE indrelid = 'accounts'::regclass ORDER BY indexrelid::regclass::text;
SELECT attrelid::regclass, attnum, attname, atttypid::regtype FROM pg_attribute
  WHERE attrelid IN ('accounts_lower_idx'::regclass, 'accounts_a_expr_idx'::regclass,
                     'accounts_ab'::regclass)
  ORDER BY attrelid::regclass::text, attnum;
SELECT pg_get_indexdef('accounts_lower_idx'::regclass);
SELECT pg_get_indexdef('accounts_a_expr_idx'::regclass);
SELECT pg_get_indexdef('accounts_ab'::regclass);
SELECT pg_get_indexdef('accounts_a_expr_idx'::regclass, 2, true);
\d accounts
-- PostgreSQL's errors.
CREATE INDEX ON accounts ((random() > 0.5));
CREATE INDEX ON accounts ((now()));
CREATE INDEX ON accounts ((count(*)));
CREATE INDEX ON accounts ((nope + 1));
-- A build over duplicates.
CREATE TABLE names (n text);
INSERT INTO names VALUES ('x'), ('X');
CREATE UNIQUE INDEX ON names (upper(n));
CREATE UNIQUE INDEX ON names ((n || '!'));
INSERT INTO names VALUES ('x');
CREATE INDEX CONCURRENTLY names_expr ON names ((length(n) + 1));
SELECT count(*) FROM names WHERE length(n) + 1 = 2;
REINDEX INDEX names_expr;
SELECT count(*) FROM names WHERE length(n) + 1 = 2;
-- ALTER COLUMN TYPE rebuilds the entries.
ALTER TABLE names ALTER COLUMN n TYPE varchar(20);
SELECT count(*) FROM names WHERE length(n) + 1 = 2;
INSERT INTO names VALUES ('y');
SELECT n FROM names WHERE length(n) + 1 = 2 ORDER BY n;
-- RENAME COLUMN rewrites the expression; DROP COLUMN drops the index.
ALTER TABLE accounts RENAME COLUMN email TO mail;
SELECT pg_get_indexdef('accounts_lower_idx'::regclass);
INSERT INTO accounts VALUES (7, 'bob@X', 7, 8);
ALTER TABLE accounts DROP COLUMN b;
\d accounts
DROP TABLE accounts;
DROP TABLE names;
