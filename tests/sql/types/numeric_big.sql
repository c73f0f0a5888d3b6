-- numeric of arbitrary precision: values past 38 digits, PostgreSQL's limits
-- (131072 digits before the point, 16383 after), NaN and ±Infinity in every
-- operator, function, cast, aggregate, ORDER BY and index; result scales.
SELECT 123456789012345678901234567890123456789 + 1 AS past_38;
SELECT 99999999999999999999999999999999999999 + 1, -99999999999999999999999999999999999999 - 1;
SELECT 12345678901234567890123456789 * 98765432109876543210.987654321;
SELECT 12345678901234567890123456789012345678901234567890 / 7;
SELECT 1e-30::numeric / 3, 1::numeric / 7e40, 1e40::numeric / 3;
SELECT 123456789012345678901234567890123456789012 % 97, -123456789012345678901234567890123456789.5 % 7;
SELECT 1.0e-40::numeric + 1, 1.0e-40::numeric * 1e-40;
-- 1,000-digit values
SELECT length(repeat('9', 1000)::numeric::text), repeat('9', 1000)::numeric + 1 = ('1' || repeat('0', 1000))::numeric;
SELECT repeat('123456789', 112)::numeric * repeat('987654321', 111)::numeric % 1000000007;
SELECT (repeat('7', 1000)::numeric / repeat('3', 500)::numeric)::text = (repeat('7', 1000)::numeric / repeat('3', 500)::numeric)::text, scale(repeat('7', 1000)::numeric / repeat('3', 500)::numeric);
SELECT repeat('9', 1000)::numeric;
SELECT ('0.' || repeat('1', 1000))::numeric / 3;
SELECT scale(('0.' || repeat('1', 1000))::numeric / 3), scale(1::numeric / 3e-1000);
SELECT repeat('9', 1000)::numeric(1000, 0) IS NOT NULL;
SELECT ('1' || repeat('0', 1000))::numeric(1000, 0);
-- the limits
SELECT length(('1e131071'::numeric)::text);
SELECT '1e131072'::numeric;
SELECT '1e-16383'::numeric = 0, scale('1e-16383'::numeric), length('1e-16383'::numeric::text);
SELECT '1e-16384'::numeric;
SELECT '1e1000000'::numeric;
SELECT 1e100000::numeric * 1e100000;
SELECT scale(1e-10000::numeric * 1e-10000::numeric), 1e-10000::numeric * 1e-10000::numeric = 0;
SELECT scale('1e-16383'::numeric * 1e-5), scale('1e-16383'::numeric + 1), scale('1e-16383'::numeric / 3);
SELECT scale(1e-10000::numeric / 3), scale(round(1.5, 5000)), scale(round(1.5, -5000)), scale(trunc(1.5, 3000));
SELECT min_scale('1e-16383'::numeric), trim_scale('1.0e-16383'::numeric + 0) = 0;
-- NaN and infinities: input and output
SELECT 'NaN'::numeric, 'nan'::numeric, 'Infinity'::numeric, '-Infinity'::numeric, 'inf'::numeric, '+inf'::numeric, '-INF'::numeric, '  +InFiNiTy  '::numeric;
SELECT '+nan'::numeric;
SELECT 'infinit'::numeric;
SELECT pg_typeof('inf'::numeric), 'NaN'::numeric(5,2), 'inf'::numeric::text;
SELECT 'Infinity'::numeric(10,2);
SELECT '-inf'::numeric(2,5);
-- operators
SELECT 'inf'::numeric + 1, 'inf'::numeric + 'inf', 'inf'::numeric + '-inf', 'nan'::numeric + 1, '-inf'::numeric - 'inf';
SELECT 'inf'::numeric - 'inf', 'inf'::numeric * 2, 'inf'::numeric * -2, 'inf'::numeric * 0, '-inf'::numeric * '-inf', 'nan'::numeric * 0;
SELECT 'inf'::numeric / 2, 'inf'::numeric / -2, 1 / 'inf'::numeric, -1.5 / '-inf'::numeric, 'inf'::numeric / 'inf', 'nan'::numeric / 0;
SELECT 'inf'::numeric / 0;
SELECT '-inf'::numeric / 0.0;
SELECT 'inf'::numeric % 2, 5 % 'inf'::numeric, -5.5 % 'inf'::numeric, 'nan'::numeric % 0, 5 % '-inf'::numeric;
SELECT 'inf'::numeric % 0;
SELECT -'inf'::numeric, -'-inf'::numeric, -'nan'::numeric, +'inf'::numeric;
SELECT 'nan'::numeric = 'nan', 'nan'::numeric > 'inf', 'inf'::numeric > 1e1000, '-inf'::numeric < -1e1000, 'inf'::numeric = 'inf', 'inf'::numeric <> '-inf';
SELECT 'nan'::numeric <> 'nan', 'nan'::numeric < 'nan', 'nan'::numeric >= 1, '-inf'::numeric < 'nan';
SELECT greatest(1::numeric, 'nan', 'inf'), least(1::numeric, '-inf', 'nan');
-- functions
SELECT abs('-inf'::numeric), abs('nan'::numeric), sign('-inf'::numeric), sign('inf'::numeric), sign('nan'::numeric);
SELECT round('inf'::numeric), round('nan'::numeric, 2), round('-inf'::numeric, -3), trunc('-inf'::numeric), trunc('nan'::numeric, 1);
SELECT ceil('-inf'::numeric), ceiling('inf'::numeric), floor('nan'::numeric), floor('-inf'::numeric);
SELECT scale('inf'::numeric), scale('nan'::numeric), min_scale('inf'::numeric), trim_scale('inf'::numeric), trim_scale('nan'::numeric);
SELECT div('inf'::numeric, 2), div(5::numeric, 'inf'), div('-inf'::numeric, 'inf'), div('nan'::numeric, 0), mod('inf'::numeric, 1), mod(1::numeric, 'inf');
SELECT div('inf'::numeric, 0);
SELECT gcd('inf'::numeric, 2), gcd('nan'::numeric, 2), lcm(2::numeric, 'nan'), lcm('-inf'::numeric, 3);
SELECT sqrt('inf'::numeric), sqrt('nan'::numeric);
SELECT sqrt('-inf'::numeric);
SELECT sqrt(-1::numeric);
SELECT width_bucket('nan'::numeric, 1, 10, 3);
SELECT width_bucket(5::numeric, '-inf', 10, 3);
SELECT generate_series(1::numeric, 'inf', 1);
SELECT generate_series('nan'::numeric, 3, 1);
SELECT generate_series(1::numeric, 3, 'nan');
SELECT to_char('nan'::numeric, '999.99'), to_char('inf'::numeric, '999.99'), to_char('-inf'::numeric, 'S999'), to_char('inf'::numeric, '999999999.99'), to_char('nan'::numeric, '999999999.99');
SELECT to_char('nan'::numeric, '9'), to_char('nan'::numeric, 'FM999.99'), to_char('-inf'::numeric, '999999999999'), to_char('nan'::numeric, 'S999.99'), to_char(1e50::numeric, '999');
SELECT to_char(12345678901234567890123456789012345678901.5::numeric, '99999999999999999999999999999999999999999999D9'), extract(year from 'infinity'::timestamp), extract(epoch from '-infinity'::date);
-- math functions past 38 digits
SELECT round(123456789012345678901234567890123456789.5), round(-99999999999999999999999999999999999999.5), round(1.5e40, -38);
SELECT trunc(12345678901234567890123456789012345678901.987, -3), trunc(-1.98765432109876543210987654321098765432109, 40);
SELECT ceil(-12345678901234567890123456789012345678901.5), floor(-12345678901234567890123456789012345678901.5), ceil(1e50 + 0.1);
SELECT div(1e50::numeric, 3), mod(1e50::numeric, 7), div(-1e50::numeric, 7.5);
SELECT gcd(1e40::numeric, 6e39), lcm(123456789012345678901::numeric, 987654321098765432109), gcd(0.000000000000000000000000000000000000000012, 0.18);
SELECT abs(-1e50::numeric), sign(-1e50::numeric), scale(1.0e-50), min_scale(1.10e-50), trim_scale(1.5000000000000000000000000000000000000000000000000000);
SELECT factorial(33), factorial(40), factorial(100);
SELECT length(factorial(1000)::text), length(factorial(32177)::text);
SELECT factorial(32178);
SELECT factorial(-1);
-- sqrt's result scale
SELECT sqrt(2::numeric), sqrt(2.0), sqrt(0.0001), sqrt(1e-20), sqrt(1e20::numeric), sqrt(99999999.0), sqrt(0::numeric), sqrt(0.000);
SELECT sqrt(1e100::numeric), sqrt(12345678901234567890123456789012345678901234567890.5), sqrt(2.00000000000000000000000000000);
SELECT scale(sqrt(1e-3000::numeric)), sqrt(1e-3000::numeric) > 0, sqrt(repeat('9', 1000)::numeric) > 0;
SELECT pg_typeof(sqrt(2::numeric)), pg_typeof(sqrt(2));
-- power with integer exponents: PostgreSQL 15's result scale
SELECT 2.5::numeric ^ 3, 0.5::numeric ^ 100, 2::numeric ^ -2, 1.5::numeric ^ 40, (-2)::numeric ^ 3, (-2.5)::numeric ^ -3, 7::numeric ^ 2.00;
SELECT 2::numeric ^ 200, power(2::numeric, 10), pow(10::numeric, -20), 1.0000001::numeric ^ 100000000, 0::numeric ^ 0, 1.00000000000000000001::numeric ^ 2;
SELECT 123456789::numeric ^ 50, pg_typeof(2::numeric ^ 2), pg_typeof(2 ^ 2), 1::numeric ^ 1e20, 0::numeric ^ 0.5;
SELECT length((7::numeric ^ 10000)::text), scale(1.5::numeric ^ -3);
SELECT 10::numeric ^ 200000;
SELECT 2::numeric ^ 1e20;
SELECT 0::numeric ^ -1;
SELECT (-2)::numeric ^ 0.5;
SELECT 'nan'::numeric ^ 0, 1::numeric ^ 'nan', 'nan'::numeric ^ 1, 2::numeric ^ 'inf', 0.5::numeric ^ 'inf', (-1)::numeric ^ 'inf', 2::numeric ^ '-inf', 0::numeric ^ 'inf';
SELECT '-inf'::numeric ^ 3, '-inf'::numeric ^ 2, '-inf'::numeric ^ -3, 'inf'::numeric ^ 0, '-inf'::numeric ^ 'inf', 'inf'::numeric ^ '-inf', 'inf'::numeric ^ 2.5;
SELECT 0::numeric ^ '-inf';
SELECT '-inf'::numeric ^ 0.5;
-- division's result scale (select_div_scale)
SELECT 1::numeric / 3, 10::numeric / 4, 1.0 / 3, 100000::numeric / 3, 1::numeric / 30000, 1.000000000000000000000 / 3;
SELECT 1e-10::numeric / 3, 12345678901234567890::numeric / 0.001, 1e60::numeric / 7, 9999::numeric / 10000, 10000::numeric / 9999;
SELECT 1::numeric / 3e-50, scale(1e50::numeric / 3), 2e-1000::numeric / 3;
-- casts
SELECT 'inf'::numeric::float8, '-inf'::numeric::float4, 'nan'::numeric::float8, 'nan'::float8::numeric, '-inf'::float4::numeric, 'inf'::float8::numeric;
SELECT '-inf'::numeric::int;
SELECT 'nan'::numeric::int8;
SELECT 'inf'::numeric::int2;
SELECT 'nan'::numeric::int4;
SELECT 1e100::numeric::int;
SELECT 1e100::numeric::int2;
SELECT 1e100::numeric::int8;
SELECT 1e400::numeric::float8;
SELECT 1e-400::numeric::float8;
SELECT 1e300::numeric::float8, 1e-300::numeric::float8, 1e30::numeric::float4, repeat('9', 50)::numeric::float8;
SELECT 1e40::numeric::float4;
SELECT 1e30::numeric::float4 = 1e30::float4, 12345678901234567890123456789012345678901234567890::numeric::text;
SELECT 9223372036854775807::numeric + 1, (9223372036854775807::numeric + 1)::int8;
SELECT 1e30::float8::numeric, 1.5e-30::float8::numeric, 3.4e38::float4::numeric;
-- typmods: p up to 1000, s negative or above p
SELECT 12345::numeric(2,-3), 0.00099::numeric(2,5), 1.5e30::numeric(40,5);
SELECT 123456::numeric(2,-3);
SELECT 0.001::numeric(2,5);
SELECT 1::numeric(3,3);
SELECT 1e40::numeric(40,2);
SELECT 1::numeric(1001,0);
SELECT 1::numeric(10,1001);
SELECT 1::numeric(10,-1001);
-- aggregates
CREATE TABLE big_numerics (id int PRIMARY KEY, v numeric, i int8);
INSERT INTO big_numerics VALUES (1, 99999999999999999999999999999999999999, 9223372036854775807), (2, 99999999999999999999999999999999999999, 9223372036854775807), (3, 1e50, 9223372036854775807), (4, -1e-40, -9223372036854775808), (5, NULL, NULL);
SELECT sum(v), avg(v), min(v), max(v), count(v) FROM big_numerics;
SELECT sum(i), avg(i), pg_typeof(sum(i)), pg_typeof(avg(i)) FROM big_numerics;
SELECT sum(i) FROM big_numerics, generate_series(1, 5);
SELECT var_pop(v) > 0, stddev_samp(v) > 0 FROM big_numerics;
INSERT INTO big_numerics VALUES (6, 'inf', 0), (7, 'inf', 1);
SELECT sum(v), avg(v), min(v), max(v) FROM big_numerics;
INSERT INTO big_numerics VALUES (8, '-inf', 2);
SELECT sum(v), avg(v), min(v), max(v) FROM big_numerics;
INSERT INTO big_numerics VALUES (9, 'nan', 3);
SELECT sum(v), avg(v), min(v), max(v), var_samp(v), stddev_pop(v) FROM big_numerics;
SELECT sum(v) FROM big_numerics WHERE v <> 'nan' AND id <> 8;
-- ORDER BY, DISTINCT, GROUP BY, indexes
INSERT INTO big_numerics VALUES (10, '-1e100', 4), (11, 0, 5), (12, 0.000, 6), (13, 'nan', 7), (14, 1e100, 8), (15, -1e-40, 9), (16, '1.00000000000000000000000000000000000000001', 10), (17, 1, 11);
SELECT id, v FROM big_numerics ORDER BY v, id;
SELECT id, v FROM big_numerics ORDER BY v DESC NULLS LAST, id;
SELECT v, count(*) FROM big_numerics GROUP BY v ORDER BY v;
SELECT DISTINCT v FROM big_numerics ORDER BY 1;
CREATE INDEX big_numerics_v ON big_numerics (v);
SET enable_seqscan = off;
SELECT id, v FROM big_numerics WHERE v > 1 ORDER BY v, id;
SELECT id FROM big_numerics WHERE v = 'nan' ORDER BY id;
SELECT id FROM big_numerics WHERE v = 'inf' ORDER BY id;
SELECT id FROM big_numerics WHERE v = '-inf' ORDER BY id;
SELECT id FROM big_numerics WHERE v = 1e50 ORDER BY id;
SELECT id FROM big_numerics WHERE v BETWEEN -1e100 AND 0 ORDER BY id;
RESET enable_seqscan;
CREATE TABLE big_keys (k numeric PRIMARY KEY, note text);
INSERT INTO big_keys VALUES ('nan', 'nan'), ('inf', 'inf'), ('-inf', '-inf'), (1e200, 'e200'), (-1e200, '-e200'), (0, 'zero'), ('1e131071', 'huge'), ('-1e131071', '-huge'), ('1e-16383', 'tiny'), (repeat('9', 1000)::numeric, 'nines');
INSERT INTO big_keys VALUES ('NaN', 'again');
INSERT INTO big_keys VALUES ('Infinity', 'again');
INSERT INTO big_keys VALUES (1e200 + 0.0, 'again');
SELECT note FROM big_keys ORDER BY k;
SELECT note FROM big_keys ORDER BY k DESC;
SELECT note FROM big_keys WHERE k > 1e199 ORDER BY k;
SELECT note FROM big_keys WHERE k < -1e199 ORDER BY k;
UPDATE big_keys SET k = k * 2 WHERE note IN ('e200', 'tiny');
SELECT note, k = 2e200 FROM big_keys WHERE note IN ('e200', 'tiny') ORDER BY note;
DROP TABLE big_keys;
DROP TABLE big_numerics;
