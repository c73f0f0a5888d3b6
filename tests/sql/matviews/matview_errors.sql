-- Materialized views: the errors tests/sql/matviews/matviews.sql leaves out.
-- (A second REFRESH waiting for the first, and 55P03 under lock_timeout:
-- tests/isolation/specs/matview_refresh_waits.spec.)
\set QUIET off
CREATE TABLE mve_base (id int PRIMARY KEY, v int);
INSERT INTO mve_base VALUES (1, 10), (2, 20);
CREATE VIEW mve_plain AS SELECT id, v FROM mve_base WHERE v > 10;
CREATE MATERIALIZED VIEW mve_mv AS SELECT id, v FROM mve_base;
CREATE MATERIALIZED VIEW mve_over_plain AS SELECT id FROM mve_plain;
CREATE VIEW mve_reads_mv AS SELECT id FROM mve_mv;
CREATE MATERIALIZED VIEW mve_over_mv AS SELECT count(*) AS n FROM mve_mv;
-- dependents listed in DETAIL, 2BP01
DROP TABLE mve_base;
DROP VIEW mve_plain;
DROP MATERIALIZED VIEW mve_mv;
DROP MATERIALIZED VIEW mve_mv RESTRICT;
-- the wrong DROP for the kind of object, 42809
DROP MATERIALIZED VIEW mve_base;
DROP MATERIALIZED VIEW mve_plain;
DROP VIEW mve_mv;
DROP INDEX mve_mv;
DROP INDEX mve_plain;
DROP INDEX mve_base;
-- row locks on a materialized view
SELECT id FROM mve_mv WHERE id = 1 FOR UPDATE;
SELECT id FROM mve_mv WHERE id = 1 FOR SHARE;
-- writes reading an unpopulated view, 55000
CREATE MATERIALIZED VIEW mve_empty AS SELECT id, v FROM mve_base WITH NO DATA;
CREATE TABLE mve_target (id int, v int);
INSERT INTO mve_target VALUES (1, 1);
INSERT INTO mve_target SELECT id, v FROM mve_empty;
UPDATE mve_target SET v = 0 WHERE id IN (SELECT id FROM mve_empty);
CREATE TABLE mve_copy AS SELECT * FROM mve_empty;
SELECT count(*) FROM mve_base WHERE id IN (SELECT id FROM mve_empty);
-- REFRESH in a failed block, 25P02
BEGIN;
SELECT 1 / 0;
REFRESH MATERIALIZED VIEW mve_mv;
ROLLBACK;
-- a REFRESH that fails in a block leaves the old rows
CREATE UNIQUE INDEX mve_mv_v ON mve_mv (v);
UPDATE mve_base SET v = 10;
BEGIN;
REFRESH MATERIALIZED VIEW mve_mv;
ROLLBACK;
SELECT * FROM mve_mv ORDER BY id;
UPDATE mve_base SET v = id * 10;
-- REFRESH of something that is not there any more: the base table dropped
-- with CASCADE takes the views with it, 42P01
DROP TABLE mve_base CASCADE;
REFRESH MATERIALIZED VIEW mve_mv;
REFRESH MATERIALIZED VIEW CONCURRENTLY mve_over_mv;
SELECT * FROM mve_reads_mv;
-- REFRESH of other kinds of relation, 42809
REFRESH MATERIALIZED VIEW mve_target;
CREATE VIEW mve_v AS SELECT 1 AS one;
REFRESH MATERIALIZED VIEW mve_v;
REFRESH MATERIALIZED VIEW CONCURRENTLY mve_v;
CREATE INDEX mve_target_id ON mve_target (id);
REFRESH MATERIALIZED VIEW mve_target_id;
DROP VIEW mve_v;
DROP TABLE mve_target;
DROP TABLE IF EXISTS mve_copy;
