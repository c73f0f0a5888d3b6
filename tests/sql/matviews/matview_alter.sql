-- ALTER MATERIALIZED VIEW [IF EXISTS] ... RENAME TO, RENAME [COLUMN],
-- SET SCHEMA, OWNER TO, SET (...), RESET (...), and the ALTER TABLE /
-- ALTER VIEW forms that share them: PostgreSQL 15's errors, notices and
-- effects on pg_class, pg_matviews and the views over a renamed one.
CREATE TABLE ma_base (id int PRIMARY KEY, grp text, amount int);
INSERT INTO ma_base VALUES (1, 'a', 10), (2, 'a', 5), (3, 'b', 7);
CREATE MATERIALIZED VIEW ma_sums AS SELECT grp, sum(amount) AS total FROM ma_base GROUP BY grp;
CREATE UNIQUE INDEX ma_sums_grp ON ma_sums (grp);
CREATE VIEW ma_plain AS SELECT id FROM ma_base;
CREATE ROLE ma_role;
-- the kind must match
ALTER MATERIALIZED VIEW ma_base RENAME TO ma_other;
ALTER MATERIALIZED VIEW ma_plain RENAME TO ma_other;
ALTER MATERIALIZED VIEW ma_base SET (fillfactor = 70);
ALTER MATERIALIZED VIEW ma_base OWNER TO ma_role;
ALTER MATERIALIZED VIEW ma_base SET SCHEMA public;
ALTER VIEW ma_sums RENAME TO ma_other;
-- missing relations, with and without IF EXISTS
ALTER MATERIALIZED VIEW ma_missing RENAME TO ma_other;
ALTER MATERIALIZED VIEW IF EXISTS ma_missing RENAME TO ma_other;
ALTER MATERIALIZED VIEW IF EXISTS ma_missing RENAME COLUMN a TO b;
ALTER MATERIALIZED VIEW IF EXISTS ma_missing SET SCHEMA public;
ALTER MATERIALIZED VIEW IF EXISTS ma_missing OWNER TO ma_role;
ALTER MATERIALIZED VIEW IF EXISTS ma_missing SET (fillfactor = 50);
ALTER MATERIALIZED VIEW IF EXISTS ma_missing RESET (fillfactor);
-- RENAME TO
ALTER MATERIALIZED VIEW ma_sums RENAME TO ma_base;
ALTER MATERIALIZED VIEW ma_sums RENAME TO ma_sums;
ALTER MATERIALIZED VIEW ma_sums RENAME TO ma_totals;
SELECT * FROM ma_totals ORDER BY grp;
SELECT * FROM ma_sums;
SELECT matviewname, hasindexes, ispopulated FROM pg_matviews WHERE matviewname LIKE 'ma%';
REFRESH MATERIALIZED VIEW CONCURRENTLY ma_totals;
-- RENAME [COLUMN]
ALTER MATERIALIZED VIEW ma_totals RENAME COLUMN nope TO x;
ALTER MATERIALIZED VIEW ma_totals RENAME COLUMN total TO grp;
ALTER MATERIALIZED VIEW ma_totals RENAME COLUMN total TO amount_sum;
ALTER MATERIALIZED VIEW ma_totals RENAME grp TO grp_name;
SELECT * FROM ma_totals ORDER BY grp_name;
SELECT pg_get_viewdef('ma_totals'::regclass);
\d ma_totals
INSERT INTO ma_base VALUES (4, 'c', 1);
REFRESH MATERIALIZED VIEW ma_totals;
SELECT * FROM ma_totals ORDER BY grp_name;
-- SET (...) / RESET (...)
ALTER MATERIALIZED VIEW ma_totals SET (fillfactor = 70);
SELECT relname, reloptions FROM pg_class WHERE relname = 'ma_totals';
ALTER MATERIALIZED VIEW ma_totals SET (autovacuum_enabled = false, fillfactor = 80);
SELECT relname, reloptions FROM pg_class WHERE relname = 'ma_totals';
\d+ ma_totals
ALTER MATERIALIZED VIEW ma_totals SET (no_such_parameter = 1);
ALTER MATERIALIZED VIEW ma_totals SET (fillfactor = 5);
ALTER MATERIALIZED VIEW ma_totals SET (fillfactor = 'abc');
ALTER MATERIALIZED VIEW ma_totals SET (autovacuum_enabled = maybe);
ALTER MATERIALIZED VIEW ma_totals RESET (fillfactor, no_such_parameter);
SELECT relname, reloptions FROM pg_class WHERE relname = 'ma_totals';
ALTER MATERIALIZED VIEW ma_totals RESET (autovacuum_enabled);
SELECT relname, reloptions FROM pg_class WHERE relname = 'ma_totals';
-- OWNER TO
ALTER MATERIALIZED VIEW ma_totals OWNER TO ma_no_such_role;
ALTER MATERIALIZED VIEW ma_totals OWNER TO ma_role;
SELECT matviewname, matviewowner FROM pg_matviews WHERE matviewname = 'ma_totals';
ALTER MATERIALIZED VIEW ma_totals OWNER TO CURRENT_USER;
SELECT matviewname, matviewowner FROM pg_matviews WHERE matviewname = 'ma_totals';
-- SET SCHEMA: the view and its index move; readers of it follow (no
-- CREATE SCHEMA yet: pg_catalog, as a superuser may)
CREATE VIEW ma_reader AS SELECT grp_name FROM ma_totals;
ALTER MATERIALIZED VIEW ma_totals SET SCHEMA ma_no_such_schema;
ALTER MATERIALIZED VIEW ma_totals SET SCHEMA public;
ALTER MATERIALIZED VIEW ma_totals SET SCHEMA pg_catalog;
SELECT * FROM public.ma_totals;
SELECT * FROM pg_catalog.ma_totals ORDER BY grp_name;
SELECT schemaname, matviewname, hasindexes FROM pg_matviews WHERE matviewname = 'ma_totals';
SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relname = 'ma_sums_grp';
SELECT * FROM ma_reader ORDER BY grp_name;
SELECT pg_get_viewdef('ma_reader'::regclass);
REFRESH MATERIALIZED VIEW pg_catalog.ma_totals;
CREATE TABLE public.ma_totals (x int);
ALTER MATERIALIZED VIEW pg_catalog.ma_totals SET SCHEMA public;
DROP TABLE public.ma_totals;
CREATE TABLE public.ma_sums_grp (x int);
ALTER MATERIALIZED VIEW pg_catalog.ma_totals SET SCHEMA public;
DROP TABLE public.ma_sums_grp;
ALTER MATERIALIZED VIEW pg_catalog.ma_totals SET SCHEMA public;
SELECT schemaname, matviewname FROM pg_matviews WHERE matviewname = 'ma_totals';
-- ALTER TABLE takes any relation; ALTER VIEW a view
ALTER TABLE ma_totals RENAME TO ma_renamed;
ALTER VIEW ma_reader RENAME TO ma_reader2;
ALTER VIEW ma_reader2 RENAME COLUMN grp_name TO g;
SELECT * FROM ma_reader2 ORDER BY g;
ALTER TABLE IF EXISTS ma_missing RENAME TO ma_other;
ALTER TABLE ma_base OWNER TO ma_role;
ALTER TABLE ma_base SET (fillfactor = 90);
SELECT relname, reloptions FROM pg_class WHERE relname = 'ma_base';
-- a renamed column of a relation that views read: they go on reading it
CREATE VIEW ma_by_id AS SELECT b.id, b.amount * 2 AS twice FROM ma_base b WHERE b.grp = 'a';
CREATE MATERIALIZED VIEW ma_amounts AS SELECT amount, grp FROM ma_base WHERE amount > 5;
ALTER TABLE ma_base RENAME COLUMN amount TO amt;
SELECT * FROM ma_by_id ORDER BY id;
SELECT pg_get_viewdef('ma_by_id'::regclass);
SELECT pg_get_viewdef('ma_amounts'::regclass, true);
REFRESH MATERIALIZED VIEW ma_amounts;
SELECT * FROM ma_amounts ORDER BY amount;
ALTER MATERIALIZED VIEW ma_amounts RENAME COLUMN amount TO amt;
SELECT * FROM ma_amounts ORDER BY amt;
DROP VIEW ma_by_id;
DROP MATERIALIZED VIEW ma_amounts;
-- only the owner (or a superuser) alters
CREATE ROLE ma_user LOGIN;
\c - ma_user
ALTER MATERIALIZED VIEW ma_renamed RENAME TO ma_mine;
ALTER MATERIALIZED VIEW ma_renamed RENAME COLUMN grp_name TO g;
ALTER MATERIALIZED VIEW ma_renamed SET (fillfactor = 50);
ALTER MATERIALIZED VIEW ma_renamed OWNER TO ma_user;
\c - basalt
ALTER MATERIALIZED VIEW ma_renamed OWNER TO ma_user;
\c - ma_user
ALTER MATERIALIZED VIEW ma_renamed OWNER TO ma_user;
ALTER MATERIALIZED VIEW ma_renamed OWNER TO basalt;
\c - basalt
SELECT matviewname, matviewowner FROM pg_matviews WHERE matviewname = 'ma_renamed';
ALTER MATERIALIZED VIEW ma_renamed OWNER TO basalt;
-- in a transaction block that rolls back
BEGIN;
ALTER MATERIALIZED VIEW ma_renamed RENAME TO ma_rolled_back;
SELECT count(*) FROM ma_rolled_back;
ROLLBACK;
SELECT count(*) FROM ma_renamed;
SELECT count(*) FROM ma_rolled_back;
DROP VIEW ma_reader2;
DROP MATERIALIZED VIEW ma_renamed;
DROP VIEW ma_plain;
DROP TABLE ma_base;
DROP ROLE ma_role;
DROP ROLE ma_user;
