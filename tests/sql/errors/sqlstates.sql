-- SQLSTATE codes: with VERBOSITY sqlstate psql prints only the code, so each
-- error below proves its class and code exactly
\set VERBOSITY sqlstate
CREATE TABLE codes (id int PRIMARY KEY, v varchar(3) NOT NULL, n numeric(4,2));
-- 22: data exceptions
SELECT 32768::int2;
SELECT 2147483647 + 1;
SELECT 'x'::int4;
SELECT '1.5'::int8;
SELECT 'abc'::numeric;
SELECT 'abc'::float8;
SELECT '1e400'::float8;
SELECT 'maybe'::bool;
SELECT 'not a date'::date;
SELECT '2024-02-30'::date;
SELECT '2024-13-01'::date;
SELECT '2024-01-01 25:00'::timestamp;
SELECT 1 / 0;
SELECT 1.5 % 0;
SELECT 1::float8 / 0;
SELECT 'abc' LIKE 'ab\';
SELECT 1 LIMIT -1;
SELECT 1 OFFSET -1;
INSERT INTO codes VALUES (1, 'abcd', 1);
INSERT INTO codes VALUES (1, 'abc', 123.456);
-- 23: integrity constraints
INSERT INTO codes VALUES (1, 'a', 1), (1, 'b', 2);
INSERT INTO codes VALUES (2, NULL, 1);
INSERT INTO codes (id) VALUES (3);
-- 42: syntax errors and access rule violations
SELEC 1;
SELECT nosuch;
SELECT * FROM nosuch;
SELECT nosuch(1);
SELECT 1 + 'a'::text;
SELECT '1' + '2';
SELECT 1::nosuchtype;
SELECT id FROM codes WHERE 1;
SELECT CASE WHEN true THEN 1 ELSE 'a'::text END;
SELECT id FROM codes ORDER BY 5;
SELECT id FROM codes LIMIT id;
INSERT INTO codes (id) VALUES (1, 2);
INSERT INTO codes (v) VALUES (true);
CREATE TABLE codes (a int);
CREATE TABLE dupcol (a int, a int);
CREATE TABLE twopk (a int PRIMARY KEY, b int PRIMARY KEY);
CREATE TABLE baddefault (a int DEFAULT b);
DROP TABLE nosuch;
SET nosuch_setting = 1;
SHOW nosuch_setting;
SET extra_float_digits = 'x';
-- 25: transaction states
BEGIN;
SELECT 1/0;
SELECT 1;
ROLLBACK;
COMMIT;
-- a qualifier that names no table in FROM
SELECT nosuch.x FROM codes;
DROP TABLE codes;
