-- Enum types: CREATE TYPE ... AS ENUM, values ordered by declaration,
-- ALTER TYPE ... ADD VALUE [BEFORE | AFTER] and RENAME VALUE, pg_enum and
-- pg_type, casts, the enum functions, keys and indexes, DROP TYPE with its
-- dependents.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE enum_t (id int PRIMARY KEY, m mood, ms mood[]);
INSERT INTO enum_t VALUES (1, 'happy', '{ok,sad}'), (2, 'sad', NULL), (3, NULL, '{}'), (4, 'ok', ARRAY['happy'::mood]);
SELECT * FROM enum_t ORDER BY m, id;
SELECT * FROM enum_t ORDER BY m DESC NULLS LAST;
SELECT id FROM enum_t WHERE m > 'sad' ORDER BY id;
SELECT id FROM enum_t WHERE m IN ('ok', 'happy') ORDER BY id;
SELECT id FROM enum_t WHERE m BETWEEN 'sad' AND 'ok' ORDER BY id;
INSERT INTO enum_t VALUES (5, 'angry');
SELECT 'x'::mood;
SELECT id FROM enum_t WHERE m = 'nope';
SELECT m::text, m::text || '!', m::varchar(2), cast(m AS text) FROM enum_t ORDER BY id;
SELECT 'ok'::text::mood, 'ok'::mood < 'happy'::mood, pg_typeof('ok'::mood), pg_typeof(ARRAY['ok'::mood]);
SELECT m = 'happy'::text FROM enum_t;
SELECT 1::mood;
SELECT 'ok'::mood(2);
SELECT max(m), min(m), count(DISTINCT m) FROM enum_t;
SELECT m, count(*) FROM enum_t GROUP BY m ORDER BY m;
SELECT DISTINCT m FROM enum_t ORDER BY 1;
SELECT array_agg(m ORDER BY m) FROM enum_t;
SELECT CASE WHEN id > 2 THEN m ELSE 'sad' END FROM enum_t ORDER BY id;
SELECT coalesce(m, 'ok') FROM enum_t ORDER BY id;
SELECT greatest(m, 'ok'), least(m, 'ok') FROM enum_t ORDER BY id;
SELECT m FROM enum_t UNION SELECT 'ok' ORDER BY 1;
SELECT ms, ms[1], 'sad' = ANY(ms), array_length(ms, 1) FROM enum_t ORDER BY id;
SELECT '{happy,sad,NULL}'::mood[], '{happy,nope}'::mood[];
-- The enum functions.
SELECT enum_range(NULL::mood), enum_first(NULL::mood), enum_last(NULL::mood);
SELECT enum_range('ok'::mood, NULL), enum_range(NULL, 'ok'::mood), enum_range('sad'::mood, 'ok'::mood);
SELECT enum_range('happy'::mood, 'sad'::mood);
SELECT enum_first(1);
-- Keys and indexes.
CREATE UNIQUE INDEX enum_t_m ON enum_t (m);
INSERT INTO enum_t VALUES (6, 'ok');
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM enum_t WHERE m = 'ok';
SELECT id FROM enum_t WHERE m = 'ok';
SELECT id FROM enum_t WHERE m >= 'ok' ORDER BY m;
RESET enable_seqscan;
CREATE TABLE enum_keyed (m mood PRIMARY KEY, n int);
INSERT INTO enum_keyed VALUES ('happy', 1), ('sad', 2), ('ok', 3);
INSERT INTO enum_keyed VALUES ('ok', 4) ON CONFLICT (m) DO UPDATE SET n = enum_keyed.n + 10;
SELECT * FROM enum_keyed ORDER BY m;
SELECT * FROM enum_keyed k JOIN enum_t t USING (m) ORDER BY m;
COPY enum_keyed FROM STDIN;
meh	5
\.
COPY (SELECT * FROM enum_keyed ORDER BY n) TO STDOUT;
ANALYZE enum_keyed;
SELECT attname, n_distinct, most_common_vals::text, histogram_bounds::text FROM pg_stats
  WHERE tablename = 'enum_keyed' AND attname = 'm';
