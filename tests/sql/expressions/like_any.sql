-- LIKE / ILIKE / NOT LIKE with ANY, SOME and ALL over an array of patterns:
-- PostgreSQL's quantified ~~ operators, with their NULL rules.
SELECT 'abc' LIKE ANY (ARRAY['a%', 'x']) AS a, 'abc' LIKE ALL (ARRAY['a%', 'x']) AS b,
       'abc' ILIKE ALL (ARRAY['A%', '%C']) AS c, 'abc' NOT LIKE ANY (ARRAY['a%', 'b%']) AS d,
       'abc' NOT ILIKE ALL (ARRAY['X%', 'Y%']) AS e, 'abc' LIKE SOME ('{%b%,q}') AS f,
       'abc' LIKE ANY ('{}') AS g, 'abc' LIKE ALL ('{}') AS h, 'abc' LIKE ANY (ARRAY['x', NULL]) AS i,
       'abc' LIKE ANY (ARRAY['a%', NULL]) AS j, 'abc' LIKE ALL (ARRAY['a%', NULL]) AS k,
       NULL LIKE ANY (ARRAY['a']) AS l, 'abc' LIKE ANY (NULL::text[]) AS m,
       'a_c' LIKE ANY (ARRAY['a\_c']) AS n;
CREATE TABLE la (id int PRIMARY KEY, s text, v varchar(10), c char(4));
INSERT INTO la VALUES (1, 'apple', 'apple', 'ap'), (2, 'banana', 'Banana', 'ba'),
                      (3, 'cherry', NULL, 'ch'), (4, NULL, 'date', NULL);
SELECT id FROM la WHERE s LIKE ANY (ARRAY['a%', '%rr%']) ORDER BY id;
SELECT id FROM la WHERE v ILIKE ANY (ARRAY['b%', 'D%']) ORDER BY id;
SELECT id FROM la WHERE s NOT LIKE ALL (ARRAY['a%', 'b%']) ORDER BY id;
SELECT id FROM la WHERE c LIKE ANY (ARRAY['ap', 'ba  ']) ORDER BY id;
SELECT id FROM la WHERE s LIKE ANY (ARRAY[v, 'ch%']) ORDER BY id;
SELECT id FROM la WHERE s LIKE ANY (ARRAY['a%']::varchar[]) ORDER BY id;
SELECT id FROM la WHERE s LIKE ANY (SELECT v || '%' FROM la WHERE v IS NOT NULL) ORDER BY id;
SELECT id FROM la WHERE s NOT ILIKE ALL (SELECT p FROM (VALUES ('A%'), ('%Y')) x(p)) ORDER BY id;
SELECT 'abc' LIKE ANY (SELECT 'x' UNION ALL SELECT NULL) AS a,
       'abc' LIKE ALL (SELECT 'a%' WHERE false) AS b, c LIKE ANY (SELECT 'ap  ') AS c
FROM la ORDER BY id;
SELECT 1 LIKE ANY (ARRAY['1']);
SELECT 'a' LIKE ANY (ARRAY[1]);
CREATE VIEW lav AS SELECT id FROM la WHERE s LIKE ANY (ARRAY['a%', 'b%']) OR s ILIKE ALL ('{%E%}');
SELECT pg_get_viewdef('lav'::regclass);
SELECT * FROM lav ORDER BY id;
DROP VIEW lav;
DROP TABLE la;
