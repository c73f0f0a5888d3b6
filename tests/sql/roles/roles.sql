-- CREATE / ALTER / DROP ROLE: options, errors and privileges (PostgreSQL 15).
-- Roles are shared by every database: every name starts with regress_ and
-- the file drops what it creates.
CREATE ROLE regress_r1;
CREATE ROLE regress_r1;
CREATE USER regress_u1 PASSWORD 'secret' VALID UNTIL '2100-01-01' CONNECTION LIMIT 3;
CREATE ROLE regress_r2 WITH LOGIN CREATEDB CREATEROLE NOSUPERUSER INHERIT;
CREATE ROLE regress_r3 LOGIN LOGIN;
CREATE ROLE regress_r3 CONNECTION LIMIT -2;
CREATE ROLE regress_r3 FOOBAR;
CREATE ROLE pg_regress;
CREATE ROLE public;
CREATE ROLE regress_r3 UNENCRYPTED PASSWORD 'x';
CREATE ROLE regress_r3 VALID UNTIL 'not a time';
CREATE ROLE regress_r3 PASSWORD '';
CREATE ROLE regress_r4 PASSWORD NULL NOLOGIN NOINHERIT NOCREATEDB NOCREATEROLE;
CREATE GROUP regress_g1;
ALTER ROLE regress_nobody LOGIN;
ALTER ROLE regress_r1 LOGIN PASSWORD 'x' CONNECTION LIMIT 5 VALID UNTIL 'infinity';
ALTER ROLE regress_r1 LOGIN NOLOGIN;
ALTER ROLE regress_r1 RENAME TO regress_r2;
ALTER ROLE regress_r1 RENAME TO regress_r1b;
ALTER USER regress_r1b WITH NOLOGIN;
ALTER ROLE regress_r1b SET statement_timeout = '5s';
ALTER ROLE regress_r1b SET search_path TO public, pg_catalog;
ALTER ROLE regress_r1b SET no_such_parameter = 1;
ALTER ROLE regress_r1b SET work_mem TO DEFAULT;
ALTER ROLE regress_r1b RESET statement_timeout;
ALTER ROLE regress_r1b RESET ALL;
SET password_encryption = 'md5';
CREATE ROLE regress_md5 PASSWORD 'x';
ALTER ROLE regress_md5 RENAME TO regress_md5b;
SET password_encryption = 'sha1';
RESET password_encryption;
SHOW password_encryption;
-- A role without CREATEROLE may change its own password and settings only.
\c - regress_u1
SELECT current_user, session_user, current_role;
CREATE ROLE regress_x;
CREATE ROLE regress_x SUPERUSER;
CREATE ROLE regress_x REPLICATION;
ALTER ROLE regress_r3 LOGIN;
ALTER ROLE regress_u1 PASSWORD 'new';
ALTER ROLE regress_u1 CONNECTION LIMIT 1;
ALTER ROLE regress_u1 SET work_mem = '8MB';
ALTER ROLE regress_r3 SET work_mem = '8MB';
ALTER ROLE basalt LOGIN;
ALTER ROLE basalt SET work_mem = '8MB';
ALTER ROLE regress_r3 RENAME TO regress_r3b;
DROP ROLE regress_r3;
-- CREATEROLE manages roles that are not superusers.
\c - regress_r2
CREATE ROLE regress_x;
CREATE ROLE regress_y SUPERUSER;
ALTER ROLE regress_x RENAME TO regress_x2;
ALTER ROLE regress_x2 CREATEDB CONNECTION LIMIT 2;
ALTER ROLE regress_r2 RENAME TO regress_r2b;
DROP ROLE basalt;
DROP ROLE regress_r2;
DROP ROLE regress_x2;
\c - basalt
SELECT current_user;
DROP ROLE regress_nobody;
DROP ROLE IF EXISTS regress_nobody, regress_r3;
DROP USER IF EXISTS regress_nobody;
DROP GROUP regress_g1;
DROP ROLE CURRENT_USER;
DROP ROLE basalt;
DROP ROLE regress_r1b, regress_u1, regress_r2, regress_r4, regress_md5b;
DROP ROLE regress_r1b;
