-- Aggregate functions over every column type: count, sum, avg, min, max,
-- bool_and, bool_or, every, string_agg; result types, NULLs, empty input,
-- DISTINCT, overflow, column names and resolution errors
CREATE TABLE agg (id int PRIMARY KEY, i2 smallint, i4 int, i8 bigint, n numeric, n2 numeric(10,2), f4 real, f8 float8, t text, vc varchar(10), d date, ts timestamp, tz timestamptz, b bool);
INSERT INTO agg VALUES
  (1, 1, 10, 100, 1.5, 1.25, 1.5, 0.1, 'pear', 'b', '2024-01-31', '2024-01-31 10:00:00', '2024-01-31 10:00:00+00', true),
  (2, 2, 20, 9000000000000000000, 2.25, 2.50, 2.25, 0.2, 'apple', 'a', '2023-06-15', '2023-06-15 23:59:59.5', '2023-06-15 23:59:59.5+00', true),
  (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, -3, -5, 9000000000000000000, 1.0, 1.00, -0.5, 0.3, 'fig', 'c', '2025-12-01', '2025-12-01 00:00:00', '2025-12-01 00:00:00+00', false),
  (5, 2, 20, -7, 1.00, 3.33, 2.25, '1e300', 'apple', 'a', '2023-06-15', '2023-06-15 23:59:59.5', '2023-06-15 23:59:59.5+00', true);
CREATE TABLE agg_empty (a int, n numeric, f float8, t text, b bool);

-- count
SELECT count(*) FROM agg;
SELECT count(*), count(i4), count(t), count(b), count(d), count(id) FROM agg;
SELECT count(DISTINCT i4), count(DISTINCT t), count(DISTINCT n), count(DISTINCT d), count(DISTINCT b) FROM agg;
SELECT count(1), count(NULL), count('x') FROM agg;
SELECT count(*) FROM agg WHERE i4 > 10;
SELECT count(*) FROM agg WHERE false;
SELECT count(*), count(a), sum(a), avg(a), min(a), max(a), bool_and(b), bool_or(b), every(b), string_agg(t, ',') FROM agg_empty;
SELECT count(*) FROM agg_empty WHERE a > 0;
SELECT count(*);
SELECT count(*) WHERE false;
SELECT count(*) + 1 AS plus_one, count(*) * 2 FROM agg;

-- sum and its result types
SELECT sum(i2), sum(i4), sum(i8), sum(n), sum(n2), sum(f4), sum(id::float8) FROM agg;
SELECT pg_typeof(sum(i2)), pg_typeof(sum(i4)), pg_typeof(sum(i8)), pg_typeof(sum(n)), pg_typeof(sum(n2)), pg_typeof(sum(f4)), pg_typeof(sum(f8)) FROM agg;
SELECT sum(DISTINCT i4), sum(DISTINCT n), sum(DISTINCT f4) FROM agg;
SELECT sum(i4) FROM agg WHERE id = 3;
SELECT sum(i4 * 2), sum(i4) * 2, sum(i4 + i2), sum(n * 2) FROM agg;
SELECT sum(f8) FROM agg WHERE id < 5;
SELECT sum(2147483647) FROM agg;
SELECT sum(9223372036854775807) FROM agg;
SELECT sum(f8) FROM agg;
SELECT sum(f8 * 1e10) FROM agg;
SELECT avg(f8) FROM agg;
SELECT avg(f8) FROM agg WHERE id <> 1;

-- avg: numeric with PostgreSQL's scale, float8 for floats
SELECT avg(i2), avg(i4), avg(i8), avg(n), avg(n2), avg(f4), avg(f8) FROM agg WHERE id < 5;
SELECT pg_typeof(avg(i2)), pg_typeof(avg(i4)), pg_typeof(avg(i8)), pg_typeof(avg(n)), pg_typeof(avg(f4)), pg_typeof(avg(f8)) FROM agg WHERE id < 5;
SELECT avg(DISTINCT i4), avg(DISTINCT n) FROM agg;
SELECT avg(id), avg(id::numeric(10,3)), avg(id * 1.5) FROM agg;
SELECT avg(i4) FROM agg WHERE id IN (1, 4);
SELECT avg(i4) FROM agg WHERE id = 1;
SELECT avg(n) FROM agg WHERE id = 4;

-- avg's numeric scale follows the magnitudes (PostgreSQL's division scale)
CREATE TABLE agg_scale (a numeric, b bigint, c smallint, f real);
INSERT INTO agg_scale VALUES (123456789.123456, 9223372036854775807, 32767, '1e-30'), (0.000001, 1, -32768, '3.4e38'), (1e20, -5, 7, 'NaN'), (0.5, 3, 1, -0);
SELECT avg(a), sum(a) FROM agg_scale;
SELECT avg(a) FROM agg_scale WHERE a < 1;
SELECT avg(a) FROM agg_scale WHERE a < 0.1;
SELECT avg(a) FROM agg_scale WHERE a > 1;
SELECT avg(b), sum(b), avg(c), sum(c) FROM agg_scale;
SELECT avg(b), avg(-b) FROM agg_scale WHERE b < 100;
SELECT sum(c), avg(c) FROM agg_scale WHERE c < 0;
SELECT avg(f), sum(f), min(f), max(f) FROM agg_scale;
SELECT avg(f), sum(f) FROM agg_scale WHERE f < 1;
SELECT avg(a * 1000000), avg(1.0 / 3) FROM agg_scale WHERE a < 1;
DROP TABLE agg_scale;

