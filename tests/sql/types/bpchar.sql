-- character(n) (bpchar): blank-padded on input, printed padded; trailing
-- blanks do not count in comparisons, grouping, keys, joins or length(),
-- and a cast to text drops them. LIKE and regular expressions see them.
CREATE TABLE bp (id int PRIMARY KEY, c char(3), d character(5), b bpchar, v varchar(5));
INSERT INTO bp VALUES (1, 'ab', 'ab', 'ab ', 'ab'), (2, 'ab   ', 'x', 'x', 'x '),
                      (3, '', NULL, '', ''), (4, 5, 'abc', NULL, 'abc'), (5, 'é', 'ü', 'ü ', 'é');
SELECT id, c, d, b, v, c || '|' AS c_cat, d || '|' AS d_cat, b || '|' AS b_cat FROM bp ORDER BY id;
SELECT id, length(c), octet_length(c), char_length(d), character_length(b), octet_length(b),
       bit_length(c) FROM bp ORDER BY id;
SELECT attname, format_type(atttypid, atttypmod), atttypmod FROM pg_attribute
WHERE attrelid = 'bp'::regclass AND attnum > 0 ORDER BY attnum;
SELECT column_name, data_type, character_maximum_length, character_octet_length
FROM information_schema.columns WHERE table_name = 'bp' ORDER BY ordinal_position;
INSERT INTO bp VALUES (6, 'abcd');
INSERT INTO bp VALUES (6, 'abc   ');
UPDATE bp SET c = c || 'x' WHERE id = 1;
UPDATE bp SET c = c || 'xy' WHERE id = 1;
SELECT id, c FROM bp WHERE id IN (1, 6) ORDER BY id;
-- comparisons: bpchar with bpchar ignores trailing blanks, with text the
-- bpchar side loses them first
SELECT id FROM bp WHERE c = 'ab' ORDER BY id;
SELECT id FROM bp WHERE c = 'ab   ' ORDER BY id;
SELECT id FROM bp WHERE c = d ORDER BY id;
SELECT id FROM bp WHERE c = b ORDER BY id;
SELECT id FROM bp WHERE c = v ORDER BY id;
SELECT id FROM bp WHERE c = 'ab '::text ORDER BY id;
SELECT id FROM bp WHERE c IN ('ab', '5') ORDER BY id;
SELECT id FROM bp WHERE c IN ('ab', '5', 'zz', 'q', 'r', 'é') ORDER BY id;
SELECT id FROM bp WHERE c = ANY (ARRAY['ab', 'x']) ORDER BY id;
SELECT id FROM bp WHERE c < 'ab!' ORDER BY id;
SELECT 'a'::char(3) = 'a  '::bpchar AS a, 'a'::char(3) = 'a '::text AS b, 'a '::text = 'a'::char(1) AS c,
       'a'::char(3) < 'a'::char(5) AS d, 'a'::char(3) = 'a'::varchar AS e, ''::char(2) = ' ' AS f,
       'a' || ' '::char(3) || 'b' AS g, 'a\t'::char(3) > 'a'::char(3) AS h;
-- ordering, grouping, DISTINCT, joins, aggregates
SELECT c, count(*) FROM bp GROUP BY c ORDER BY c;
SELECT DISTINCT b FROM bp ORDER BY b;
SELECT count(DISTINCT c), min(c) || '|' AS min, max(d) || '|' AS max, pg_typeof(max(d)),
       string_agg(c, ',' ORDER BY id) FROM bp;
