-- Aggregate calls with FILTER (WHERE ...) and ORDER BY inside the call;
-- array_agg; their errors
CREATE TABLE af (id int PRIMARY KEY, g int, x int, s text);
INSERT INTO af VALUES (1, 1, 10, 'b'), (2, 1, NULL, 'a'), (3, 1, 30, NULL), (4, 2, 40, 'c'), (5, 2, 40, 'c'), (6, NULL, 5, 'z');
-- FILTER
SELECT count(*) FILTER (WHERE x > 10) AS big, count(x) FILTER (WHERE g = 1), count(*) FROM af;
SELECT sum(x) FILTER (WHERE s IS NOT NULL), avg(x) FILTER (WHERE g = 2), max(s) FILTER (WHERE id < 3) FROM af;
SELECT g, count(*) FILTER (WHERE x IS NULL) AS nulls, sum(x) FILTER (WHERE x <> 40) FROM af GROUP BY g ORDER BY g;
SELECT count(*) FILTER (WHERE NULL), sum(x) FILTER (WHERE false), string_agg(s, ',') FILTER (WHERE false) FROM af;
SELECT count(DISTINCT x) FILTER (WHERE g IS NOT NULL) FROM af;
SELECT g FROM af GROUP BY g HAVING count(*) FILTER (WHERE x >= 30) > 0 ORDER BY g;
SELECT g, sum(x) FILTER (WHERE x > 5) FROM af GROUP BY g ORDER BY sum(x) FILTER (WHERE x > 5) NULLS FIRST, g;
SELECT sum(x) FILTER (WHERE x > 5), sum(x) FILTER (WHERE x > 20), sum(x) FROM af;
SELECT count(*) FILTER (WHERE x > 0) FROM af WHERE false;
-- ORDER BY inside the call
SELECT string_agg(s, ',' ORDER BY s), string_agg(s, ',' ORDER BY s DESC), string_agg(s, '' ORDER BY id DESC) FROM af;
SELECT string_agg(s, ',' ORDER BY x NULLS FIRST, id), string_agg(s, ',' ORDER BY x DESC NULLS LAST, id DESC) FROM af;
SELECT g, string_agg(s, '-' ORDER BY id DESC) FROM af GROUP BY g ORDER BY g;
SELECT string_agg(DISTINCT s, ',' ORDER BY s DESC) FROM af;
SELECT string_agg(s, ',' ORDER BY s) FILTER (WHERE g = 1) FROM af;
SELECT sum(x ORDER BY id), count(* ) FILTER (WHERE id > 2), min(s ORDER BY s) FROM af;
SELECT string_agg(s, ',' ORDER BY 'k', id) FROM af;
SELECT string_agg(s, ',' ORDER BY s) FROM af WHERE id > 100;
-- array_agg
SELECT array_agg(x) FROM af WHERE id < 5;
SELECT array_agg(x ORDER BY x DESC NULLS LAST), array_agg(x ORDER BY x NULLS FIRST) FROM af;
SELECT array_agg(DISTINCT x), array_agg(DISTINCT x ORDER BY x DESC) FROM af;
SELECT g, array_agg(id ORDER BY id DESC) FILTER (WHERE x IS NOT NULL) FROM af GROUP BY g ORDER BY g;
SELECT array_agg(x) FROM af WHERE false;
SELECT array_agg(x) FILTER (WHERE false) IS NULL FROM af;
SELECT cardinality(array_agg(x)), array_length(array_agg(id), 1) FROM af;
-- errors
SELECT abs(x) FILTER (WHERE true) FROM af;
SELECT abs(x ORDER BY id) FROM af;
SELECT lower(s ORDER BY s) FILTER (WHERE true) FROM af;
SELECT count(*) FILTER (WHERE count(*) > 1) FROM af;
SELECT count(*) FILTER (WHERE x > sum(x)) FROM af;
SELECT count(*) FILTER (WHERE 1) FROM af;
SELECT count(*) FILTER (WHERE s) FROM af;
SELECT sum(x ORDER BY sum(x)) FROM af;
SELECT string_agg(DISTINCT s, ',' ORDER BY id) FROM af;
SELECT count(* ORDER BY id) FROM af;
SELECT count(*) FILTER (x > 1) FROM af;
SELECT count(*) FILTER FROM af;
SELECT id FROM af WHERE count(*) FILTER (WHERE x > 1) > 0;
SELECT array_agg('a') FROM af;
SELECT array_agg(x, x) FROM af;
SELECT g, x FROM af GROUP BY g HAVING count(*) FILTER (WHERE x > 1) > 0;
SELECT string_agg(s, ',' ORDER BY pg_sleep(0)) FROM af;
SELECT string_agg(s, ',' ORDER BY '1'::xid) FROM af;
DROP TABLE af;