-- min and max keep the type (varchar becomes text)
SELECT min(i2), max(i2), min(i4), max(i4), min(i8), max(i8) FROM agg;
SELECT min(n), max(n), min(n2), max(n2), min(f4), max(f4), min(f8), max(f8) FROM agg;
SELECT min(t), max(t), min(vc), max(vc) FROM agg;
SELECT min(d), max(d), min(ts), max(ts), min(tz), max(tz) FROM agg;
SELECT pg_typeof(min(i2)), pg_typeof(max(n2)), pg_typeof(min(vc)), pg_typeof(max(d)), pg_typeof(min(ts)), pg_typeof(max(tz)), pg_typeof(max(f4)) FROM agg;
SELECT max('x'), min('b' || t) FROM agg;
SELECT max(DISTINCT i4), min(DISTINCT t) FROM agg;
SELECT min(i4 - id), max(length(t)), max(upper(t)) FROM agg;

-- bool_and, bool_or, every
SELECT bool_and(b), bool_or(b), every(b) FROM agg;
SELECT bool_and(b), bool_or(b), every(b) FROM agg WHERE id IN (1, 2, 3);
SELECT bool_and(b), bool_or(b) FROM agg WHERE id = 3;
SELECT bool_and(i4 > 0), bool_or(i4 > 15), every(t IS NOT NULL) FROM agg;
SELECT bool_and('t'), bool_or('f') FROM agg;

-- string_agg
SELECT string_agg(t, ',') FROM agg;
SELECT string_agg(t, ', ') FROM agg WHERE id > 1;
SELECT string_agg(vc, '') FROM agg;
SELECT string_agg(t, NULL) FROM agg;
SELECT string_agg(DISTINCT t, '|') FROM agg;
SELECT string_agg(t, '-') FROM agg WHERE id = 3;
SELECT string_agg(id::text, ',') FROM agg;
SELECT string_agg('x', 'y') FROM agg;

-- several aggregates, expressions of aggregates, aggregates of expressions
SELECT count(*), sum(i4), avg(i4), min(i4), max(i4), max(i4) - min(i4) AS spread FROM agg;
SELECT sum(i4) / count(i4) AS mean, sum(i4)::float8 / count(*) AS per_row FROM agg;
SELECT coalesce(sum(a), 0), coalesce(max(t), 'none') FROM agg_empty;
SELECT CASE WHEN count(*) > 3 THEN 'many' ELSE 'few' END FROM agg;
SELECT count(*) > 0 AS any_rows, sum(a) IS NULL AS no_sum FROM agg_empty;
SELECT count(CASE WHEN b THEN 1 END), sum(CASE WHEN i4 > 0 THEN i4 ELSE 0 END) FROM agg;
SELECT sum(i4) AS total, count(*) AS "Rows" FROM agg;
SELECT 42, 'const', count(*) FROM agg;

-- resolution errors
SELECT sum(t) FROM agg;
SELECT avg(t) FROM agg;
SELECT sum(d) FROM agg;
SELECT avg(b) FROM agg;
SELECT sum(b) FROM agg;
SELECT max(b) FROM agg;
SELECT min(b) FROM agg;
SELECT sum('1') FROM agg;
SELECT avg('1') FROM agg;
SELECT bool_and(i4) FROM agg;
SELECT bool_or(t) FROM agg;
SELECT string_agg(i4, ',') FROM agg;
SELECT string_agg(t) FROM agg;
SELECT count() FROM agg;
SELECT sum(*) FROM agg;
SELECT sum(i4, i4) FROM agg;
SELECT lower(DISTINCT t) FROM agg;
SELECT sum(nosuch) FROM agg;

-- overflow
CREATE TABLE agg_big (a bigint, f float8, r real);
INSERT INTO agg_big VALUES (9223372036854775807, '1e308', '3e38'), (9223372036854775807, '1e308', '3e38');
SELECT sum(a), avg(a) FROM agg_big;
SELECT sum(f) FROM agg_big;
SELECT avg(f) FROM agg_big;
SELECT sum(r) FROM agg_big;
SELECT avg(r) FROM agg_big;
SELECT sum(a::int) FROM agg_big;
CREATE TABLE agg_int (a int);
INSERT INTO agg_int VALUES (2147483647), (2147483647), (2147483647);
SELECT sum(a), avg(a), sum(a::int2) FROM agg_int;
SELECT sum(a::smallint) FROM agg_int WHERE false;

-- floats: NaN and infinity
CREATE TABLE agg_float (f float8);
INSERT INTO agg_float VALUES (1), ('NaN'), (2);
SELECT sum(f), avg(f), min(f), max(f) FROM agg_float;
INSERT INTO agg_float VALUES ('Infinity');
SELECT sum(f), max(f) FROM agg_float WHERE f <> 'NaN';

DROP TABLE agg;
DROP TABLE agg_empty;
DROP TABLE agg_big;
DROP TABLE agg_int;
DROP TABLE agg_float;
