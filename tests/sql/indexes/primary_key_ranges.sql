-- Ranges on the primary key read the table's own key range (rows are stored
-- under their key: no second read), forward or backward for ORDER BY, with
-- or without LIMIT: BETWEEN, strict and inclusive bounds, keyset pagination,
-- a composite key's prefix and a range on its next column, text keys, and
-- UPDATE / DELETE through such a range. With sequential and bitmap scans
-- off PostgreSQL takes the primary key's index whenever it applies, as
-- Basalt's rules do.
CREATE TABLE pk_r (id int PRIMARY KEY, v text);
INSERT INTO pk_r SELECT g, 'v' || g FROM generate_series(1, 40) g;
CREATE TABLE pk_c (a int, b int, note text, PRIMARY KEY (a, b));
INSERT INTO pk_c SELECT g % 4, g, 'n' || g FROM generate_series(1, 24) g;
CREATE TABLE pk_t (name text PRIMARY KEY, n int);
INSERT INTO pk_t VALUES ('apple', 1), ('apricot', 2), ('banana', 3), ('blueberry', 4),
  ('cherry', 5), ('date', 6), ('b', 7), ('ba', 8);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM pk_r WHERE id BETWEEN 5 AND 9;
SELECT * FROM pk_r WHERE id BETWEEN 5 AND 9;
EXPLAIN (COSTS OFF) SELECT * FROM pk_r WHERE id > 35;
SELECT * FROM pk_r WHERE id > 35;
SELECT * FROM pk_r WHERE id >= 38;
SELECT * FROM pk_r WHERE id < 3;
SELECT * FROM pk_r WHERE id <= 2 AND v <> 'v1';
SELECT * FROM pk_r WHERE id > 10 AND id < 10;
SELECT * FROM pk_r WHERE 37 < id;
SELECT count(*) FROM pk_r WHERE id >= 0 AND id <= 100;
EXPLAIN (COSTS OFF) SELECT * FROM pk_r WHERE id > 20 ORDER BY id LIMIT 3;
SELECT * FROM pk_r WHERE id > 20 ORDER BY id LIMIT 3;
EXPLAIN (COSTS OFF) SELECT * FROM pk_r WHERE id < 20 ORDER BY id DESC LIMIT 3;
SELECT * FROM pk_r WHERE id < 20 ORDER BY id DESC LIMIT 3;
PREPARE page(int) AS SELECT id, v FROM pk_r WHERE id > $1 ORDER BY id LIMIT 4;
EXECUTE page(0);
EXECUTE page(4);
EXECUTE page(38);
DEALLOCATE page;
EXPLAIN (COSTS OFF) SELECT * FROM pk_c WHERE a = 2 AND b > 10;
SELECT * FROM pk_c WHERE a = 2 AND b > 10;
SELECT * FROM pk_c WHERE a = 1 AND b BETWEEN 5 AND 17 ORDER BY b DESC;
EXPLAIN (COSTS OFF) SELECT * FROM pk_c WHERE a >= 3;
SELECT * FROM pk_c WHERE a >= 3;
EXPLAIN (COSTS OFF) SELECT * FROM pk_t WHERE name >= 'b' AND name < 'c';
SELECT * FROM pk_t WHERE name >= 'b' AND name < 'c';
SELECT * FROM pk_t WHERE name > 'b' AND name <= 'banana';
SELECT * FROM pk_t WHERE name < 'apricot';
EXPLAIN (COSTS OFF) UPDATE pk_r SET v = v || '!' WHERE id BETWEEN 11 AND 13;
UPDATE pk_r SET v = v || '!' WHERE id BETWEEN 11 AND 13 RETURNING *;
DELETE FROM pk_r WHERE id > 38 RETURNING *;
SELECT * FROM pk_r WHERE id >= 10 AND id <= 14;
SELECT count(*), min(id), max(id) FROM pk_r;
RESET enable_seqscan;
RESET enable_bitmapscan;
DROP TABLE pk_r, pk_c, pk_t;
