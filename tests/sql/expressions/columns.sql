-- the same operators over table columns: evaluated per row at run time,
-- not folded at plan time
CREATE TABLE vals (id int PRIMARY KEY, i2 int2, i4 int4, i8 int8, n numeric(10,3), f4 float4, f8 float8, t text, v varchar(5), b bool, d date, ts timestamp);
INSERT INTO vals VALUES
  (1, 1, 10, 100, 1.5, 0.5, 2.25, 'abc', 'xy', true, '2024-01-31', '2024-01-31 12:00'),
  (2, -2, -20, -200, -0.125, -1.5, -0.1, 'ABC', 'Xy', false, '2000-02-29', '2000-02-29 00:00:00.5'),
  (3, 0, 0, 0, 0, 0, 0, '', '', NULL, '1999-12-31', '1999-12-31 23:59:59'),
  (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (5, 32767, 2147483647, 9223372036854775807, 9999999.999, 'Infinity', 'NaN', 'z%_', 'zz', true, 'infinity', '-infinity');
SELECT id, i2 + i4, i4 * i8, i8 - i2, n * i4, n / 3, f4 + f8, f8 * n, i4 / 3, i4 % 7, -i2 FROM vals WHERE id < 5 ORDER BY id;
SELECT id, pg_typeof(i2 + i2), pg_typeof(i2 * n), pg_typeof(f4 * i8), pg_typeof(n + f8) FROM vals WHERE id = 1;
SELECT id, i2 * 2 FROM vals ORDER BY id;
SELECT id, i2 + i2 FROM vals ORDER BY id;
SELECT id, i4 + 1 FROM vals ORDER BY id;
SELECT id, i8 * 2 FROM vals ORDER BY id;
SELECT id, i4 / i2 FROM vals ORDER BY id;
SELECT id, n / i4 FROM vals WHERE id <> 3 ORDER BY id;
SELECT id, f8 / f4 FROM vals WHERE id <> 3 ORDER BY id;
SELECT id, i4 % i2 FROM vals WHERE id <> 3 ORDER BY id;
SELECT id, -i2, -i4, -i8 FROM vals WHERE id = 5;
SELECT id, abs(i2), abs(n), abs(f8), round(n, 1), round(f8) FROM vals ORDER BY id;
SELECT id, n::int4, f8::int8, i8::int4 FROM vals WHERE id < 5 ORDER BY id;
SELECT id, i8::int4 FROM vals ORDER BY id;
SELECT id, i4::int2 FROM vals ORDER BY id;
SELECT id, n::numeric(4,1) FROM vals ORDER BY id;
SELECT id, t || v, t || i4, v || b, upper(t), lower(v), length(t) + length(v) FROM vals ORDER BY id;
SELECT id, t::varchar(2), v::varchar(1), i4::text, n::text, f8::text, b::text, d::text, ts::text FROM vals ORDER BY id;
SELECT id, t::int4 FROM vals WHERE id = 1;
SELECT id, v::bool FROM vals WHERE id = 1;
SELECT id, d::timestamp, ts::date, d < ts, d = ts::date, ts::timestamp(0) FROM vals ORDER BY id;
SELECT id, d + 1, d - 1, d - '2000-01-01'::date FROM vals WHERE id < 5 ORDER BY id;
SELECT id, i2 < i8, i4 = n, f4 > n, f8 <> i2, t < v, t = 'abc', d > '2000-01-01', ts >= d FROM vals ORDER BY id;
SELECT id, b AND i4 > 0, b OR i4 > 0, NOT b, b IS TRUE, b IS NOT FALSE, b IS UNKNOWN FROM vals ORDER BY id;
SELECT id, i4 BETWEEN i2 AND i8, n IN (1.5, 0, NULL), t LIKE 'a%', t ILIKE 'a%', v NOT LIKE '%y' FROM vals ORDER BY id;
SELECT id, CASE WHEN i4 > 0 THEN 'pos' WHEN i4 < 0 THEN 'neg' END, COALESCE(t, v, 'none'), NULLIF(i4, 0), GREATEST(i2, i4, i8), LEAST(n, f8) FROM vals ORDER BY id;
SELECT id, i4 IS DISTINCT FROM i2, t IS NOT DISTINCT FROM v FROM vals ORDER BY id;
SELECT id FROM vals WHERE i8 > i4 ORDER BY id;
SELECT id FROM vals WHERE f8 = f8 ORDER BY id;
SELECT id FROM vals WHERE n > 1 OR f4 < 0 ORDER BY id;
SELECT id FROM vals WHERE t || '' = 'abc';
SELECT id FROM vals WHERE i4 / (i2 - i2) = 1;
SELECT id FROM vals WHERE t LIKE v;
SELECT id FROM vals WHERE d = 'x';
UPDATE vals SET i2 = i2 * 1000 WHERE id = 1;
UPDATE vals SET i2 = i2 * 1000 WHERE id = 5;
UPDATE vals SET v = t || t WHERE id = 1;
UPDATE vals SET v = t || t || t WHERE id = 1;
UPDATE vals SET n = n * 1000 WHERE id = 5;
UPDATE vals SET i4 = f8 WHERE id = 2;
UPDATE vals SET i4 = f8 WHERE id = 5;
UPDATE vals SET t = i8, i8 = i4, ts = d WHERE id = 1;
SELECT id, i2, i4, i8, n, t, v, ts FROM vals ORDER BY id;
DROP TABLE vals;
