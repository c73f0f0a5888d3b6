-- Group and join keys that come in runs (a table read in key order): the
-- hash aggregate reuses the last row's group and the hash join the last
-- probe's matches when the keys repeat, so runs of NULLs, of -0 and 0, of
-- NaN, of numerics written differently, of text, and keys that change in
-- one column only must group and match as when every row is looked up.
CREATE TABLE runs (id int PRIMARY KEY, k int, t text, f float8, n numeric, b bool);
INSERT INTO runs
SELECT g,
       CASE WHEN g % 10 < 3 THEN NULL ELSE g / 10 END,
       CASE WHEN g / 5 % 3 = 0 THEN 'a' WHEN g / 5 % 3 = 1 THEN 'ab' ELSE NULL END,
       CASE WHEN g % 6 < 2 THEN -0.0::float8 WHEN g % 6 < 4 THEN 0.0 ELSE 'NaN' END,
       CASE WHEN g % 4 < 2 THEN 1.0 ELSE 1.00 END,
       CASE WHEN g / 2 % 3 = 2 THEN NULL ELSE g / 2 % 2 = 0 END
FROM generate_series(1, 120) g;

SELECT k, count(*), sum(id) FROM runs GROUP BY k ORDER BY k NULLS FIRST;
SELECT t, count(*), min(id), max(id) FROM runs GROUP BY t ORDER BY t NULLS FIRST;
SELECT f::text, count(*) FROM runs GROUP BY f ORDER BY 1;
SELECT count(*), sum(id) FROM runs GROUP BY n;
SELECT b, count(*) FROM runs GROUP BY b ORDER BY b NULLS FIRST;
-- Several keys, only one of which changes from one row to the next.
SELECT k / 3 AS k3, t, count(*), sum(id) FROM runs GROUP BY k / 3, t ORDER BY 1 NULLS FIRST, 2 NULLS FIRST;
SELECT t, b, f = 0 AS zero, count(*) FROM runs GROUP BY t, b, f = 0 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST, 3;
-- A key that is an expression over the row, evaluated once per row.
SELECT id % 3 = 0 AS third, count(*) FROM runs GROUP BY id % 3 = 0 ORDER BY 1;

-- Joins whose left rows come in runs of equal keys.
CREATE TABLE names (k int, label text);
INSERT INTO names SELECT g, 'k' || g FROM generate_series(0, 12, 2) g;
INSERT INTO names VALUES (4, 'four again'), (NULL, 'no key');
SELECT r.k, n.label, count(*) FROM runs r JOIN names n ON r.k = n.k GROUP BY 1, 2 ORDER BY 1, 2;
SELECT r.k, n.label, count(*) FROM runs r LEFT JOIN names n ON r.k = n.k GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST;
SELECT n.k, n.label, count(r.id) FROM runs r RIGHT JOIN names n ON r.k = n.k GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2;
SELECT r.k, n.label, count(*) FROM runs r FULL JOIN names n ON r.k = n.k GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST;
-- A condition beyond the keys, true for some pairs of a run and not others.
SELECT r.k, count(*) FROM runs r JOIN names n ON r.k = n.k AND r.id % 2 = length(n.label) % 2 GROUP BY 1 ORDER BY 1;
-- Two keys, runs of the first and a second that changes within them.
SELECT count(*), sum(r.id) FROM runs r JOIN runs s ON r.k = s.k AND r.t = s.t;
SELECT r.t, count(*) FROM runs r JOIN runs s ON r.t = s.t AND r.b = s.b GROUP BY 1 ORDER BY 1;
-- Semi and anti joins.
SELECT count(*), sum(id) FROM runs r WHERE EXISTS (SELECT 1 FROM names n WHERE n.k = r.k);
SELECT count(*), sum(id) FROM runs r WHERE NOT EXISTS (SELECT 1 FROM names n WHERE n.k = r.k);
SELECT count(*), sum(id) FROM runs r WHERE r.k IN (SELECT k FROM names);
-- Text and float keys (-0 and 0 join, NaN joins NaN as PostgreSQL's hash join does).
SELECT r.t, count(*) FROM runs r JOIN (VALUES ('a'), ('ab'), ('ab')) v(t) ON r.t = v.t GROUP BY 1 ORDER BY 1;
SELECT r.f::text, count(*) FROM runs r JOIN (VALUES (0.0::float8), ('NaN')) v(f) ON r.f = v.f GROUP BY 1 ORDER BY 1;

-- A join past work_mem, in passes: the last probe's matches belong to the
-- pass that found them.
SET work_mem = '64kB';
CREATE TABLE wide (k int, pad text);
INSERT INTO wide SELECT g % 500, repeat('x', 200) FROM generate_series(1, 2000) g;
CREATE TABLE probe (id int PRIMARY KEY, k int);
INSERT INTO probe SELECT g, g / 7 FROM generate_series(1, 4000) g;
SELECT count(*), sum(p.id), sum(length(w.pad)) FROM probe p JOIN wide w ON p.k = w.k;
SELECT count(*) FROM probe p LEFT JOIN wide w ON p.k = w.k WHERE w.k IS NULL;
SELECT count(*) FROM probe p WHERE EXISTS (SELECT 1 FROM wide w WHERE w.k = p.k);
RESET work_mem;
