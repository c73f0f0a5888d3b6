-- Views: query shapes kept as text (WITH, UNION, VALUES, ORDER BY/LIMIT),
-- names, LATERAL, locking clauses, EXPLAIN, prepared statements
CREATE TABLE items (id int PRIMARY KEY, grp text, qty int);
INSERT INTO items VALUES (1, 'a', 5), (2, 'a', 7), (3, 'b', 1), (4, NULL, 2);
CREATE VIEW shapes AS WITH items AS (SELECT 10 AS id) SELECT id FROM items UNION ALL SELECT id FROM public.items;
SELECT * FROM shapes ORDER BY id;
CREATE VIEW vals (n, s) AS VALUES (1, 'one'), (2, 'two');
SELECT * FROM vals v JOIN items i ON i.id = v.n ORDER BY n;
CREATE VIEW top2 AS SELECT id, qty FROM items ORDER BY qty DESC LIMIT 2;
SELECT * FROM top2;
SELECT sum(qty) FROM top2;
CREATE VIEW "Mixed Case" AS SELECT grp AS "Group", count(*) AS n FROM items GROUP BY grp;
SELECT * FROM "Mixed Case" ORDER BY 1;
SELECT "Group" FROM "Mixed Case" WHERE n > 1;
CREATE VIEW nulls AS SELECT NULL AS n, 'lit' AS l;
SELECT pg_typeof(n), pg_typeof(l) FROM nulls;
SELECT i.id, t.qty FROM items i, LATERAL (SELECT qty FROM top2 WHERE top2.id = i.id) t ORDER BY 1;
SELECT g.x, s.id FROM generate_series(1, 2) g(x) JOIN shapes s ON s.id = g.x ORDER BY 1;
SELECT id FROM items WHERE qty > (SELECT min(qty) FROM top2) ORDER BY id;
UPDATE items SET qty = qty + 1 WHERE id IN (SELECT id FROM top2);
SELECT * FROM top2;
CREATE TABLE copied (id int, qty int);
INSERT INTO copied SELECT * FROM top2;
DELETE FROM copied WHERE id IN (SELECT id FROM top2 WHERE qty > 7);
SELECT * FROM copied ORDER BY id;
DROP TABLE copied;
SELECT v.* FROM vals AS v (a, b) WHERE a = 2;
SELECT * FROM vals AS v (a, b, c);
CREATE VIEW param AS SELECT $1;
CREATE OR REPLACE TABLE nope (a int);
CREATE VIEW star AS SELECT * FROM items;
SELECT * FROM star ORDER BY id;
DROP TABLE items, star;
DROP VIEW star, items;
DROP TABLE items CASCADE;
CREATE VIEW "select" AS SELECT 1 AS a;
CREATE VIEW over_select AS SELECT a FROM "select";
DROP VIEW "select";
DROP VIEW "select" CASCADE;
DROP VIEW vals, nulls;
-- A view with a set-returning function in its targets, read twice in one
-- query (the view's parsed query is shared by both reads).
CREATE TABLE srf_base (x int);
INSERT INTO srf_base VALUES (10), (20);
CREATE VIEW srf_view AS SELECT x, generate_series(1, 2) AS g FROM srf_base;
SELECT a.x, a.g, b.x, b.g FROM srf_view a JOIN srf_view b ON a.g = b.g AND a.x < b.x ORDER BY 1, 2;
SELECT (SELECT max(g) FROM srf_view), count(*) FROM srf_view;
DROP TABLE srf_base CASCADE;
