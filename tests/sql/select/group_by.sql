-- GROUP BY (expressions, positions, output names, several keys, NULL keys,
-- numeric keys by value), HAVING, ORDER BY and LIMIT over groups, EXPLAIN,
-- and the grouping errors
CREATE TABLE orders (id int PRIMARY KEY, cust text, region varchar(8), amount numeric(10,2), qty int, placed date, rush bool);
INSERT INTO orders VALUES
  (1, 'ann', 'north', 10.50, 1, '2024-01-05', true),
  (2, 'bob', 'south', 20.00, 2, '2024-01-05', false),
  (3, 'ann', 'north', 5.25, 3, '2024-02-10', false),
  (4, 'cid', NULL, 7.00, NULL, '2024-02-10', NULL),
  (5, NULL, 'south', 1.00, 1, NULL, true),
  (6, 'bob', 'north', 3.75, 5, '2024-03-01', true),
  (7, NULL, NULL, NULL, 2, '2024-03-01', false),
  (8, 'ann', 'south', 100.00, 1, '2024-01-05', true);

SELECT cust, sum(amount) FROM orders GROUP BY cust ORDER BY cust;
SELECT cust, count(*), count(amount), min(placed), max(placed) FROM orders GROUP BY cust ORDER BY cust NULLS FIRST;
SELECT region, cust, count(*) FROM orders GROUP BY region, cust ORDER BY region, cust;
SELECT cust, region, sum(qty) FROM orders GROUP BY 1, 2 ORDER BY 1, 2;
SELECT count(*) FROM orders GROUP BY cust ORDER BY 1;
SELECT count(*) AS n, cust FROM orders GROUP BY cust ORDER BY n DESC, cust;
SELECT rush, count(*), sum(amount) FROM orders GROUP BY rush ORDER BY rush;
SELECT placed, string_agg(cust, ',') FROM orders GROUP BY placed ORDER BY placed;
SELECT cust FROM orders GROUP BY cust ORDER BY cust;
SELECT cust, cust FROM orders GROUP BY cust, cust ORDER BY 1;
SELECT region FROM orders GROUP BY region, region ORDER BY region DESC;

-- expressions as keys and over keys
SELECT upper(cust), count(*) FROM orders GROUP BY upper(cust) ORDER BY 1;
SELECT upper(cust) || '!' AS shout, count(*) FROM orders GROUP BY upper(cust) ORDER BY shout;
SELECT qty % 2 AS parity, sum(qty) FROM orders GROUP BY qty % 2 ORDER BY parity;
SELECT qty % 2, sum(qty) FROM orders GROUP BY 1 ORDER BY 1;
SELECT amount > 5 AS big, count(*) FROM orders GROUP BY amount > 5 ORDER BY big;
SELECT cust IS NULL, count(*) FROM orders GROUP BY cust IS NULL ORDER BY 1;
SELECT length(cust) * 10 + count(*) FROM orders GROUP BY length(cust) ORDER BY 1;
SELECT cust, sum(amount) / count(*) AS mean, max(qty) - min(qty) AS spread FROM orders GROUP BY cust ORDER BY cust;
SELECT coalesce(cust, '?') AS who, count(*) FROM orders GROUP BY who ORDER BY who;
SELECT placed, count(*) FROM orders GROUP BY placed ORDER BY count(*) DESC, placed;

-- output names: an input column wins in GROUP BY
SELECT cust AS region, count(*) FROM orders GROUP BY region ORDER BY 2, 1;
SELECT qty AS q, count(*) FROM orders GROUP BY q ORDER BY q;
SELECT qty AS q, qty AS q FROM orders GROUP BY q ORDER BY 1;

-- group keys by value
CREATE TABLE keys (k numeric, f float8, t text);
INSERT INTO keys VALUES (1, 0, 'a'), (1.0, -0, 'a '), (1.00, 'NaN', 'A'), (2.5, 'NaN', 'a'), (NULL, NULL, NULL), (NULL, NULL, '');
SELECT k, count(*) FROM keys GROUP BY k ORDER BY k;
SELECT f, count(*) FROM keys GROUP BY f ORDER BY f;
SELECT t, count(*) FROM keys GROUP BY t ORDER BY t;
SELECT count(DISTINCT k), count(DISTINCT f), count(DISTINCT t) FROM keys;
SELECT k + 0 AS k2, sum(k) FROM keys GROUP BY k + 0 ORDER BY 1;

-- HAVING
SELECT cust, sum(amount) FROM orders GROUP BY cust HAVING sum(amount) > 20 ORDER BY cust;
SELECT cust, count(*) FROM orders GROUP BY cust HAVING count(*) > 1 AND cust <> 'bob' ORDER BY cust;
SELECT cust FROM orders GROUP BY cust HAVING max(qty) >= 3 ORDER BY cust;
SELECT cust, count(*) FROM orders GROUP BY cust HAVING cust IS NULL;
SELECT count(*) FROM orders HAVING count(*) > 5;
SELECT count(*) FROM orders HAVING count(*) > 50;
SELECT 1 AS one FROM orders HAVING true;
SELECT 'x' FROM orders HAVING min(qty) = 1;
SELECT cust, sum(qty) FROM orders GROUP BY cust HAVING sum(qty) IS NULL OR sum(qty) > 5 ORDER BY cust;
SELECT cust FROM orders GROUP BY cust HAVING bool_or(rush) ORDER BY cust;
SELECT count(*) FROM orders WHERE amount > 5 HAVING sum(amount) > 0;
SELECT cust FROM orders GROUP BY cust HAVING 1;

