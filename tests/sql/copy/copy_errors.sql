-- COPY's errors: options, bad data with its CONTEXT line, nothing of a failed COPY kept.
CREATE TABLE copy_e (a int, b text NOT NULL, c int);
COPY copy_e FROM STDIN WITH (FORMAT xml);
COPY copy_e FROM STDIN WITH (FORMAT csv, FORMAT text);
COPY copy_e FROM STDIN WITH (DELIMITER ',,');
COPY copy_e FROM STDIN WITH (FORMAT binary, DELIMITER ',');
COPY copy_e FROM STDIN WITH (QUOTE '"');
COPY copy_e FROM STDIN WITH (FORMAT csv, DELIMITER '|', NULL 'a|b');
COPY copy_e TO STDOUT WITH (FORMAT csv, FORCE_NOT_NULL (a));
COPY copy_e (a) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (b));
COPY copy_e (a, a) FROM STDIN;
COPY copy_e (zz) FROM STDIN;
COPY copy_e FROM STDIN WITH (bogus);
COPY copy_e FROM STDIN WITH (HEADER maybe);
COPY nope FROM STDIN;
-- bad rows: the whole COPY fails and keeps nothing
COPY copy_e FROM STDIN;
1	x	1
2	y	zz
\.
COPY copy_e FROM STDIN;
1	x	1
2	y
\.
COPY copy_e FROM STDIN;
1	x	1	4
\.
COPY copy_e FROM STDIN;
1	\N	1
\.
COPY copy_e FROM STDIN WITH (FORMAT csv);
1,x,99999999999
\.
COPY copy_e FROM STDIN WITH (FORMAT csv);
1,,1
\.
SELECT count(*) FROM copy_e;
-- inside a transaction block the failed COPY aborts the block
BEGIN;
INSERT INTO copy_e VALUES (10, 'kept?', 10);
COPY copy_e FROM STDIN;
11	y	bad
\.
SELECT 1;
ROLLBACK;
SELECT count(*) FROM copy_e;
-- FREEZE on a table truncated in the same transaction
BEGIN;
TRUNCATE copy_e;
COPY copy_e FROM STDIN WITH (FREEZE);
1	a	1
2	b	2
\.
SELECT * FROM copy_e ORDER BY a;
COMMIT;
SELECT * FROM copy_e ORDER BY a;
BEGIN;
TRUNCATE copy_e;
COPY copy_e FROM STDIN (FREEZE true);
3	c	3
\.
ROLLBACK;
SELECT * FROM copy_e ORDER BY a;
CREATE VIEW copy_v AS SELECT a FROM copy_e;
COPY copy_v TO STDOUT;
DROP VIEW copy_v;
DROP TABLE copy_e;
-- a unique violation names the line
CREATE TABLE copy_u (id int PRIMARY KEY, v text);
COPY copy_u FROM STDIN;
1	a
2	b
1	c
\.
SELECT count(*) FROM copy_u;
DROP TABLE copy_u;
