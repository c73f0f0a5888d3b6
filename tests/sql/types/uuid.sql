-- uuid: input forms, output, comparison, storage (primary key, unique and
-- secondary indexes), ORDER BY, GROUP BY, DISTINCT, joins, casts, errors,
-- gen_random_uuid().

-- Input forms: hyphenated, upper case, braces, no hyphens, hyphens after
-- any group of four digits.
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid;
SELECT '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid;
SELECT 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid;
SELECT 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid;
SELECT '{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}'::uuid;
SELECT uuid '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid;

-- Invalid input: 22P02 with the text quoted.
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-'::uuid;
SELECT 'a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT ' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT 'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT ''::uuid;

-- Comparison operators (byte order).
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11' AS eq,
       '00000000-0000-0000-0000-000000000001'::uuid < '10000000-0000-0000-0000-000000000000' AS lt,
       'ff000000-0000-0000-0000-000000000000'::uuid > '7f000000-0000-0000-0000-000000000000' AS gt,
       'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid <> 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12' AS ne,
       'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid <= 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS le,
       'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid >= 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS ge;

-- Casts: to text by assignment and explicitly, from text explicitly only.
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text;
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::text::uuid;
SELECT CAST('a0eebc999c0b4ef8bb6d6bb9bd380a11'::varchar AS uuid);
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::varchar(8);
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::text;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::bytea;
SELECT 1::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid || 'x';
SELECT pg_typeof('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid);

-- A table keyed by uuid.
CREATE TABLE uuid_items (id uuid PRIMARY KEY, other uuid UNIQUE, label text, ref uuid);
INSERT INTO uuid_items VALUES
  ('f0000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000aa', 'f1', NULL),
  ('0fffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-0000-0000-0000000000bb', 'low', 'f0000000-0000-0000-0000-000000000001'),
  ('{80000000-0000-0000-0000-000000000000}', NULL, 'mid', 'f0000000-0000-0000-0000-000000000001'),
  ('7FFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', NULL, 'high7', '0fffffff-ffff-ffff-ffff-ffffffffffff'),
  ('00000000000000000000000000000000', '00000000-0000-0000-0000-0000000000cc', 'zero', NULL);
SELECT * FROM uuid_items ORDER BY id;
SELECT id, label FROM uuid_items ORDER BY id DESC;
SELECT label FROM uuid_items WHERE id = '80000000-0000-0000-0000-000000000000';
SELECT label FROM uuid_items WHERE id > '7fffffff-ffff-ffff-ffff-ffffffffffff' ORDER BY label;
SELECT label FROM uuid_items WHERE id IN ('00000000-0000-0000-0000-000000000000', 'f0000000-0000-0000-0000-000000000001') ORDER BY label;
SELECT label FROM uuid_items WHERE id BETWEEN '0fffffff-ffff-ffff-ffff-ffffffffffff' AND '80000000-0000-0000-0000-000000000000' ORDER BY id;

-- Duplicate keys.
INSERT INTO uuid_items VALUES ('F0000000-0000-0000-0000-000000000001', NULL, 'dup', NULL);
INSERT INTO uuid_items VALUES ('10000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-0000000000aa', 'dup2', NULL);
INSERT INTO uuid_items VALUES ('not a uuid', NULL, 'bad', NULL);
INSERT INTO uuid_items (id, label) VALUES (1, 'int');

-- Text columns take a uuid by assignment.
CREATE TABLE uuid_as_text (t text, v varchar(40));
INSERT INTO uuid_as_text VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid);
SELECT * FROM uuid_as_text;
DROP TABLE uuid_as_text;

-- A secondary index, GROUP BY, DISTINCT, count(DISTINCT), a self join.
CREATE INDEX uuid_items_ref ON uuid_items (ref);
SELECT ref, count(*) FROM uuid_items GROUP BY ref ORDER BY ref;
SELECT DISTINCT ref FROM uuid_items ORDER BY ref NULLS FIRST;
SELECT count(DISTINCT ref) FROM uuid_items;
SELECT child.label, parent.label AS parent
  FROM uuid_items child JOIN uuid_items parent ON child.ref = parent.id
  ORDER BY child.label;
SELECT label FROM uuid_items WHERE ref = 'f0000000-0000-0000-0000-000000000001' ORDER BY label;
SET enable_seqscan = off;
SELECT label FROM uuid_items WHERE ref = 'f0000000-0000-0000-0000-000000000001' ORDER BY label;
RESET enable_seqscan;

-- UPDATE and DELETE by key.
UPDATE uuid_items SET id = 'e0000000-0000-0000-0000-000000000000' WHERE label = 'zero';
DELETE FROM uuid_items WHERE id = '7fffffff-ffff-ffff-ffff-ffffffffffff';
SELECT id, label FROM uuid_items ORDER BY id;

-- min and max do not exist for uuid.
SELECT min(id) FROM uuid_items;
SELECT max(id) FROM uuid_items;

-- gen_random_uuid(): version 4, variant 10xx, different each time.
SELECT length(gen_random_uuid()::text) AS length,
       substr(gen_random_uuid()::text, 15, 1) AS version,
       substr(gen_random_uuid()::text, 20, 1) IN ('8', '9', 'a', 'b') AS variant;
SELECT count(DISTINCT u) FROM (SELECT gen_random_uuid() AS u FROM generate_series(1, 100)) s;
SELECT pg_typeof(gen_random_uuid());
CREATE TABLE uuid_defaults (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), n int);
INSERT INTO uuid_defaults (n) SELECT g FROM generate_series(1, 20) g;
SELECT count(*), count(DISTINCT id) FROM uuid_defaults;
DROP TABLE uuid_defaults;

DROP TABLE uuid_items;
