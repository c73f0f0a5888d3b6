-- CREATE INDEX on a populated table sorts its entries in chunks of
-- maintenance_work_mem: at its minimum (1MB) this 30,000-row table takes
-- several, so a duplicate of a row in another chunk, NULLs (never
-- duplicates) and every chunk's entries are all found; a covering index is
-- read index-only.
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