SELECT x.id, y.id FROM bp x JOIN bp y ON x.c = y.d ORDER BY 1, 2;
SELECT x.id, y.id FROM bp x JOIN bp y ON x.b = y.c ORDER BY 1, 2;
SELECT c FROM bp UNION SELECT d FROM bp ORDER BY 1;
SELECT c FROM bp INTERSECT SELECT b FROM bp ORDER BY 1;
-- pattern matching sees the padding
SELECT id FROM bp WHERE c LIKE 'ab' ORDER BY id;
SELECT id FROM bp WHERE c LIKE 'ab%' ORDER BY id;
SELECT id FROM bp WHERE d LIKE 'ab _' ORDER BY id;
SELECT id FROM bp WHERE d ILIKE 'AB   ' ORDER BY id;
SELECT id FROM bp WHERE c ~ 'b$' ORDER BY id;
SELECT id FROM bp WHERE c ~ 'b $' ORDER BY id;
SELECT id FROM bp WHERE c SIMILAR TO 'ab' ORDER BY id;
SELECT id FROM bp WHERE c NOT LIKE 'ab%' ORDER BY id;
-- functions: text functions take the unpadded text; concat and format
-- print the padded value
SELECT id, upper(c) || '|' AS u, position('b' in c), replace(c, ' ', '_') AS r, concat(c, '|'),
       format('[%s]', d), c::text || '|' AS t, c::varchar || '|' AS vc, c::name || '|' AS n,
       c || 1 AS ci FROM bp ORDER BY id;
SELECT coalesce(d, 'z') || '|' AS a, pg_typeof(coalesce(c, d)), nullif(c, 'ab') AS n,
       pg_typeof(nullif(c, 'ab')), greatest(c, d) AS g FROM bp ORDER BY id;
-- casts
SELECT 'abcd'::char(2) AS a, cast('abcd' AS char(2)) AS b, 'abc'::char AS c, 123456::char(3) AS d,
       12::char(4) || '|' AS e, '12'::char(4)::int AS f, true::char(5) || '|' AS g,
       'a  '::char(1) || '|' AS h, 'ab '::bpchar || '|' AS i, ('ab '::bpchar)::text || '|' AS j,
       'ab'::varchar(5)::char(4) || '|' AS k, 'abcdef'::char(6)::char(3) AS l,
       'é'::char(3) || '|' AS m, octet_length('é'::char(3)) AS n;
SELECT 'abcd'::varchar(6)::char(2);
SELECT cast('ab' AS char(2))::char(5) || '|';
SELECT pg_typeof('a'::char(3)), pg_typeof('a'::bpchar), pg_typeof('a'::character varying),
       format_type(1042, NULL) AS a, format_type(1042, -1) AS b, format_type(1042, 8) AS c,
       format_type(1014, NULL) AS d, format_type(1014, 7) AS e, 'bpchar'::regtype AS f,
       'character(4)'::regtype AS g, 'char'::regtype AS h;
SELECT 'a'::char(0);
SELECT 'a'::char(20000000);
SELECT true::char(3);
-- an index on a bpchar column: keys without trailing blanks
CREATE UNIQUE INDEX bp_c ON bp (c);
INSERT INTO bp (id, c) VALUES (7, 'ab ');
INSERT INTO bp (id, c) VALUES (7, 'q');
SELECT id, c FROM bp WHERE c = 'q  ' ORDER BY id;
SELECT id, c FROM bp WHERE c BETWEEN 'a' AND 'ab' ORDER BY id;
SELECT id, c FROM bp WHERE c > 'ab' ORDER BY c;
INSERT INTO bp (id, c) VALUES (8, 'zz') ON CONFLICT (c) DO NOTHING;
INSERT INTO bp (id, c) VALUES (9, 'q') ON CONFLICT (c) DO UPDATE SET d = 'conf';
SELECT id, c, d FROM bp WHERE id >= 7 ORDER BY id;
-- CREATE TABLE AS keeps the types; a view prints its casts
CREATE TABLE bp2 AS SELECT c, d, c::text AS t, 'x'::char(2) AS l, 'y'::bpchar AS u FROM bp;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
WHERE attrelid = 'bp2'::regclass AND attnum > 0 ORDER BY attnum;
CREATE VIEW bpv AS SELECT c, 'x'::char(2) AS l, 'y'::bpchar AS u FROM bp WHERE c = 'ab';
SELECT pg_get_viewdef('bpv'::regclass);
SELECT * FROM bpv;
DROP VIEW bpv;
DROP TABLE bp, bp2;
