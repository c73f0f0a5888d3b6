-- exp, ln, log, log10 and power of numeric in exact decimal arithmetic:
-- PostgreSQL 15's result scales (about 16 significant digits, never fewer
-- decimals than an argument, at most 1000), NaN and ±Infinity, every error.
SELECT exp(1.0), exp(0::numeric), exp(1::numeric), exp(-1::numeric), exp(0.5);
SELECT exp(1.000000000000000000000000000000), exp(2.5), exp(10::numeric), exp(-10::numeric);
SELECT exp(100::numeric), exp(-100::numeric), exp(1e-20::numeric), exp(-0.000001);
SELECT exp(123.456789), exp(-123.456789), exp(0.0000000000000000000001234);
SELECT exp(5999::numeric)::text = exp(5999::numeric)::text, length(exp(5999::numeric)::text), scale(exp(5999::numeric));
SELECT substr(exp(5999::numeric)::text, 1, 40), substr(exp(2302.5::numeric)::text, 1, 40);
SELECT exp(-5999::numeric) = 0, scale(exp(-5999::numeric)), exp(-6000::numeric) = 0, scale(exp(-6000::numeric));
SELECT exp(-2000.5), exp(-2302.585);
SELECT exp(6000::numeric);
SELECT exp(1e100::numeric);
SELECT exp(-1e100::numeric) = 0;
SELECT exp('NaN'::numeric), exp('Infinity'::numeric), exp('-Infinity'::numeric);
SELECT exp(('0.' || repeat('3', 1000))::numeric);
SELECT exp(1.00000000000000000000000000000000000000000000000000000000000000000000000000001);
-- ln
SELECT ln(2.0), ln(2::numeric), ln(10::numeric), ln(0.5), ln(1::numeric), ln(1.000);
SELECT ln(1.1), ln(0.9), ln(1.0000001), ln(0.9999999), ln(1.00000000000000000000001);
SELECT ln(1e100::numeric), ln(1e-100::numeric), ln(123456789.123456789), ln(0.000000000123);
SELECT ln(1.5e1000::numeric), ln(('1e-' || 16383)::numeric), ln(('1e' || 131071)::numeric);
SELECT ln(repeat('9', 1000)::numeric), ln(('0.' || repeat('9', 1000))::numeric);
SELECT ln(('1.' || repeat('0', 999) || '1')::numeric);
SELECT ln(exp(1.0)), exp(ln(2.0)), ln(2.718281828459045235360287471352662497757);
SELECT ln(0::numeric);
SELECT ln(0.000);
SELECT ln(-1::numeric);
SELECT ln('-Infinity'::numeric);
SELECT ln('NaN'::numeric), ln('Infinity'::numeric);
-- log and log10 (base 10), log(b, x)
SELECT log(100::numeric), log(1000.0), log(2::numeric), log(0.001), log(1e-100::numeric), log(1::numeric);
SELECT log10(100::numeric), log10(2.5), log10(1e1000::numeric), log10(7::numeric);
SELECT log(2.0, 64.0), log(2::numeric, 64::numeric), log(2::numeric, 3::numeric), log(10::numeric, 1000::numeric);
SELECT log(0.5, 8::numeric), log(1e10::numeric, 1e100::numeric), log(3.0, 1.0), log(7::numeric, 1.0000000001);
SELECT log(1.0000000001, 7::numeric), log(123.456, 789.012), log(2.00000000000000000000, 1024::numeric);
SELECT log(('1e' || 131071)::numeric, 10::numeric), log(10::numeric, ('1e-' || 16383)::numeric);
SELECT log(1::numeric, 10::numeric);
SELECT log(0::numeric, 10::numeric);
SELECT log(10::numeric, 0::numeric);
SELECT log(-2::numeric, 10::numeric);
SELECT log(2::numeric, -10::numeric);
SELECT log(0::numeric);
SELECT log10(-1::numeric);
SELECT log('NaN'::numeric, 2::numeric), log(2::numeric, 'NaN'::numeric), log('Infinity'::numeric, 2::numeric);
SELECT log('Infinity'::numeric, 'Infinity'::numeric), log(2::numeric, 'Infinity'::numeric), log(1::numeric, 'Infinity'::numeric);
SELECT log('-Infinity'::numeric, 2::numeric);
SELECT log(0::numeric, 'Infinity'::numeric);
SELECT log('NaN'::numeric), log10('Infinity'::numeric);
-- power with non-integer exponents
SELECT power(2::numeric, 0.5), 2::numeric ^ 0.5, power(100::numeric, 1.5), power(10::numeric, -2.5);
SELECT power(2.0, 0.333333), power(1.5, 2.5), power(0.5, 0.5), power(27::numeric, 1.0/3);
SELECT power(1::numeric, 0.5), power(1::numeric, 0.12345678901234567890), power(1.00, 1e-30::numeric);
SELECT power(0::numeric, 0.5), power(0.000, 2.5), power(0::numeric, 1e20::numeric);
SELECT power(10::numeric, 2605.5), power(10::numeric, -2605.5) = 0, scale(power(10::numeric, -2605.5));
SELECT power(1.0001, 10000000000::numeric) > 0, power(0.5, 1e10::numeric) = 0, scale(power(0.5, 1e10::numeric));
SELECT power(-2::numeric, 10000000001::numeric);
SELECT power(-1::numeric, 10000000001::numeric), power(-1::numeric, 10000000000::numeric), power(1::numeric, 1e20::numeric);
SELECT power(2::numeric, 1e20::numeric);
SELECT power(10::numeric, 6000.5);
SELECT power(3.14159265358979, 2.71828182845905), power(1.000000001, 123456.789), power(0.999999999, 987654.321);
SELECT power(123456789.123456789, 0.123456789), power(1e-100::numeric, 0.5), power(1e100::numeric, 0.01);
SELECT power(repeat('9', 1000)::numeric, 0.5) = sqrt(repeat('9', 1000)::numeric), substr(power(repeat('9', 1000)::numeric, 0.5)::text, 1, 60);
SELECT power(('0.' || repeat('1', 1000))::numeric, 0.5);
SELECT power(-8::numeric, 1.0/3);
SELECT power(-2::numeric, 0.5);
SELECT (-2::numeric) ^ 2.5;
SELECT power(0::numeric, -0.5);
SELECT power('NaN'::numeric, 0.5), power(0.5, 'NaN'::numeric), power(1::numeric, 'NaN'::numeric), power('NaN'::numeric, 0::numeric);
SELECT power('Infinity'::numeric, 0.5), power('Infinity'::numeric, -0.5), power(0.5, 'Infinity'::numeric), power(2.5, '-Infinity'::numeric);
SELECT power('-Infinity'::numeric, 0.5);
-- integer exponents keep the exact path
SELECT power(2::numeric, 100), power(1.5, 3::numeric), 2.0 ^ -3, (-3.0) ^ 5;
-- in a table: exact per row
CREATE TABLE tr (x numeric);
INSERT INTO tr VALUES (0.001), (0.5), (1), (2), (10.25), (1e20), (123.456);
SELECT x, exp(x / 100), ln(x), log(x), power(x, 0.75) FROM tr ORDER BY x;
DROP TABLE tr;
