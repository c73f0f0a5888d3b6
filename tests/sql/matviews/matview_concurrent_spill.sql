-- REFRESH MATERIALIZED VIEW CONCURRENTLY over results many times work_mem:
-- Basalt matches them in hash partitions spilled to temp files (and splits
-- a partition again when it does not fit); the rows written, the bag of
-- rows kept and the duplicate-row error are PostgreSQL's.
SET work_mem = '64kB';
CREATE TABLE cs_base (id int PRIMARY KEY, grp int, val text);
INSERT INTO cs_base SELECT i, i % 100, md5(i::text) FROM generate_series(1, 20000) i;
CREATE MATERIALIZED VIEW cs_view AS SELECT id, grp, val FROM cs_base;
CREATE UNIQUE INDEX cs_view_id ON cs_view (id);
UPDATE cs_base SET val = 'changed ' || id WHERE id % 97 = 0;
DELETE FROM cs_base WHERE id % 89 = 0;
INSERT INTO cs_base SELECT i, i % 100, md5(i::text) FROM generate_series(20001, 20500) i;
REFRESH MATERIALIZED VIEW CONCURRENTLY cs_view;
SELECT count(*), count(*) FILTER (WHERE val LIKE 'changed%'), max(id) FROM cs_view;
SELECT count(*) FROM (SELECT * FROM cs_view EXCEPT ALL SELECT id, grp, val FROM cs_base) d;
SELECT count(*) FROM (SELECT id, grp, val FROM cs_base EXCEPT ALL SELECT * FROM cs_view) d;
SELECT * FROM cs_view WHERE id IN (97, 178, 194, 20500) ORDER BY id;
-- a refresh that changes nothing, and one that empties the view
REFRESH MATERIALIZED VIEW CONCURRENTLY cs_view;
SELECT count(*) FROM cs_view;
CREATE TABLE cs_saved AS SELECT * FROM cs_base;
DELETE FROM cs_base;
REFRESH MATERIALIZED VIEW CONCURRENTLY cs_view;
SELECT count(*) FROM cs_view;
INSERT INTO cs_base SELECT * FROM cs_saved;
REFRESH MATERIALIZED VIEW CONCURRENTLY cs_view;
SELECT count(*), sum(grp) FROM cs_view;
-- a bag: rows with a NULL key are never matched, so they are deleted and
-- inserted again, every copy of them
CREATE TABLE cs_bag (k int, v text);
INSERT INTO cs_bag SELECT i, md5(i::text) FROM generate_series(1, 15000) i;
INSERT INTO cs_bag SELECT NULL, 'null key' FROM generate_series(1, 3);
CREATE MATERIALIZED VIEW cs_bag_view AS SELECT k, v FROM cs_bag;
CREATE UNIQUE INDEX ON cs_bag_view (k);
INSERT INTO cs_bag VALUES (NULL, 'null key'), (15001, 'new');
REFRESH MATERIALIZED VIEW CONCURRENTLY cs_bag_view;
SELECT k, v, count(*) FROM cs_bag_view WHERE k IS NULL OR k > 14999 GROUP BY k, v ORDER BY k;
SELECT count(*) FROM cs_bag_view;
-- a duplicate row without NULLs in a spilled result: 21000
INSERT INTO cs_bag VALUES (7, md5('7'));
REFRESH MATERIALIZED VIEW CONCURRENTLY cs_bag_view;
SELECT count(*) FROM cs_bag_view WHERE k = 7;
DROP MATERIALIZED VIEW cs_bag_view;
DROP TABLE cs_bag;
DROP MATERIALIZED VIEW cs_view;
DROP TABLE cs_saved;
DROP TABLE cs_base;
RESET work_mem;
