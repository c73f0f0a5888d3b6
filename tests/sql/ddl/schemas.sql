-- CREATE / ALTER / DROP SCHEMA, search_path and schema-qualified names.
CREATE SCHEMA app;
CREATE SCHEMA app;
CREATE SCHEMA IF NOT EXISTS app;
CREATE SCHEMA pg_bad;
SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'app';
CREATE TABLE app.items (id int PRIMARY KEY, name text);
INSERT INTO app.items VALUES (1, 'one'), (2, 'two');
SELECT * FROM app.items ORDER BY id;
SELECT * FROM items;
SET search_path = app, public;
SELECT name FROM items WHERE id = 2;
CREATE TABLE notes (n int);
SELECT schemaname, tablename FROM pg_tables WHERE tablename IN ('items', 'notes') ORDER BY 2;
RESET search_path;
SELECT count(*) FROM app.notes;
CREATE VIEW public.item_names AS SELECT name FROM app.items;
CREATE SEQUENCE app.counter;
SELECT nextval('app.counter');
-- RESTRICT refuses while objects remain.
DROP SCHEMA app;
DROP SCHEMA app RESTRICT;
-- Renames and owners.
ALTER SCHEMA app RENAME TO application;
SELECT * FROM application.items ORDER BY id;
SELECT * FROM item_names ORDER BY name;
ALTER SCHEMA application RENAME TO public;
ALTER SCHEMA missing RENAME TO other;
CREATE ROLE schema_owner;
ALTER SCHEMA application OWNER TO schema_owner;
SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'application';
ALTER SCHEMA application OWNER TO basalt;
-- CASCADE drops what is in it and what depends on that.
DROP SCHEMA application CASCADE;
SELECT count(*) FROM pg_class WHERE relname IN ('items', 'notes', 'item_names', 'counter');
DROP SCHEMA application;
DROP SCHEMA IF EXISTS application;
DROP SCHEMA public, missing;
-- AUTHORIZATION: the schema named after the role.
CREATE SCHEMA AUTHORIZATION schema_owner;
CREATE SCHEMA owned AUTHORIZATION schema_owner;
SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace
  WHERE nspname IN ('schema_owner', 'owned') ORDER BY 1;
DROP ROLE schema_owner;
DROP SCHEMA schema_owner, owned;
DROP ROLE schema_owner;
-- A transaction's schema goes with its rollback.
BEGIN;
CREATE SCHEMA temporary_one;
CREATE TABLE temporary_one.t (a int);
ROLLBACK;
SELECT count(*) FROM pg_namespace WHERE nspname = 'temporary_one';
CREATE TABLE temporary_one.t (a int);
-- Empty schemas, and several at once.
CREATE SCHEMA s1;
CREATE SCHEMA s2;
CREATE TABLE s2.t (a int);
DROP SCHEMA s1, s2 CASCADE;
SELECT nspname FROM pg_namespace WHERE nspname IN ('s1', 's2');
DROP SCHEMA pg_catalog;
-- Everything a schema holds, and a foreign key from outside it.
CREATE SCHEMA p;
CREATE TABLE p.t (id serial PRIMARY KEY, v int);
CREATE TABLE p.u (id int REFERENCES p.t);
CREATE INDEX ON p.t (v);
CREATE VIEW p.v AS SELECT * FROM p.t;
CREATE MATERIALIZED VIEW p.m AS SELECT * FROM p.t;
CREATE TABLE public.o (id int REFERENCES p.t);
DROP SCHEMA p;
DROP SCHEMA p CASCADE;
SELECT conname FROM pg_constraint WHERE conrelid = 'o'::regclass;
DROP TABLE o;
CREATE SCHEMA q;
ALTER SCHEMA q RENAME TO pg_q;
DROP SCHEMA q;
-- A role without CREATE on the database.
CREATE ROLE plain_user LOGIN;
DROP ROLE plain_user;
-- SET search_path keeps each name quoted as needed
set search_path = '$user', public, 'A b', "select", 'a,b';
show search_path;
set search_path = '';
show search_path;
set search_path = "$user", public;
show search_path;
select current_schemas(false);
reset search_path;
-- Schema elements: CREATE TABLE, VIEW, INDEX and SEQUENCE made in the new
-- schema (sequences, tables, views, then indexes, as PostgreSQL orders
-- them), unqualified names resolved there first.
CREATE SCHEMA hr
  CREATE VIEW names AS SELECT name FROM staff
  CREATE TABLE staff (id int PRIMARY KEY, name text, dept int)
  CREATE INDEX ON staff (dept)
  CREATE SEQUENCE ids;
\d hr.*
SELECT nextval('hr.ids');
INSERT INTO hr.staff VALUES (1, 'ann', 10);
SELECT * FROM hr.names;
SHOW search_path;
CREATE SCHEMA other CREATE TABLE hr.t (a int);
CREATE SCHEMA other CREATE INDEX ON hr.staff (name);
CREATE SCHEMA IF NOT EXISTS other CREATE TABLE t (a int);
CREATE SCHEMA other CREATE ROLE r;
CREATE SCHEMA other CREATE TABLE t2 AS SELECT 1;
CREATE SCHEMA other CREATE MATERIALIZED VIEW m AS SELECT 1;
CREATE SCHEMA other CREATE TABLE other.t (a int) CREATE TABLE t (b int);
CREATE SCHEMA other CREATE TEMP TABLE tt (a int);
-- A failed element leaves no schema.
SELECT count(*) FROM pg_namespace WHERE nspname = 'other';
CREATE SCHEMA AUTHORIZATION basalt CREATE TABLE tb (a int);
\dt basalt.*
CREATE SCHEMA shadow CREATE TABLE staff (a int) CREATE VIEW v AS SELECT * FROM staff;
SELECT * FROM shadow.v;
DROP SCHEMA hr CASCADE;
DROP SCHEMA basalt CASCADE;
DROP SCHEMA shadow CASCADE;
