-- Statistical aggregates: variance / stddev (and their _pop / _samp forms)
-- over integers and numeric (exact, numeric results with PostgreSQL's
-- scales) and floats (Youngs-Cramer, double precision); corr, covar_*,
-- regr_*; bit_and / bit_or; NULLs, empty input, single rows, GROUP BY,
-- windows, overflow and resolution errors
CREATE TABLE st (id int PRIMARY KEY, g text, i2 smallint, i4 int, i8 bigint, n numeric, f4 real, f8 float8, y float8, x float8);
INSERT INTO st VALUES
  (1, 'a', 1, 10, 100, 1.5, 1.5, 0.1, 1, 2),
  (2, 'a', 2, 20, 9000000000000000000, 2.25, 2.25, 0.2, 3, 4),
  (3, 'a', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 7),
  (4, 'b', -3, -5, 9000000000000000000, 1.0, -0.5, 0.3, 5, 5),
  (5, 'b', 2, 20, -7, 1.005, 2.25, 1e10, 8.5, NULL),
  (6, 'c', 7, 7, 7, 7, 7, 7, 2, 3);
CREATE TABLE st_empty (i int, n numeric, f float8);

-- variance and standard deviation: result types
SELECT pg_typeof(variance(i2)), pg_typeof(variance(i4)), pg_typeof(variance(i8)), pg_typeof(variance(n)), pg_typeof(variance(f4)), pg_typeof(variance(f8)) FROM st;
SELECT pg_typeof(stddev(i4)), pg_typeof(stddev_pop(n)), pg_typeof(var_pop(f4)), pg_typeof(stddev_samp(f8)) FROM st;
-- exact numeric digits
SELECT variance(i2), var_samp(i2), var_pop(i2), stddev(i2), stddev_samp(i2), stddev_pop(i2) FROM st;
SELECT variance(i4), var_pop(i4), stddev(i4), stddev_pop(i4) FROM st;
SELECT variance(i8), var_pop(i8), stddev(i8), stddev_pop(i8) FROM st;
SELECT variance(n), var_pop(n), stddev(n), stddev_pop(n) FROM st;
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (1.5::numeric), (2.25), (7)) v(x);
SELECT variance(x), stddev(x) FROM (VALUES (0.001::numeric), (0.002), (0.0035)) v(x);
SELECT variance(x), stddev(x) FROM (VALUES (123456789.123::numeric), (987654321.987)) v(x);
SELECT variance(x), stddev(x) FROM (VALUES (1), (2)) v(x);
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (5), (5), (5)) v(x);
SELECT variance(x), stddev(x), var_pop(x), stddev_pop(x) FROM (VALUES (5.50::numeric)) v(x);
SELECT variance(x), stddev_pop(x) FROM generate_series(1, 100) x;
-- floats
SELECT variance(f8), var_pop(f8), stddev(f8), stddev_pop(f8) FROM st;
SELECT variance(f4), var_pop(f4), stddev(f4), stddev_pop(f4) FROM st;
SELECT variance(x), stddev(x) FROM (VALUES (1e10::float8), (1e10 + 1)) v(x);
SELECT variance(x), stddev(x), var_pop(x) FROM (VALUES (0.1::float8), (0.2), (0.3)) v(x);
SELECT variance(x), var_pop(x), stddev(x), stddev_pop(x) FROM (VALUES (3::float8)) v(x);
SELECT variance(x), var_pop(x) FROM (VALUES ('Infinity'::float8), (1)) v(x);
SELECT variance(x), var_pop(x) FROM (VALUES ('NaN'::float8), (1)) v(x);
SELECT variance(x) FROM (VALUES ('1e308'::float8), ('-1e308'::float8)) v(x);
SELECT variance('1'), stddev('2.5') FROM st;
-- NULLs and empty input
SELECT variance(i), stddev(i), var_pop(n), stddev_pop(n), variance(f), stddev(f) FROM st_empty;
SELECT variance(i4), stddev_pop(f8) FROM st WHERE id = 3;
SELECT variance(i4) FILTER (WHERE id > 1), stddev(DISTINCT i4) FROM st;
-- grouped and windowed
SELECT g, variance(i4), stddev(n), var_pop(f8), count(*) FROM st GROUP BY g ORDER BY g;
SELECT id, var_pop(i4) OVER (ORDER BY id), stddev_samp(f8) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM st ORDER BY id;
SELECT g FROM st GROUP BY g HAVING variance(i4) > 10 ORDER BY g;

-- two-argument statistics (Y, X)
SELECT corr(y, x), covar_pop(y, x), covar_samp(y, x) FROM st;
SELECT regr_avgx(y, x), regr_avgy(y, x), regr_count(y, x), regr_intercept(y, x) FROM st;
SELECT regr_r2(y, x), regr_slope(y, x), regr_sxx(y, x), regr_sxy(y, x), regr_syy(y, x) FROM st;
SELECT pg_typeof(corr(y, x)), pg_typeof(regr_count(y, x)), pg_typeof(covar_pop(i4, i8)) FROM st;
SELECT corr(i4, i2), covar_samp(n, i4), regr_slope(f4, i8) FROM st;
SELECT g, corr(y, x), regr_count(y, x), regr_slope(y, x), covar_samp(y, x) FROM st GROUP BY g ORDER BY g;
-- one row, constant columns, no rows
SELECT corr(y, x), covar_pop(y, x), covar_samp(y, x), regr_r2(y, x), regr_slope(y, x), regr_intercept(y, x), regr_sxx(y, x) FROM st WHERE id = 6;
SELECT corr(y, x), regr_r2(y, x), regr_slope(y, x) FROM (VALUES (1::float8, 5::float8), (2, 5)) v(y, x);
SELECT corr(y, x), regr_r2(y, x), regr_slope(y, x), regr_intercept(y, x) FROM (VALUES (3::float8, 1::float8), (3, 2)) v(y, x);
SELECT corr(f, f), regr_count(f, f), regr_avgx(f, f), covar_pop(f, f), regr_sxx(f, f) FROM st_empty;
SELECT regr_count(y, x) FROM st WHERE id = 3;

-- bit_and, bit_or
SELECT bit_and(i2), bit_or(i2), bit_and(i4), bit_or(i4), bit_and(i8), bit_or(i8) FROM st;
SELECT pg_typeof(bit_and(i2)), pg_typeof(bit_or(i4)), pg_typeof(bit_and(i8)) FROM st;
SELECT bit_and(i), bit_or(i) FROM st_empty;
SELECT g, bit_or(i4), bool_and(i4 > 0), bool_or(i4 > 10), every(i4 > -10) FROM st GROUP BY g ORDER BY g;

-- errors
SELECT variance(g) FROM st;
SELECT stddev(true) FROM st;
SELECT corr(g, x) FROM st;
SELECT corr(y) FROM st;
SELECT regr_count(y, x, x) FROM st;
SELECT bit_and(n) FROM st;
SELECT variance(i4, i4) FROM st;
SELECT id FROM st WHERE variance(i4) > 1;
SELECT variance(variance(i4)) FROM st;

DROP TABLE st;
DROP TABLE st_empty;