-- ORDER BY and LIMIT over groups
SELECT cust, sum(amount) AS total FROM orders GROUP BY cust ORDER BY total DESC NULLS LAST LIMIT 2;
SELECT cust FROM orders GROUP BY cust ORDER BY sum(qty) DESC NULLS LAST, cust LIMIT 3 OFFSET 1;
SELECT cust, count(*) FROM orders GROUP BY cust ORDER BY count(*), cust NULLS FIRST LIMIT 2;
SELECT cust, avg(qty) FROM orders GROUP BY cust ORDER BY avg(qty) NULLS FIRST;
SELECT region FROM orders GROUP BY region ORDER BY min(id);
SELECT region, max(amount) FROM orders WHERE rush GROUP BY region ORDER BY 2 DESC;
SELECT cust, count(*) FROM orders WHERE id > 100 GROUP BY cust;
SELECT count(*) FROM orders WHERE id > 100 GROUP BY cust;


-- errors
SELECT cust, qty FROM orders GROUP BY cust;
SELECT o.cust, o.qty FROM orders o GROUP BY o.cust;
SELECT cust, count(*) FROM orders GROUP BY cust ORDER BY qty;
SELECT count(*) FROM orders GROUP BY cust HAVING qty > 1;
SELECT qty, count(*) FROM orders;
SELECT *, count(*) FROM orders GROUP BY cust;
SELECT o.*, count(*) FROM orders o GROUP BY id ORDER BY id;
SELECT qty + 1 FROM orders GROUP BY qty + 2;
SELECT sum(amount) FROM orders WHERE sum(amount) > 1;
SELECT sum(sum(amount)) FROM orders;
SELECT count(max(qty)) FROM orders GROUP BY cust;
SELECT cust FROM orders GROUP BY sum(qty);
SELECT cust, sum(qty) FROM orders GROUP BY 2;
SELECT cust FROM orders GROUP BY 3;
SELECT cust FROM orders GROUP BY 0;
SELECT cust FROM orders GROUP BY 'cust';
SELECT cust FROM orders GROUP BY nosuch;
SELECT cust AS x, qty AS x FROM orders GROUP BY x;
SELECT count(*) FROM orders LIMIT count(*);
SELECT count(*) FROM orders OFFSET sum(qty);
SELECT cust FROM orders GROUP BY cust HAVING qty;
SELECT cust FROM orders GROUP BY cust HAVING count(*);
SELECT cust FROM orders GROUP BY cust FOR UPDATE;
SELECT count(*) FROM orders FOR UPDATE;
SELECT 1 FROM orders HAVING count(*) > 1 FOR SHARE;
SELECT cust FROM orders GROUP BY cust FOR NO KEY UPDATE;
UPDATE orders SET qty = sum(qty);
DELETE FROM orders WHERE count(*) > 1;
INSERT INTO orders VALUES (count(*));
CREATE TABLE bad (a int DEFAULT count(*));
CREATE TABLE bad (a int DEFAULT sum(1) + 1);

-- INSERT ... SELECT with aggregates
CREATE TABLE totals (cust text, total numeric, n bigint);
INSERT INTO totals SELECT cust, sum(amount), count(*) FROM orders GROUP BY cust;
SELECT * FROM totals ORDER BY cust;

DROP TABLE orders;
DROP TABLE keys;
DROP TABLE totals;

-- a table grouped by its primary key determines its other columns
CREATE TABLE items (id int PRIMARY KEY, name text, price numeric);
CREATE TABLE pairs (a int, b int, c text, PRIMARY KEY (a, b));
INSERT INTO items VALUES (1, 'bolt', 0.10), (2, 'nut', 0.05), (3, 'gear', 2.50);
INSERT INTO pairs VALUES (1, 1, 'x'), (1, 2, 'y'), (2, 1, 'z');
SELECT id, name, price * 2 FROM items GROUP BY id ORDER BY name;
SELECT name, count(*) FROM items GROUP BY id HAVING price > 0.07 ORDER BY id;
SELECT * FROM items GROUP BY id ORDER BY price DESC;
SELECT a, b, c FROM pairs GROUP BY a, b ORDER BY c;
SELECT a, c FROM pairs GROUP BY a;
SELECT i.name FROM items i GROUP BY i.id, i.name ORDER BY 1;
SELECT name FROM items GROUP BY id + 0;
DROP TABLE items;
DROP TABLE pairs;
-- GROUP BY an interval or timestamptz expression, by ordinal and spelled
-- out again (the binder matches the two expressions).
SELECT x * interval '1 hour' AS span, count(*) FROM (VALUES (1), (2), (2)) v(x) GROUP BY 1 ORDER BY 1;
SELECT timestamptz '2024-03-09 12:00+00' + x * interval '1 day', count(*)
FROM (VALUES (1), (2), (2)) v(x) GROUP BY timestamptz '2024-03-09 12:00+00' + x * interval '1 day' ORDER BY 1;