-- ALTER TYPE: new labels take their place in the order without changing
-- the stored values; renamed labels show everywhere.
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
ALTER TYPE mood ADD VALUE 'ecstatic' AFTER 'happy';
ALTER TYPE mood ADD VALUE 'awful' BEFORE 'sad';
ALTER TYPE mood ADD VALUE 'fine';
ALTER TYPE mood ADD VALUE 'ok';
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok';
ALTER TYPE mood ADD VALUE 'x' BEFORE 'nope';
ALTER TYPE mood ADD VALUE 'this label is far too long for an enum because it has more than sixty-three bytes';
ALTER TYPE mood RENAME VALUE 'ok' TO 'alright';
ALTER TYPE mood RENAME VALUE 'nope' TO 'x';
ALTER TYPE mood RENAME VALUE 'sad' TO 'happy';
SELECT enum_range(NULL::mood);
SELECT enumlabel, enumsortorder FROM pg_enum WHERE enumtypid = 'mood'::regtype ORDER BY enumsortorder;
INSERT INTO enum_t VALUES (7, 'meh'), (8, 'ecstatic'), (9, 'awful');
SELECT * FROM enum_t ORDER BY m, id;
SELECT * FROM enum_keyed ORDER BY m;
SELECT id FROM enum_t WHERE m < 'alright' ORDER BY id;
-- The catalog.
SELECT t.typname, t.typtype, t.typcategory, t.typlen, t.typbyval, t.typinput, t.typoutput,
       t.typreceive, t.typsend, a.typname AS array_name, a.typelem = t.oid AS elem,
       a.typcategory AS array_category
  FROM pg_type t JOIN pg_type a ON a.oid = t.typarray WHERE t.typname = 'mood';
SELECT format_type('mood'::regtype, NULL), format_type('mood[]'::regtype, NULL), 'mood'::regtype, '_mood'::regtype;
SELECT attname, format_type(atttypid, atttypmod), atttypmod FROM pg_attribute
  WHERE attrelid = 'enum_t'::regclass AND attnum > 0 ORDER BY attnum;
-- Names: taken by types and by relations alike.
CREATE TYPE mood AS ENUM ('a');
CREATE TYPE enum_t AS ENUM ('a');
CREATE TABLE mood (a int);
CREATE VIEW mood AS SELECT 1;
CREATE TYPE empty AS ENUM ();
SELECT enum_range(NULL::empty);
SELECT enum_first(NULL::empty);
SELECT enum_last(NULL::empty);
ALTER TYPE empty ADD VALUE 'only';
SELECT enum_range(NULL::empty);
ALTER TYPE empty RENAME TO mood;
ALTER TYPE empty RENAME TO full_enum;
ALTER TYPE nope RENAME TO x;
CREATE SCHEMA enum_s;
ALTER TYPE full_enum SET SCHEMA enum_s;
SELECT 'only'::enum_s.full_enum, pg_typeof('only'::enum_s.full_enum), '{only}'::enum_s.full_enum[];
SELECT 'only'::full_enum;
CREATE TABLE enum_other (v enum_s.full_enum);
INSERT INTO enum_other VALUES ('only');
SELECT 'happy'::mood = 'only'::enum_s.full_enum;
-- DROP TYPE: refused while columns use it, CASCADE drops the columns.
DROP TYPE mood;
DROP TYPE mood CASCADE;
SELECT * FROM enum_t ORDER BY id;
SELECT * FROM enum_keyed ORDER BY 1;
DROP SCHEMA enum_s;
DROP SCHEMA enum_s CASCADE;
SELECT * FROM enum_other;
DROP TYPE nope;
DROP TYPE IF EXISTS nope;
DROP TYPE int4;
SELECT count(*) FROM pg_enum;
-- Rolled back with the transaction.
BEGIN;
CREATE TYPE tx_enum AS ENUM ('a', 'b');
SELECT enum_range(NULL::tx_enum);
ROLLBACK;
SELECT 'a'::tx_enum;
DROP TABLE enum_t, enum_other;
