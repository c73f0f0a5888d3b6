-- CREATE / ALTER / DROP SEQUENCE, nextval / currval / setval / lastval,
-- bounds, CYCLE, serial columns, pg_sequences.
\set QUIET off
CREATE SEQUENCE s1;
SELECT nextval('s1'), nextval('s1'), currval('s1'), lastval();
SELECT setval('s1', 10);
SELECT nextval('s1');
SELECT setval('s1', 20, false);
SELECT nextval('s1'), currval('s1');
SELECT setval('s1', 5, true), currval('s1');
CREATE SEQUENCE IF NOT EXISTS s1;
CREATE SEQUENCE s1;
-- descending, with bounds
CREATE SEQUENCE s2 INCREMENT BY -2 MINVALUE -5 MAXVALUE 10;
SELECT nextval('s2') FROM generate_series(1, 8);
SELECT nextval('s2');
SELECT currval('s2');
-- CYCLE
CREATE SEQUENCE s3 START WITH 2 MINVALUE 1 MAXVALUE 3 CYCLE;
SELECT nextval('s3') FROM generate_series(1, 5);
CREATE SEQUENCE s4 MAXVALUE 2;
SELECT nextval('s4'), nextval('s4');
SELECT nextval('s4');
-- types and options
CREATE SEQUENCE s5 AS smallint START 100 INCREMENT 50 CACHE 5 NO CYCLE;
SELECT sequencename, data_type, start_value, min_value, max_value, increment_by, cycle,
       cache_size, last_value
FROM pg_sequences WHERE sequencename LIKE 's_' ORDER BY sequencename;
ALTER SEQUENCE s5 AS integer;
ALTER SEQUENCE s5 INCREMENT BY 7 MAXVALUE 1000;
SELECT nextval('s5'), nextval('s5');
ALTER SEQUENCE s5 RESTART;
SELECT nextval('s5');
ALTER SEQUENCE s5 RESTART WITH 500;
SELECT nextval('s5');
SELECT sequencename, data_type, start_value, max_value, increment_by, last_value
FROM pg_sequences WHERE sequencename = 's5';
ALTER SEQUENCE IF EXISTS nosuch RESTART;
ALTER SEQUENCE nosuch RESTART;
-- option errors
CREATE SEQUENCE bad INCREMENT 0;
CREATE SEQUENCE bad START 0;
CREATE SEQUENCE bad MINVALUE 10 MAXVALUE 5;
CREATE SEQUENCE bad AS text;
CREATE SEQUENCE bad AS smallint MAXVALUE 100000;
CREATE SEQUENCE bad CACHE 0;
CREATE SEQUENCE bad START 5 START 6;
CREATE SEQUENCE bad INCREMENT -1 START 5;
ALTER SEQUENCE s5 RESTART WITH 2000;
SELECT setval('s5', 0);
-- function errors
SELECT nextval('nosuch');
CREATE TABLE notseq (a int);
SELECT nextval('notseq');
ALTER SEQUENCE notseq RESTART;
CREATE SEQUENCE fresh;
SELECT currval('fresh');
-- nextval is not undone by ROLLBACK
BEGIN;
SELECT nextval('fresh');
ROLLBACK;
SELECT nextval('fresh');
SELECT * FROM fresh;
SELECT last_value, is_called FROM s5;
-- serial columns
CREATE TABLE items (id serial PRIMARY KEY, big bigserial, small smallserial, name text);
INSERT INTO items (name) VALUES ('a'), ('b') RETURNING *;
INSERT INTO items (id, name) VALUES (10, 'explicit') RETURNING id;
INSERT INTO items (name) VALUES ('c') RETURNING id;
INSERT INTO items VALUES (DEFAULT, DEFAULT, DEFAULT, 'd') RETURNING *;
SELECT column_default FROM (SELECT pg_get_expr(d.adbin, d.adrelid) AS column_default, a.attname
  FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
  WHERE d.adrelid = 'items'::regclass) x ORDER BY attname;
SELECT sequencename, data_type, max_value FROM pg_sequences
WHERE sequencename LIKE 'items%' ORDER BY 1;
SELECT currval('items_id_seq'), lastval();
\d items
CREATE TABLE items2 (id serial DEFAULT 5);
DROP SEQUENCE items_id_seq;
DROP TABLE items;
SELECT count(*) FROM pg_class WHERE relname LIKE 'items%';
CREATE TABLE owned (id serial, n int);
DROP SEQUENCE owned_id_seq CASCADE;
\d owned
-- OWNED BY
CREATE TABLE holder (a int);
CREATE SEQUENCE held OWNED BY holder.a;
CREATE SEQUENCE held2 OWNED BY holder;
DROP TABLE holder;
SELECT count(*) FROM pg_class WHERE relname = 'held';
DROP SEQUENCE IF EXISTS nosuch;
DROP SEQUENCE s1, s2, s3, s4, s5, fresh;
DROP SEQUENCE notseq;
DROP TABLE notseq, owned;
DISCARD SEQUENCES;
