-- CASE, COALESCE, NULLIF, GREATEST/LEAST, BETWEEN [SYMMETRIC], IN lists,
-- IS [NOT] DISTINCT FROM, IS [NOT] TRUE/FALSE/UNKNOWN and LIKE/ILIKE/ESCAPE
-- over constants and table columns with NULLs
SELECT CASE WHEN 1 > 2 THEN 'a' WHEN NULL THEN 'b' ELSE 'c' END, CASE 1 WHEN 1 THEN 'one' END, CASE NULL WHEN NULL THEN 1 ELSE 2 END;
SELECT CASE WHEN true THEN 1 ELSE 2.5 END, CASE 2 WHEN 1 THEN 'a' END;
SELECT COALESCE(NULL, NULL, 3), COALESCE(NULL::int, 2.5), COALESCE(NULL, 'a'), COALESCE(1, 1/0);
SELECT NULLIF(1, 1), NULLIF(1, 2), NULLIF('a', 'b'), NULLIF(NULL, 1), NULLIF(1, NULL);
SELECT GREATEST(1, 2.5, NULL), LEAST(1, NULL, -3), GREATEST(NULL, NULL), LEAST('b', 'a'), GREATEST('1', 2);
SELECT 2 BETWEEN 1 AND 3, 2 BETWEEN 3 AND 1, 2 BETWEEN SYMMETRIC 3 AND 1, 2 NOT BETWEEN 3 AND 1, 2 NOT BETWEEN SYMMETRIC 3 AND 1;
SELECT NULL BETWEEN 1 AND 2, 1 BETWEEN NULL AND 2, 5 BETWEEN NULL AND 2, 'b' BETWEEN 'a' AND 'c', 1.5 BETWEEN 1 AND 2;
SELECT 1 IN (1, 2), 3 IN (1, 2), 3 IN (1, NULL), 3 NOT IN (1, NULL), 1 NOT IN (1, NULL), NULL IN (1), 1 IN (1.0, 2), 'a' IN ('a', 'b');
SELECT 1 IS DISTINCT FROM 1, 1 IS DISTINCT FROM NULL, NULL IS DISTINCT FROM NULL, NULL IS NOT DISTINCT FROM NULL, 1 IS NOT DISTINCT FROM 2;
SELECT true IS TRUE, NULL IS TRUE, false IS NOT TRUE, NULL IS UNKNOWN, true IS NOT UNKNOWN, NULL IS NOT FALSE, false IS FALSE;
SELECT 'abc' LIKE 'a%', 'abc' LIKE 'A%', 'abc' ILIKE 'A%', 'a_c' LIKE 'a\_c', 'abc' LIKE 'a\_c', 'a%c' LIKE 'a!%c' ESCAPE '!', 'abc' NOT LIKE '%b%', 'ABC' NOT ILIKE '%b%', NULL LIKE 'a';
SELECT 'abc' LIKE 'a%' ESCAPE '', 'a%' LIKE 'a%%' ESCAPE '%';
CREATE TABLE pr (id int PRIMARY KEY, a int, b text, f bool);
INSERT INTO pr VALUES (1, 1, 'Ab', true), (2, NULL, 'ab', false), (3, 5, NULL, NULL), (4, 3, 'a_b', true);
SELECT id, CASE WHEN a > 2 THEN 'big' WHEN a IS NULL THEN 'none' ELSE 'small' END, COALESCE(a, -1), NULLIF(a, 1), GREATEST(a, 2), LEAST(a, 2) FROM pr ORDER BY id;
SELECT id, a BETWEEN 1 AND 3, a BETWEEN SYMMETRIC 5 AND 3, a NOT BETWEEN 2 AND 4, a IN (1, 5), a NOT IN (1, NULL) FROM pr ORDER BY id;
SELECT id, a IS DISTINCT FROM 5, f IS TRUE, f IS NOT FALSE, f IS UNKNOWN FROM pr ORDER BY id;
SELECT id, b LIKE 'a%', b ILIKE 'a%', b LIKE 'a\_b', b LIKE 'a#_b' ESCAPE '#', b NOT ILIKE '%B' FROM pr ORDER BY id;
SELECT id FROM pr WHERE f IS NOT TRUE ORDER BY id;
-- result types and names: the inputs' common type, NULLIF the first
-- argument's, CASE named after a named ELSE
CREATE TABLE ty (i2 smallint, i4 int, i8 bigint, n numeric, f4 real, f8 float8, t text, v varchar(5), d date, ts timestamp, b bool);
INSERT INTO ty VALUES (1, 1, 1, 1.5, 1.5, 2.5, 'a', 'a', '2024-01-02', '2024-01-02 00:00', true), (2, 3, 2, 2, 2.25, 2, 'b', 'c', '2024-01-03', '2024-01-02 10:00', false), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT NULLIF(i2, i8), NULLIF(i4, f4), NULLIF(f4, i4), NULLIF(f4, n), NULLIF(d, ts), NULLIF(ts, d), NULLIF(v, v), NULLIF('a', v), NULLIF(i8, 1.5) FROM ty ORDER BY i2;
SELECT COALESCE(f4, n), COALESCE(n, f4) / 3, COALESCE(i8, f4) / 3, COALESCE(f4, i4) / 3, GREATEST(f4, i8) / 3, COALESCE(ts, d), LEAST(n, i4) FROM ty ORDER BY i2;
SELECT CASE WHEN b THEN i2 ELSE i8 END, CASE WHEN b THEN v ELSE t END, CASE WHEN b THEN 1 ELSE 2.5 END, CASE WHEN b THEN f4 ELSE i8 END / 3 AS third, CASE WHEN b THEN 1 ELSE coalesce(i4, 1) END, CASE WHEN b THEN 1 ELSE i4::bigint END, CASE WHEN b THEN 1 ELSE 2::bigint END FROM ty ORDER BY i2;
-- IN with several items compares in their common type with x, one item as =
SELECT 1.1::real IN (1.1), 1.1::real = 1.1, 1.1::real IN (1.1, 2), 1.1::real NOT IN (1.1, 2), 1.1 IN (1.1::real), 1::int2 IN (1, 70000);
SELECT f4, f4 IN (1.5, 3), f4 IN (2.25), f4 NOT IN (2.25, 3), f4 IN (n, 5), n IN (f4, 5) FROM ty ORDER BY i2;
DROP TABLE ty;
-- errors
SELECT CASE WHEN true THEN 1 ELSE 'x' END;
SELECT COALESCE(1, 'x');
SELECT GREATEST(1, 'x');
SELECT 1 IN (1, 'x');
SELECT 1 IS TRUE;
SELECT 'abc' LIKE 'abc\';
SELECT 'abc' LIKE 'a' ESCAPE 'xy';
SELECT 1 LIKE 'a';
DROP TABLE pr;
