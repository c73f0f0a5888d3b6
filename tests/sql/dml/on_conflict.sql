-- INSERT ... ON CONFLICT: DO NOTHING and DO UPDATE on primary keys and
-- unique indexes, EXCLUDED, WHERE, RETURNING, and PostgreSQL's errors.
\set QUIET off
CREATE TABLE kv (k int PRIMARY KEY, v text, n int DEFAULT 0, u int UNIQUE);
INSERT INTO kv VALUES (1, 'one', 1, 10), (2, 'two', 2, 20);
INSERT INTO kv VALUES (1, 'uno') ON CONFLICT DO NOTHING;
INSERT INTO kv VALUES (3, 'three', 0, 10) ON CONFLICT DO NOTHING;
INSERT INTO kv VALUES (1, 'uno'), (4, 'four') ON CONFLICT (k) DO NOTHING RETURNING *;
INSERT INTO kv VALUES (1, 'uno') ON CONFLICT (k) DO UPDATE SET v = excluded.v, n = kv.n + 1
  RETURNING *;
INSERT INTO kv AS t VALUES (2, 'dos', 5) ON CONFLICT (k) DO UPDATE SET n = t.n + excluded.n
  WHERE t.n < 3 RETURNING k, n;
INSERT INTO kv AS t VALUES (2, 'dos', 5) ON CONFLICT (k) DO UPDATE SET n = t.n + excluded.n
  WHERE t.n < 3 RETURNING k, n;
INSERT INTO kv VALUES (9, 'nine', 0, 10) ON CONFLICT (u) DO UPDATE SET v = 'by u' RETURNING *;
INSERT INTO kv VALUES (9, 'nine', 0, 10) ON CONFLICT ON CONSTRAINT kv_u_key DO NOTHING;
INSERT INTO kv VALUES (1, 'x') ON CONFLICT ON CONSTRAINT kv_pkey DO UPDATE SET v = DEFAULT
  RETURNING k, v;
INSERT INTO kv (k, v) SELECT g, 'g' || g FROM generate_series(3, 6) g
  ON CONFLICT (k) DO UPDATE SET v = excluded.v || '!' RETURNING k, v;
SELECT * FROM kv ORDER BY k;
-- the same key twice in one command
INSERT INTO kv VALUES (7, 'a'), (7, 'b') ON CONFLICT (k) DO UPDATE SET v = excluded.v;
INSERT INTO kv VALUES (8, 'a'), (8, 'b') ON CONFLICT (k) DO NOTHING;
SELECT * FROM kv WHERE k IN (7, 8) ORDER BY k;
-- a conflict on another unique key than the arbiter
INSERT INTO kv VALUES (50, 'x', 0, 10) ON CONFLICT (k) DO NOTHING;
-- errors
INSERT INTO kv VALUES (1) ON CONFLICT DO UPDATE SET v = 'x';
INSERT INTO kv VALUES (1) ON CONFLICT (v) DO NOTHING;
INSERT INTO kv VALUES (1) ON CONFLICT (nosuch) DO NOTHING;
INSERT INTO kv VALUES (1) ON CONFLICT ON CONSTRAINT nosuch DO NOTHING;
INSERT INTO kv VALUES (1) ON CONFLICT (k) DO UPDATE SET nosuch = 1;
INSERT INTO kv VALUES (1) ON CONFLICT (k) DO UPDATE SET v = other.v;
INSERT INTO kv VALUES (1) ON CONFLICT (k) DO UPDATE SET k = NULL;
-- composite keys
CREATE TABLE pair (a int, b int, c int, PRIMARY KEY (a, b));
INSERT INTO pair VALUES (1, 1, 1);
INSERT INTO pair VALUES (1, 1, 5) ON CONFLICT (b, a) DO UPDATE SET c = pair.c + excluded.c
  RETURNING *;
INSERT INTO pair VALUES (1, 2, 5) ON CONFLICT (a, b) DO UPDATE SET c = 0 RETURNING *;
-- a table without a primary key
CREATE TABLE nopk (x int, y text);
CREATE UNIQUE INDEX nopk_x ON nopk (x);
INSERT INTO nopk VALUES (1, 'a'), (NULL, 'n'), (NULL, 'm');
INSERT INTO nopk VALUES (1, 'b') ON CONFLICT (x) DO UPDATE SET y = excluded.y RETURNING *;
INSERT INTO nopk VALUES (NULL, 'c') ON CONFLICT (x) DO UPDATE SET y = excluded.y RETURNING *;
SELECT * FROM nopk ORDER BY x, y;
DROP TABLE kv, pair, nopk;
