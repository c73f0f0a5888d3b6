-- RETURNING on INSERT, UPDATE and DELETE: expressions, *, defaults, the
-- new row of INSERT and UPDATE and the old row of DELETE.
\set QUIET off
CREATE TABLE ret (id int PRIMARY KEY, name text DEFAULT 'none', n int DEFAULT 10);
INSERT INTO ret VALUES (1, 'a', 1) RETURNING *;
INSERT INTO ret (id) VALUES (2), (3) RETURNING id, name, n;
INSERT INTO ret AS r (id, n) VALUES (4, 40) RETURNING r.id * 2 AS twice, upper(r.name), n + 1;
INSERT INTO ret SELECT g, 'g' || g, g FROM generate_series(5, 7) g RETURNING id;
INSERT INTO ret DEFAULT VALUES RETURNING *;
INSERT INTO ret VALUES (8, 'x') RETURNING ret.*, 'const', NULL;
UPDATE ret SET n = n + 100 WHERE id <= 2 RETURNING id, n;
UPDATE ret SET name = 'changed' WHERE id = 99 RETURNING *;
UPDATE ret r SET n = 0 WHERE r.id = 3 RETURNING r.name, r.n, (SELECT count(*) FROM ret);
DELETE FROM ret WHERE id IN (6, 7) RETURNING *;
DELETE FROM ret WHERE id = 5 RETURNING name || '!' AS gone;
SELECT * FROM ret ORDER BY id;
-- errors
INSERT INTO ret VALUES (20) RETURNING nosuch;
INSERT INTO ret VALUES (21) RETURNING count(*);
UPDATE ret SET n = 1 RETURNING other.id;
DELETE FROM ret WHERE id = 1 RETURNING 1 / 0;
SELECT * FROM ret WHERE id = 1;
-- a failed RETURNING rolls back the write
INSERT INTO ret VALUES (22, 'x', 0) RETURNING 10 / n;
SELECT count(*) FROM ret WHERE id = 22;
-- prepared
PREPARE ins(int, text) AS INSERT INTO ret (id, name) VALUES ($1, $2) RETURNING id, name, n;
EXECUTE ins(30, 'thirty');
EXECUTE ins(31, 'thirty-one');
DEALLOCATE ins;
DROP TABLE ret;
