-- INSERT / UPDATE / DELETE through automatically updatable views: the
-- view's columns map to its table's, its WHERE limits what UPDATE and
-- DELETE touch, RETURNING reads the view's columns, and the reasons a view
-- is not updatable (55000, 0A000) with their DETAIL and HINT
\set QUIET off
CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, qty int DEFAULT 1, price numeric(8,2) CHECK (price >= 0), note text UNIQUE);
CREATE VIEW cheap AS SELECT id, name, qty, price, qty * price AS total FROM items WHERE price < 10;
\set QUIET on
-- INSERT: unlisted columns take the table's defaults (serial, DEFAULT)
INSERT INTO cheap (name, price) VALUES ('pen', 1.50) RETURNING *;
INSERT INTO cheap (name, qty, price) VALUES ('pad', 3, 2.25), ('ink', DEFAULT, 4) RETURNING id, name, total;
INSERT INTO cheap VALUES (100, 'cup', 2, 5.00);
INSERT INTO cheap (price, name) SELECT price * 2, name || '2' FROM cheap WHERE name = 'pen' RETURNING name, price;
-- a row the view does not show can still be inserted without CHECK OPTION
INSERT INTO cheap (name, price) VALUES ('lamp', 40) RETURNING *;
SELECT * FROM items ORDER BY id;
SELECT * FROM cheap ORDER BY id;
-- a computed column cannot be written
INSERT INTO cheap (name, total) VALUES ('x', 1);
INSERT INTO cheap VALUES (101, 'x', 1, 1, 1);
INSERT INTO cheap VALUES (101, 'x', 1, 1, DEFAULT);
UPDATE cheap SET total = 0;
UPDATE cheap SET name = 'y', total = 0 WHERE id = 1;
-- unknown columns and widths are INSERT's own errors
INSERT INTO cheap (nope) VALUES (1);
INSERT INTO cheap (name, name) VALUES ('a', 'b');
INSERT INTO cheap VALUES (1, 'a', 1, 1, 1, 1);
INSERT INTO cheap (name, price) VALUES ('a');
UPDATE cheap SET nope = 1;
-- UPDATE touches only the rows the view shows
\set QUIET off
UPDATE cheap SET qty = qty + 10;
UPDATE cheap SET price = price + 1 WHERE name LIKE 'p%' RETURNING name, price, total;
UPDATE cheap SET qty = 0 WHERE name = 'lamp';
\set QUIET on
SELECT id, name, qty, price FROM items ORDER BY id;
-- a row updated out of the view (no CHECK OPTION)
UPDATE cheap SET price = 50 WHERE name = 'cup' RETURNING *;
SELECT * FROM cheap ORDER BY id;
-- DELETE likewise
\set QUIET off
DELETE FROM cheap WHERE qty > 100;
DELETE FROM cheap WHERE name = 'lamp';
DELETE FROM cheap WHERE name = 'ink' RETURNING *;
\set QUIET on
SELECT id, name FROM items ORDER BY id;
-- aliases, qualified names, subqueries and joins in the statement
UPDATE cheap AS c SET qty = c.qty * 2 WHERE c.id IN (SELECT id FROM items WHERE name = 'pen') RETURNING c.name, c.qty;
UPDATE cheap c SET note = 'n' WHERE c.id = 1;
UPDATE cheap SET name = i.name || '!' FROM items i WHERE i.id = cheap.id AND i.name = 'pad' RETURNING cheap.name, i.name;
DELETE FROM cheap c USING items i WHERE i.id = c.id AND i.name = 'pad!' RETURNING c.id, i.name;
SELECT id, name, qty FROM items ORDER BY id;
-- constraints of the table are kept, and name the table
INSERT INTO cheap (name, price) VALUES (NULL, 1);
INSERT INTO cheap (name, price) VALUES ('neg', -1);
INSERT INTO cheap (id, name, price) VALUES (1, 'dup', 1);
UPDATE cheap SET price = -5 WHERE id = 4;
-- DEFAULT in UPDATE through a view is the view column's default: none, so NULL
UPDATE cheap SET qty = DEFAULT WHERE id = 4 RETURNING *;
-- renamed and reordered columns
CREATE VIEW renamed (label, cost, ident) AS SELECT name, price, id FROM items;
INSERT INTO renamed (label, cost) VALUES ('bag', 7) RETURNING *;
INSERT INTO renamed VALUES ('box', 8, 500) RETURNING ident, label;
UPDATE renamed SET cost = cost * 2 WHERE label = 'box' RETURNING *;
DELETE FROM renamed WHERE ident = 500 RETURNING label;
SELECT id, name, price FROM items ORDER BY id;
-- a view over a view: both WHEREs apply, columns map through both
CREATE VIEW cheap_named AS SELECT id AS num, name, total FROM cheap WHERE name <> 'bag';
SELECT * FROM cheap_named ORDER BY num;
INSERT INTO cheap_named (name) VALUES ('nested') RETURNING *;
UPDATE cheap_named SET name = upper(name);
SELECT * FROM cheap_named ORDER BY num;
UPDATE cheap_named SET total = 1;
DELETE FROM cheap_named WHERE num = 1 RETURNING *;
SELECT id, name, price FROM items ORDER BY id;
-- prepared statements and transactions
PREPARE ins(text, numeric) AS INSERT INTO cheap (name, price) VALUES ($1, $2) RETURNING name, total;
EXECUTE ins('clip', 0.5);
EXECUTE ins('tape', 1.5);
PREPARE upd(int) AS UPDATE cheap SET qty = $1 WHERE name IN ('clip', 'tape');
EXECUTE upd(4);
SELECT name, qty, total FROM cheap WHERE name IN ('clip', 'tape') ORDER BY name;
DEALLOCATE ins;
DEALLOCATE upd;
BEGIN;
DELETE FROM cheap;
SELECT count(*) FROM cheap;
ROLLBACK;
SELECT count(*) FROM cheap;
-- identity columns keep their rules through a view
CREATE TABLE ids (id int GENERATED ALWAYS AS IDENTITY, v text);
CREATE VIEW ids_v AS SELECT * FROM ids;
INSERT INTO ids_v (v) VALUES ('a') RETURNING *;
INSERT INTO ids_v VALUES (5, 'b');
INSERT INTO ids_v OVERRIDING SYSTEM VALUE VALUES (5, 'b') RETURNING *;
UPDATE ids_v SET id = 6;
UPDATE ids_v SET id = DEFAULT WHERE v = 'b' RETURNING *;
INSERT INTO ids_v (v) VALUES (DEFAULT), ('c') RETURNING *;
-- a view with a subquery in its WHERE
CREATE TABLE allowed (name text);
INSERT INTO allowed VALUES ('clip');
CREATE VIEW allowed_items AS SELECT id, name, qty FROM items i WHERE EXISTS (SELECT 1 FROM allowed a WHERE a.name = i.name);
UPDATE allowed_items SET qty = 99 RETURNING name, qty;
DELETE FROM allowed_items RETURNING name;
SELECT name FROM items WHERE name IN ('clip', 'tape') ORDER BY name;
-- a column set twice: named as the view's, or as the table's when two view
-- columns show one table column
CREATE VIEW twice AS SELECT id, id AS id2, name AS label FROM items;
UPDATE twice SET label = 'a', label = 'b';
UPDATE twice SET id = 1, id2 = 2;
INSERT INTO twice (id, id2) VALUES (1, 2);
INSERT INTO twice VALUES (1, 2, 'x');
DROP VIEW twice;
-- INSERT ... ON CONFLICT through a view: its column names, EXCLUDED as
-- the view's row, the check option on the updated row
CREATE TABLE kv (k int PRIMARY KEY, v text, n int DEFAULT 0);
CREATE VIEW kv_v AS SELECT k AS key, v AS val, n, v || '?' AS q FROM kv WHERE n >= 0 WITH CHECK OPTION;
INSERT INTO kv_v (key, val) VALUES (1, 'a');
INSERT INTO kv_v (key, val) VALUES (1, 'b') ON CONFLICT (key) DO UPDATE SET val = excluded.val || kv_v.val, n = kv_v.n + 1 RETURNING *;
INSERT INTO kv_v AS t (key, val) VALUES (1, 'c') ON CONFLICT (key) DO UPDATE SET val = excluded.q WHERE t.n > 5 RETURNING *;
INSERT INTO kv_v (key, val) VALUES (1, 'c'), (2, 'd') ON CONFLICT (key) DO NOTHING RETURNING *;
INSERT INTO kv_v (key, val) VALUES (1, 'c') ON CONFLICT (key) DO UPDATE SET n = -1;
INSERT INTO kv_v (key, val) VALUES (1, 'c') ON CONFLICT (val) DO NOTHING;
INSERT INTO kv_v (key, val) VALUES (1, 'c') ON CONFLICT (key) DO UPDATE SET q = 'x';
INSERT INTO kv_v (key, val) VALUES (1, 'c') ON CONFLICT ON CONSTRAINT kv_pkey DO UPDATE SET val = 'constraint' RETURNING key, val;
SELECT * FROM kv ORDER BY k;
DROP VIEW kv_v;
DROP TABLE kv;
-- views that are not automatically updatable
CREATE VIEW v_distinct AS SELECT DISTINCT name FROM items;
CREATE VIEW v_group AS SELECT name, count(*) AS n FROM items GROUP BY name;
CREATE VIEW v_having AS SELECT 1 AS one FROM items HAVING count(*) > 0;
CREATE VIEW v_union AS SELECT name FROM items UNION SELECT name FROM allowed;
CREATE VIEW v_with AS WITH w AS (SELECT * FROM items) SELECT id, name FROM w;
CREATE VIEW v_limit AS SELECT id, name FROM items LIMIT 2;
CREATE VIEW v_offset AS SELECT id, name FROM items OFFSET 1;
CREATE VIEW v_agg AS SELECT max(price) AS top FROM items;
CREATE VIEW v_window AS SELECT id, row_number() OVER () AS rn FROM items;
CREATE VIEW v_srf AS SELECT id, generate_series(1, 2) AS g FROM items;
CREATE VIEW v_join AS SELECT i.id, a.name FROM items i JOIN allowed a ON a.name = i.name;
CREATE VIEW v_comma AS SELECT i.id FROM items i, allowed a;
CREATE VIEW v_nofrom AS SELECT 1 AS one;
CREATE VIEW v_values AS VALUES (1, 'a');
CREATE VIEW v_sub AS SELECT id FROM (SELECT id FROM items) s;
CREATE VIEW v_func AS SELECT g FROM generate_series(1, 3) g;
CREATE MATERIALIZED VIEW mv AS SELECT id, name FROM items;
CREATE VIEW v_mv AS SELECT id, name FROM mv;
CREATE VIEW v_exprs AS SELECT id + 1 AS id1, upper(name) AS uname FROM items;
CREATE VIEW v_over_group AS SELECT name FROM v_group;
INSERT INTO v_distinct VALUES ('a');
UPDATE v_distinct SET name = 'a';
DELETE FROM v_distinct;
DELETE FROM v_group;
INSERT INTO v_group VALUES ('a', 1);
DELETE FROM v_having;
DELETE FROM v_union;
DELETE FROM v_with;
DELETE FROM v_limit;
DELETE FROM v_offset;
DELETE FROM v_agg;
DELETE FROM v_window;
DELETE FROM v_srf;
DELETE FROM v_join;
UPDATE v_comma SET id = 1;
INSERT INTO v_nofrom VALUES (1);
DELETE FROM v_values;
DELETE FROM v_sub;
DELETE FROM v_func;
DELETE FROM v_mv;
INSERT INTO v_exprs VALUES (1, 'a');
UPDATE v_exprs SET uname = 'a';
INSERT INTO v_over_group VALUES ('a');
UPDATE v_over_group SET name = 'a';
-- DELETE needs no updatable column
BEGIN;
DELETE FROM v_exprs WHERE uname = 'PEN' RETURNING *;
ROLLBACK;
-- a system view
INSERT INTO pg_tables VALUES ('a');
-- MERGE into a view is refused, as PostgreSQL 15
MERGE INTO cheap c USING items i ON c.id = i.id WHEN MATCHED THEN DO NOTHING;
-- information_schema
SELECT table_name, is_updatable, is_insertable_into FROM information_schema.views WHERE table_schema = 'public' ORDER BY table_name;
SELECT table_name, table_type, is_insertable_into FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;
SELECT table_name, column_name, is_updatable FROM information_schema.columns WHERE table_name IN ('cheap', 'cheap_named', 'v_exprs', 'v_group') ORDER BY table_name, ordinal_position;
DROP VIEW v_distinct, v_over_group, v_group, v_having, v_union, v_with, v_limit, v_offset, v_agg, v_window, v_srf, v_join, v_comma, v_nofrom, v_values, v_sub, v_func, v_mv, v_exprs, allowed_items, cheap_named, renamed, ids_v;
DROP MATERIALIZED VIEW mv;
DROP VIEW cheap;
DROP TABLE items, allowed, ids;
