-- to_number(text, format): PostgreSQL 15's template reading for 9, 0, .,
-- D, ',', G, S, MI, PL, SG, FM and L; signs before or after the digits,
-- group separators, literals skipping a character each, extra input
-- ignored, decimals as many as read; NULLs and the errors.
-- After each error, psql's LAST_ERROR_SQLSTATE shows its code.
SELECT to_number('12,454.8-', '99G999D9S'), to_number('-12.5', 'S99.9'), to_number('12-', '99MI'),
       to_number('12+', '99PL'), to_number('-12', 'SG99'), to_number('12', 'SG99'), to_number('1.5-', '9.9S');
SELECT to_number('1,234', '9,999'), to_number('1,234', 'FM9,999'), to_number('1,234.56', '9G999D99'),
       to_number('$1,234.56', 'L9,999.99'), to_number('$12', '$99'), to_number('1 234', '9 999');
SELECT to_number('12.345', '99.99'), to_number('12345', '99'), to_number(' 12', '999'), to_number('1 2', '999'),
       to_number('x12', '999'), to_number('12x', '999'), to_number('0012', '0000'), to_number('12.', '99.9');
SELECT to_number('5.01-', 'FM9.999999MI'), to_number('+1.5', '9.9'), to_number('-1', '9'), to_number('.5', '.9'),
       to_number('12', 'MI99'), to_number('-12', 'MI99'), to_number('12 -', '99 MI'), to_number('1,2,3', '9,9,9');
SELECT to_number('1e5', '9999'), to_number('1.23456', '9.99'), to_number('  -  3', '999'), to_number('3.14159', '9D9999');
SELECT to_number('12', '') IS NULL AS empty_format, to_number(NULL, '99') IS NULL AS null_text,
       to_number('12', NULL) IS NULL AS null_format;
SELECT pg_typeof(to_number('1.5', '9.9')), to_number('1.5', '9.9') + 1 AS sum;
CREATE TABLE amounts (id int PRIMARY KEY, t text);
INSERT INTO amounts VALUES (1, '1,000.50'), (2, '-20.25'), (3, '7'), (4, NULL);
SELECT id, to_number(t, 'S9G999D99') FROM amounts ORDER BY id;
DROP TABLE amounts;
-- Errors.
SELECT to_number('', '99');
\echo :LAST_ERROR_SQLSTATE
SELECT to_number('abc', '999');
\echo :LAST_ERROR_SQLSTATE
SELECT to_number('-', '9');
\echo :LAST_ERROR_SQLSTATE
SELECT to_number('123', '9.9');
\echo :LAST_ERROR_SQLSTATE
SELECT to_number('1.2.3', '9.9.9');
\echo :LAST_ERROR_SQLSTATE
SELECT to_number('12', 'S99S');
\echo :LAST_ERROR_SQLSTATE
SELECT to_number('12', 'MIS99');
\echo :LAST_ERROR_SQLSTATE
SELECT to_number(12, '99');
\echo :LAST_ERROR_SQLSTATE
