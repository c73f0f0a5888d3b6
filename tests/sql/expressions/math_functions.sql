-- The math function library over float8, numeric and integers: rounding,
-- modulo, powers and logarithms, trigonometry, gcd/lcm, factorial,
-- width_bucket, scales; result types and errors.
SELECT ceil(1.2), ceil(-1.2), ceiling(1.5::float8), floor(-1.2), floor(1.7::float8), ceil(4), floor(5.0), ceil(-0.5::numeric);
SELECT pg_typeof(ceil(1)), pg_typeof(ceil(1.5)), pg_typeof(mod(1, 2)), pg_typeof(mod(1::int8, 2)), pg_typeof(power(2, 3)), pg_typeof(sqrt(4));
SELECT sign(-2.5), sign(0.0), sign(3::float8), sign(-0.0::float8), trunc(2.567), trunc(-2.567, 2), trunc(1234.5678, -2), trunc(1.5, 3), trunc(-7.9::float8);
SELECT mod(7, 3), mod(-7, 3), mod(7, -3), mod(7::int2, 3::int2), mod(10.5, 3), mod(-9223372036854775808, -1), div(7, 2), div(-7.5, 2), div(9, 3.5);
SELECT power(2, 10), pow(2.0::float8, 0.5), power(-2, 3), power(0, 0), sqrt(2), sqrt(16::float8), cbrt(27), cbrt(-8::float8);
SELECT exp(1), exp(0), ln(10), ln(1), log(100), log10(1000), log(1000::float8);
SELECT pi(), degrees(pi()), radians(180), sin(0), cos(0), tan(0), asin(1), acos(1), atan(1), atan2(1, 1), cot(1), sinh(1), cosh(0), tanh(0);
SELECT gcd(12, 18), gcd(-12, 18), gcd(0, 0), gcd(12::int8, 30), gcd(1.5, 2.5), lcm(4, 6), lcm(0, 5), lcm(-4::int8, 6), lcm(1.5, 2.5);
SELECT factorial(0), factorial(5), factorial(20), factorial(33);
SELECT width_bucket(5.35, 0.024, 10.06, 5), width_bucket(-1, 0, 10, 5), width_bucket(10, 0, 10, 5), width_bucket(5::float8, 10, 0, 4), width_bucket(0, 10, 0, 4);
SELECT scale(1.234), scale(10), min_scale(1.2300), min_scale(0.00), trim_scale(1.2300), trim_scale(10.00);
SELECT random() >= 0 AND random() < 1 AS in_range, setseed(0.5) IS NULL AS seeded;
CREATE TABLE nums (id int PRIMARY KEY, f float8, n numeric, i int);
INSERT INTO nums VALUES (1, 2.5, 2.5, 7), (2, -0.5, -0.5, -4), (3, NULL, NULL, NULL), (4, 100, 1e10, 0);
SELECT id, ceil(f), floor(n), sign(n), trunc(n, 1), mod(i, 3), power(f, 2), sqrt(abs(f)), log10(abs(f) + 1) FROM nums ORDER BY id;
-- errors
SELECT sqrt(-1);
SELECT ln(0);
SELECT ln(-1);
SELECT log10(0::float8);
SELECT power(0, -1);
SELECT power(-8, 1.0/3);
SELECT exp(1000);
SELECT exp(-1000);
SELECT power(10, 400);
SELECT asin(2);
SELECT mod(1, 0);
SELECT mod(1.5, 0);
SELECT div(1, 0);
SELECT gcd(-2147483648, 0);
SELECT lcm(2147483647, 2147483646);
SELECT factorial(-1);
SELECT width_bucket(1, 0, 0, 5);
SELECT width_bucket(1, 0, 10, 0);
SELECT setseed(2);
SELECT mod(1.5::float8, 1);
DROP TABLE nums;
-- the prefix operators |/ (square root), ||/ (cube root) and @ (absolute
-- value), at PostgreSQL's operator precedence
SELECT |/ 16, ||/ 27, @ -5, @ -5.5, |/ 16.0, |/ '16', 2 + |/ 16 * 2, - |/ 4;
SELECT pg_typeof(@ -5::int2), pg_typeof(@ -5.5), pg_typeof(|/ 4), @ -2.5::float4;
SELECT @ 'x';
SELECT |/ 'a'::text;
SELECT |/ -1;
SELECT @ (-32768)::int2;
