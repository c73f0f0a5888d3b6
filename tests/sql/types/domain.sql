-- Domains: CREATE DOMAIN with NOT NULL, DEFAULT and CHECK constraints over
-- VALUE, checked on INSERT, UPDATE, COPY and casts; values behave as their
-- base type's; ALTER DOMAIN validating stored rows; DROP DOMAIN refused or
-- cascading to columns and to domains over it.
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN email AS varchar(20) NOT NULL CONSTRAINT has_at CHECK (VALUE LIKE '%@%') DEFAULT 'a@b';
CREATE TABLE dom_t (id int PRIMARY KEY, n posint, e email);
INSERT INTO dom_t VALUES (1, 5, 'x@y');
INSERT INTO dom_t VALUES (2, -1, 'x@y');
INSERT INTO dom_t VALUES (3, 1, 'nope');
INSERT INTO dom_t VALUES (4, 1, NULL);
INSERT INTO dom_t (id, n) VALUES (5, 2);
INSERT INTO dom_t VALUES (6, NULL, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@b');
SELECT * FROM dom_t ORDER BY id;
SELECT n + 1, pg_typeof(n + 1), e || '!', length(e) FROM dom_t ORDER BY id;
SELECT 3::posint, CAST('7' AS posint) + 1;
SELECT (-3)::posint;
SELECT 'q'::email;
SELECT NULL::email;
SELECT NULL::posint IS NULL;
UPDATE dom_t SET n = 0 WHERE id = 1;
UPDATE dom_t SET n = n + 1 RETURNING *;
UPDATE dom_t SET e = DEFAULT WHERE id = 1 RETURNING e;
INSERT INTO dom_t VALUES (7, 3, 'p@q') ON CONFLICT (id) DO NOTHING;
INSERT INTO dom_t VALUES (7, 3, 'p@q') ON CONFLICT (id) DO UPDATE SET n = -5;
COPY dom_t FROM STDIN;
8	4	c@d
\.
SELECT * FROM dom_t ORDER BY id;
-- The catalog.
SELECT typname, typtype, typbasetype::regtype, typnotnull, typtypmod, typdefault
  FROM pg_type WHERE typname IN ('posint', 'email') ORDER BY 1;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
  WHERE attrelid = 'dom_t'::regclass AND attnum > 0 ORDER BY attnum;
SELECT 'posint'::regtype, format_type('email'::regtype, NULL);
SELECT conname, contype, contypid::regtype, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true)
  FROM pg_constraint WHERE contypid IN ('posint'::regtype, 'email'::regtype) ORDER BY 1;
\dD
\dT
\d dom_t
-- ALTER DOMAIN.
ALTER DOMAIN posint ADD CONSTRAINT small CHECK (VALUE < 100);
INSERT INTO dom_t VALUES (10, 500, 'a@b');
ALTER DOMAIN posint ADD CONSTRAINT small CHECK (VALUE < 50);
ALTER DOMAIN posint ADD CONSTRAINT tiny CHECK (VALUE < 3);
ALTER DOMAIN posint ADD CONSTRAINT tiny CHECK (VALUE < 3) NOT VALID;
INSERT INTO dom_t VALUES (11, 3, 'a@b');
ALTER DOMAIN posint VALIDATE CONSTRAINT tiny;
ALTER DOMAIN posint DROP CONSTRAINT tiny;
ALTER DOMAIN posint DROP CONSTRAINT small;
ALTER DOMAIN posint DROP CONSTRAINT nope;
ALTER DOMAIN posint DROP CONSTRAINT IF EXISTS nope;
ALTER DOMAIN posint RENAME CONSTRAINT posint_check TO positive;
INSERT INTO dom_t VALUES (12, 0, 'a@b');
ALTER DOMAIN email DROP NOT NULL;
INSERT INTO dom_t VALUES (13, 1, NULL);
ALTER DOMAIN email SET NOT NULL;
DELETE FROM dom_t WHERE id = 13;
ALTER DOMAIN email SET NOT NULL;
ALTER DOMAIN email SET DEFAULT 'z@z';
INSERT INTO dom_t (id) VALUES (14);
ALTER DOMAIN email DROP DEFAULT;
INSERT INTO dom_t (id) VALUES (15);
SELECT * FROM dom_t ORDER BY id;
ALTER DOMAIN nope SET NOT NULL;
-- ALTER TABLE with domains: added columns take the domain's checks and
-- default, a changed column type checks its rows.
CREATE DOMAIN pi2 AS int CHECK (VALUE > 0);
CREATE DOMAIN em2 AS text NOT NULL;
CREATE TABLE dom_at (id int, n int);
INSERT INTO dom_at VALUES (1, 5), (2, -1);
ALTER TABLE dom_at ADD COLUMN extra pi2 DEFAULT 3;
ALTER TABLE dom_at ADD COLUMN bad pi2 DEFAULT -3;
ALTER TABLE dom_at ADD COLUMN e2 em2;
ALTER TABLE dom_at ALTER COLUMN n TYPE pi2;
ALTER TABLE dom_at ALTER COLUMN id TYPE pi2;
ALTER TABLE dom_at ALTER COLUMN extra TYPE text;
SELECT * FROM dom_at ORDER BY id;
\d dom_at
INSERT INTO dom_at VALUES (0, 1, 'x');
DROP TABLE dom_at;
DROP DOMAIN pi2;
DROP DOMAIN em2;
-- A domain over a domain.
CREATE DOMAIN small_posint AS posint CHECK (VALUE < 10);
SELECT 7::small_posint, pg_typeof(7::small_posint + 1);
SELECT 70::small_posint;
SELECT 0::small_posint;
CREATE TABLE dom_u (s small_posint);
INSERT INTO dom_u VALUES (9);
INSERT INTO dom_u VALUES (10);
-- Errors.
CREATE DOMAIN bad AS int NULL NOT NULL;
CREATE DOMAIN bad AS nosuch;
CREATE DOMAIN posint AS int;
CREATE TYPE dom_enum AS ENUM ('a');
DROP DOMAIN dom_enum;
ALTER DOMAIN dom_enum SET NOT NULL;
ALTER TYPE posint ADD VALUE 'x';
DROP TYPE dom_enum;
-- DROP DOMAIN.
DROP DOMAIN posint;
DROP DOMAIN posint CASCADE;
SELECT * FROM dom_t ORDER BY id;
SELECT * FROM dom_u;
DROP DOMAIN nope;
DROP DOMAIN IF EXISTS nope;
DROP TABLE dom_t, dom_u;
DROP DOMAIN email;
SELECT count(*) FROM pg_type WHERE typtype = 'd' AND typnamespace = 'public'::regnamespace;
