\echo create and fill
CREATE TABLE accounts (
  id integer PRIMARY KEY,
  owner text NOT NULL,
  balance numeric(12,2) DEFAULT 0,
  opened date,
  active boolean DEFAULT true
);
INSERT INTO accounts VALUES
  (1, 'alice', 100.50, '2024-01-15', true),
  (2, 'bob', 20, '2023-12-01', false),
  (3, 'carol', 3000.125, '2022-06-30', true);
INSERT INTO accounts (id, owner) VALUES (4, 'dave');
CREATE TABLE events (kind varchar(10), at timestamp, weight float8, n bigint);
INSERT INTO events VALUES ('login', '2024-03-01 10:00:00', 0.1, 9000000000),
  ('logout', '2024-03-01 10:30:00.25', 1e20, -1), (NULL, NULL, NULL, NULL);

\echo query
SELECT * FROM accounts ORDER BY id;
SELECT owner, balance * 2 AS doubled FROM accounts WHERE balance > 50 ORDER BY owner DESC;
SELECT id, owner FROM accounts ORDER BY id LIMIT 2 OFFSET 1;
SELECT kind, at, weight, n FROM events ORDER BY kind NULLS FIRST;
SELECT 1 + 2 AS three, 'x' || 'y' AS xy, 7 / 2 AS int_div, 7.0 / 2 AS num_div, NULL IS NULL AS isnull;

\echo update and delete
UPDATE accounts SET balance = balance + 1, active = NOT active WHERE id <= 2;
DELETE FROM accounts WHERE owner = 'carol';
SELECT id, owner, balance, active FROM accounts ORDER BY id;
\echo errors are reported and the session goes on
\set ON_ERROR_STOP 0
INSERT INTO accounts VALUES (1, 'again');
SELECT nosuch FROM accounts;
\set ON_ERROR_STOP 1
