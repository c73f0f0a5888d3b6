-- COPY FROM STDIN and TO STDOUT in text, CSV and their options.
CREATE TABLE copy_t (a int, b text, c numeric(6,2), d boolean DEFAULT true);
COPY copy_t FROM STDIN;
1	one	1.5	t
2	\N	2.25	f
3	tab\there	-3	\N
4	back\\slash\nnew	0	t
\.
COPY copy_t TO STDOUT;
SELECT a, b, c, d FROM copy_t ORDER BY a;
-- a column list: the others take their defaults
COPY copy_t (b, a) FROM STDIN;
five	5
\.
SELECT * FROM copy_t WHERE a = 5;
-- CSV with a header, quotes and the empty string versus NULL
COPY copy_t FROM STDIN WITH (FORMAT csv, HEADER true);
a,b,c,d
6,"comma, inside",6,t
7,,7,f
8,"",8,t
9,"quote "" mark",9,t
10,"two
lines",10,t
\.
SELECT a, b, b IS NULL AS b_null FROM copy_t WHERE a >= 6 ORDER BY a;
COPY copy_t TO STDOUT WITH (FORMAT csv, HEADER);
COPY (SELECT a, b FROM copy_t WHERE a IN (6, 7, 8) ORDER BY a) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *);
COPY copy_t (a, b) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE (b), NULL 'NULL', DELIMITER '|');
-- the old option syntax
COPY copy_t (a, b) TO STDOUT CSV HEADER DELIMITER AS ';' QUOTE AS '''';
COPY copy_t (a, b) FROM STDIN CSV DELIMITER '|' NULL 'nil' FORCE NOT NULL b;
11|nil
12|
\.
SELECT a, b, b IS NULL AS b_null FROM copy_t WHERE a > 10 ORDER BY a;
COPY copy_t (a, b) FROM STDIN WITH (FORMAT csv, FORCE_NULL (b));
13,""
14,x
\.
SELECT a, b IS NULL AS b_null FROM copy_t WHERE a > 12 ORDER BY a;
-- ESCAPE other than the quote
COPY copy_t (a, b) FROM STDIN WITH (FORMAT csv, ESCAPE '\');
15,"back\"slash"
\.
SELECT b FROM copy_t WHERE a = 15;
COPY (SELECT b FROM copy_t WHERE a = 15) TO STDOUT WITH (FORMAT csv, ESCAPE '\');
-- text format with another delimiter and NULL string
COPY copy_t (a, b) TO STDOUT WITH (DELIMITER ',', NULL '');
COPY (SELECT 1 AS x, 'a,b' AS y) TO STDOUT WITH (DELIMITER ',');
COPY (SELECT a, c FROM copy_t WHERE a < 4 ORDER BY a) TO STDOUT WITH (FORMAT text, HEADER);
SELECT count(*) FROM copy_t;
DROP TABLE copy_t;
