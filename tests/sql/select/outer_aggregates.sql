-- An aggregate in a subquery whose arguments read only the enclosing
-- query's columns belongs to the enclosing query (PostgreSQL's rule): it
-- groups that query and follows its clause's rules.
CREATE TABLE oa_t (g int, v int);
INSERT INTO oa_t VALUES (1, 10), (1, 20), (2, 5), (NULL, 7);
CREATE TABLE oa_u (x int);
INSERT INTO oa_u VALUES (1), (2), (3);
SELECT (SELECT max(oa_t.v)) FROM oa_t;
SELECT g, (SELECT max(oa_t.v) + count(*) FROM oa_u) FROM oa_t GROUP BY g ORDER BY g;
SELECT g, (SELECT sum(oa_t.v) WHERE true) AS s FROM oa_t GROUP BY g ORDER BY g;
SELECT g FROM oa_t GROUP BY g HAVING EXISTS (SELECT 1 FROM oa_u WHERE oa_u.x = count(oa_t.v)) ORDER BY g;
SELECT count(*), (SELECT max(v) FROM oa_t t2 WHERE t2.g = min(oa_t.g)) FROM oa_t;
SELECT g, (SELECT string_agg(oa_u.x::text, ',' ORDER BY oa_u.x) FROM oa_u WHERE oa_u.x <= max(oa_t.v) / 5)
FROM oa_t GROUP BY g ORDER BY g;
SELECT g, (SELECT array_agg(oa_t.v)) FROM oa_t GROUP BY g ORDER BY g;
-- Two levels out: the query whose columns it reads, the nearest of them.
SELECT (SELECT (SELECT max(oa_t.v))) FROM oa_t;
SELECT g, (SELECT (SELECT sum(oa_t.v) + count(*) FROM oa_u) FROM oa_u LIMIT 1) FROM oa_t GROUP BY g ORDER BY g;
SELECT (SELECT (SELECT max(oa_u.x + oa_t.v) FROM oa_u WHERE oa_u.x = 1)) FROM oa_t ORDER BY 1;
SELECT g, (SELECT 1 FROM oa_u WHERE EXISTS (SELECT 1 WHERE oa_u.x = max(oa_t.v) / 10)) FROM oa_t GROUP BY g ORDER BY g;
SELECT x FROM (VALUES (1), (2)) v(x) WHERE x = (SELECT (SELECT max(x)));
-- An aggregate over the subquery's own rows or over both stays the subquery's.
SELECT (SELECT count(*) FROM oa_u WHERE oa_u.x < oa_t.v) FROM oa_t ORDER BY 1;
SELECT v, (SELECT sum(oa_u.x + oa_t.v) FROM oa_u) FROM oa_t ORDER BY v;
SELECT g, (SELECT avg(t2.v) FROM oa_t t2 WHERE t2.g = oa_t.g) FROM oa_t ORDER BY 1, 2;
SELECT (SELECT max(z) FROM (SELECT oa_t.v AS z) s) FROM oa_t ORDER BY 1;
-- The enclosing clause's rules, and the errors they give.
SELECT x FROM (VALUES (1), (2)) v(x) WHERE x = (SELECT max(x));
SELECT * FROM oa_t WHERE v > (SELECT avg(oa_t.v));
SELECT sum((SELECT max(oa_t.v))) FROM oa_t;
SELECT (SELECT max(oa_t.v) FROM oa_u) FROM oa_t;
SELECT v, (SELECT max(oa_t.v)) FROM oa_t;
DROP TABLE oa_t;
DROP TABLE oa_u;
