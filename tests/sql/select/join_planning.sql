-- Rewrites of the planner that must not change results: constants carried
-- across inner-join equalities (literals and parameters, also through
-- several joins), `x IN (SELECT primary key ...)` joined as an inner join,
-- EXISTS over repeating keys joined to the keys made unique (after
-- ANALYZE), NOT EXISTS merged over an index, with NULLs and duplicates on
-- every side.
CREATE TABLE jp_a (id int PRIMARY KEY, k int, t text);
CREATE TABLE jp_b (id int PRIMARY KEY, a_k int, v int);
CREATE TABLE jp_c (id bigint PRIMARY KEY, b_id int);
INSERT INTO jp_a SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE i % 7 END, 't' || i FROM generate_series(1, 200) i;
INSERT INTO jp_b SELECT i, CASE WHEN i % 3 = 0 THEN 1 WHEN i % 11 = 0 THEN NULL ELSE i % 50 END, i % 5 FROM generate_series(1, 3000) i;
INSERT INTO jp_c SELECT i, 1 + i % 40 FROM generate_series(1, 500) i;
CREATE INDEX jp_b_a_k ON jp_b (a_k);
ANALYZE jp_a;
ANALYZE jp_b;
ANALYZE jp_c;
SELECT count(*), sum(b.v) FROM jp_a a JOIN jp_b b ON a.k = b.a_k WHERE a.k = 3;
SELECT count(*), sum(b.v) FROM jp_a a JOIN jp_b b ON a.k = b.a_k WHERE b.a_k = 1 AND a.id < 50;
SELECT count(*) FROM jp_a a JOIN jp_b b ON a.id = b.a_k JOIN jp_c c ON c.b_id = b.id WHERE a.id = 1;
SELECT count(*) FROM jp_a a JOIN jp_b b ON a.k = b.a_k WHERE a.k = 3 AND b.a_k = 4;
SELECT count(*) FROM jp_a a JOIN jp_c c ON a.id = c.id WHERE c.id = 7;
SELECT a.id, b.id FROM jp_a a LEFT JOIN jp_b b ON a.k = b.a_k AND b.id < 20 WHERE a.k = 2 ORDER BY 1, 2 LIMIT 8;
PREPARE jp_p(int) AS SELECT count(*), min(b.id) FROM jp_a a JOIN jp_b b ON a.k = b.a_k WHERE a.k = $1;
EXECUTE jp_p(5);
EXECUTE jp_p(NULL);
SELECT count(*), sum(v) FROM jp_b WHERE a_k IN (SELECT id FROM jp_a WHERE t LIKE 't1%');
SELECT count(*) FROM jp_b WHERE a_k IN (SELECT id FROM jp_a WHERE id > 1000);
SELECT count(*) FROM jp_c WHERE b_id IN (SELECT id FROM jp_b) AND id IN (SELECT id FROM jp_a);
SELECT count(*) FROM jp_a a WHERE EXISTS (SELECT 1 FROM jp_b b WHERE b.a_k = a.k AND b.v = 2);
SELECT count(*) FROM jp_a a WHERE EXISTS (SELECT 1 FROM jp_b b WHERE b.a_k = a.id);
SELECT a.id FROM jp_a a WHERE EXISTS (SELECT 1 FROM jp_b b WHERE b.a_k = a.k) AND a.id % 17 = 0 ORDER BY a.id;
SELECT count(*) FROM jp_a a WHERE NOT EXISTS (SELECT 1 FROM jp_b b WHERE b.a_k = a.k);
-- A right input large enough to merge (anti joins over an index read in
-- key order), with NULL keys and duplicates on both sides.
CREATE TABLE jp_big (id int PRIMARY KEY, k int);
INSERT INTO jp_big SELECT i, CASE WHEN i % 1000 = 0 THEN NULL ELSE (i * 7) % 150 END FROM generate_series(1, 70000) i;
CREATE INDEX jp_big_k ON jp_big (k);
ANALYZE jp_big;
SELECT count(*), sum(id) FROM jp_a a WHERE NOT EXISTS (SELECT 1 FROM jp_big b WHERE b.k = a.id);
SELECT id FROM jp_a a WHERE NOT EXISTS (SELECT 1 FROM jp_big b WHERE b.k = a.id) ORDER BY id LIMIT 5;
SELECT count(*) FROM jp_a a WHERE EXISTS (SELECT 1 FROM jp_big b WHERE b.k = a.id);
SELECT count(*) FROM jp_b b WHERE NOT EXISTS (SELECT 1 FROM jp_big g WHERE g.k = b.id);
DROP TABLE jp_a, jp_b, jp_c, jp_big;
