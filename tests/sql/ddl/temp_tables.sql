-- Temporary tables: the session's own schema, searched first, gone when
-- the session ends; ON COMMIT PRESERVE ROWS / DELETE ROWS / DROP.
CREATE TABLE shadow (a int);
INSERT INTO shadow VALUES (1);
CREATE TEMP TABLE shadow (a int, b text);
INSERT INTO shadow VALUES (2, 'temp');
SELECT * FROM shadow;
SELECT * FROM public.shadow;
SELECT * FROM pg_temp.shadow;
SELECT c.relname, c.relpersistence, n.nspname LIKE 'pg_temp_%' AS in_temp_schema,
       pg_table_is_visible(c.oid) AS visible
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relname = 'shadow' ORDER BY 2;
CREATE TEMPORARY TABLE IF NOT EXISTS shadow (x int);
-- Other kinds of objects in it: a serial's sequence, an index, CREATE TEMP
-- TABLE AS; a plain CREATE TABLE still goes to public.
CREATE TEMP TABLE items (id serial PRIMARY KEY, name text UNIQUE);
INSERT INTO items (name) VALUES ('a'), ('b');
SELECT * FROM items ORDER BY id;
CREATE INDEX ON items (name);
CREATE TEMP TABLE squares AS SELECT g, g * g AS sq FROM generate_series(1, 3) g;
SELECT * FROM squares ORDER BY g;
CREATE TABLE plain (x int);
SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relname = 'plain';
CREATE TEMP TABLE public.wrong (x int);
CREATE TABLE wrong (x int) ON COMMIT DROP;
-- A temporary table created in a rolled-back transaction is gone.
BEGIN;
CREATE TEMP TABLE gone (x int);
ROLLBACK;
SELECT * FROM gone;
-- ON COMMIT.
CREATE TEMP TABLE dropped (x int) ON COMMIT DROP;
SELECT * FROM dropped;
BEGIN;
CREATE TEMP TABLE dropped (x int) ON COMMIT DROP;
INSERT INTO dropped VALUES (1);
SELECT * FROM dropped;
COMMIT;
SELECT * FROM dropped;
CREATE TEMP TABLE emptied (x int) ON COMMIT DELETE ROWS;
INSERT INTO emptied VALUES (1);
SELECT count(*) FROM emptied;
BEGIN;
INSERT INTO emptied VALUES (2);
SELECT count(*) FROM emptied;
COMMIT;
SELECT count(*) FROM emptied;
CREATE TEMP TABLE kept (x int) ON COMMIT PRESERVE ROWS;
INSERT INTO kept VALUES (1);
SELECT count(*) FROM kept;
DROP TABLE kept;
SELECT * FROM kept;
-- Temporary views, and a view over a temporary table, which is one too.
CREATE TEMP VIEW first_items AS SELECT name FROM items WHERE id = 1;
SELECT * FROM first_items;
CREATE VIEW squares_view AS SELECT g FROM squares WHERE g > 1;
SELECT * FROM squares_view ORDER BY g;
CREATE VIEW plain_view AS SELECT x FROM plain;
SELECT c.relname, c.relpersistence, n.nspname LIKE 'pg_temp_%' AS in_temp_schema
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relname IN ('first_items', 'squares_view', 'plain_view') ORDER BY 1;
DROP VIEW plain_view;
-- A new session has none of them; the permanent tables stay.
\c
SELECT * FROM shadow;
SELECT count(*) FROM pg_class
 WHERE relname IN ('items', 'squares', 'emptied', 'items_id_seq', 'first_items', 'squares_view')
   AND pg_table_is_visible(oid);
DROP TABLE shadow, plain;
