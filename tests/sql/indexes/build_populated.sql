-- CREATE INDEX on a populated table: a unique build meeting a duplicate
-- of a row far away in the table, NULLs (never duplicates), a covering
-- index read index-only; maintenance_work_mem accepted in PostgreSQL's
-- range.
SHOW maintenance_work_mem;
SET maintenance_work_mem = '512kB';
SET maintenance_work_mem = '1MB';
SHOW maintenance_work_mem;
CREATE TABLE chunked (id int PRIMARY KEY, v int, label text);
INSERT INTO chunked SELECT g, g, 'label ' || g FROM generate_series(1, 30000) g;
UPDATE chunked SET v = 7 WHERE id = 29000;
CREATE UNIQUE INDEX chunked_v ON chunked (v);
UPDATE chunked SET v = NULL WHERE id IN (7, 29000);
CREATE UNIQUE INDEX chunked_v ON chunked (v);
CREATE INDEX chunked_label ON chunked (label DESC) INCLUDE (v);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT count(*) FROM chunked WHERE v >= 0;
SELECT count(*) FROM chunked WHERE v IS NULL;
SELECT v FROM chunked WHERE v BETWEEN 14998 AND 15001 ORDER BY v;
EXPLAIN (COSTS OFF) SELECT label, v FROM chunked WHERE label > 'label 29997' AND label < 'label 3';
SELECT label, v FROM chunked WHERE label > 'label 29997' AND label < 'label 3' ORDER BY label;
INSERT INTO chunked VALUES (30001, 100, 'x');
RESET maintenance_work_mem;
DROP TABLE chunked;
