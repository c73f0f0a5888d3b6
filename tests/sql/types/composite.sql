-- Composite types: CREATE TYPE ... AS (...), row values and their text
-- form, (x).field and (x).*, columns of them (ORDER BY, GROUP BY, keys),
-- UPDATE's SET c.f, arrays of them, pg_type / pg_class / pg_attribute,
-- DROP TYPE with its dependents.
CREATE TYPE pair AS (a int, b text);
CREATE TYPE pair AS (x int);
CREATE TYPE bad AS (a int, a text);
CREATE TYPE empty_row AS ();
CREATE TABLE pair AS SELECT 1;
SELECT '(1,abc)'::pair, ROW(2, 'x')::pair, (ROW(3, 'y')::pair).b, CAST('(4,)' AS pair);
SELECT '(1,"a b")'::pair, '( 1 ,x)'::pair, '(1,"")'::pair, '(,)'::pair, '(1,"q""uote")'::pair, '(1,back\\slash)'::pair;
SELECT '(1,abc,3)'::pair;
SELECT '(1)'::pair;
SELECT '1,abc'::pair;
SELECT '(1,abc) x'::pair;
SELECT '(x,abc)'::pair;
SELECT '(1,abc'::pair;
SELECT ROW(1)::pair;
SELECT ROW(1, 2, 3)::pair;
SELECT ROW('x', 'y')::pair;
SELECT ROW(1, 'a')::pair::text, '(5,e)'::text::pair, pg_typeof('(1,a)'::pair), pg_typeof(ARRAY['(1,a)'::pair]);
SELECT '()'::empty_row, ROW()::empty_row;
CREATE TABLE comp_t (id int PRIMARY KEY, p pair, ps pair[]);
INSERT INTO comp_t VALUES (1, ROW(1, 'one'), NULL), (2, '(2,two)', '{"(1,x)","(2,y)"}'), (3, NULL, '{}'), (4, ROW(NULL, NULL), ARRAY[ROW(3, 'z')::pair, NULL]);
INSERT INTO comp_t VALUES (5, ROW(5, 'five', 'extra'));
INSERT INTO comp_t VALUES (5, ROW('five', 5));
INSERT INTO comp_t (id, p) SELECT 6, ROW(6, 'six')::pair;
SELECT * FROM comp_t ORDER BY id;
SELECT id, (p).a, (p).b, (comp_t.p).a FROM comp_t ORDER BY id;
SELECT (p).* FROM comp_t ORDER BY id;
SELECT (p).c FROM comp_t;
SELECT p.a FROM comp_t;
SELECT id FROM comp_t WHERE p = ROW(1, 'one')::pair;
SELECT id FROM comp_t WHERE (p).a > 1 ORDER BY id;
SELECT id, p IS NULL, p IS NOT NULL FROM comp_t ORDER BY id;
SELECT p FROM comp_t ORDER BY p;
SELECT p FROM comp_t ORDER BY p DESC;
SELECT (p).b, count(*) FROM comp_t GROUP BY (p).b ORDER BY 1;
SELECT p, count(*) FROM comp_t GROUP BY p ORDER BY p;
SELECT DISTINCT p FROM comp_t ORDER BY p;
SELECT max((p).a), array_agg(p ORDER BY id) FROM comp_t;
SELECT ps, ps[1], (ps[1]).b, array_length(ps, 1) FROM comp_t ORDER BY id;
SELECT row_to_json(p), to_json(p), to_jsonb(p) FROM comp_t ORDER BY id;
SELECT ARRAY[ROW(1, 'a')::pair, ROW(2, 'b')::pair];
SELECT p FROM comp_t UNION SELECT '(9,nine)' ORDER BY 1;
SELECT coalesce(p, '(0,zero)') FROM comp_t ORDER BY id;
SELECT CASE WHEN id = 1 THEN p ELSE ROW(7, 'seven')::pair END FROM comp_t ORDER BY id;
UPDATE comp_t SET p.a = 10 WHERE id = 1;
UPDATE comp_t SET p.b = 'new', p.a = 30 WHERE id = 3;
UPDATE comp_t SET p.b = upper((p).b) WHERE id = 2;
UPDATE comp_t SET p.nope = 1;
UPDATE comp_t SET id.x = 1;
UPDATE comp_t SET p.a = 'x';
UPDATE comp_t SET p = ROW(40, 'forty') WHERE id = 4 RETURNING p, (p).a;
UPDATE comp_t SET p = '(41,x)', p.a = 1;
SELECT * FROM comp_t ORDER BY id;
DELETE FROM comp_t WHERE p = '(30,new)'::pair RETURNING *;
-- Composite types nest, and hold enums, arrays and numerics.
CREATE TYPE color AS ENUM ('red', 'green');
CREATE TYPE tagged AS (name varchar(10), inner_pair pair, colors color[], amount numeric(6,2));
SELECT ROW('t', ROW(1, 'x'), '{red}', 1.234)::tagged;
SELECT '(t,"(1,x)","{red,green}",2.5)'::tagged, ('(t,"(1,x)",{red},2.5)'::tagged).inner_pair;
SELECT (('(t,"(1,x)",{red},2.5)'::tagged).inner_pair).b;
CREATE TABLE nest_t (id int, t tagged);
INSERT INTO nest_t VALUES (1, ROW('one', ROW(1, 'x'), ARRAY['green']::color[], 3)), (2, '(two,"(2,y)",{},)');
INSERT INTO nest_t VALUES (3, ROW('a-much-too-long-name', NULL, NULL, NULL));
SELECT t, (t).name, ((t).inner_pair).a, (t).colors[1] FROM nest_t ORDER BY id;
-- A unique key on a composite column.
CREATE TABLE key_t (k pair PRIMARY KEY, v int);
INSERT INTO key_t VALUES ('(1,a)', 1), ('(1,b)', 2), ('(2,a)', 3);
INSERT INTO key_t VALUES ('(1,a)', 4);
INSERT INTO key_t VALUES ('(1,a)', 5) ON CONFLICT (k) DO UPDATE SET v = key_t.v + 10;
SELECT * FROM key_t ORDER BY k;
SELECT v FROM key_t WHERE k = '(1,b)'::pair;
-- The catalog.
SELECT typname, typtype, typcategory, typrelid <> 0 AS has_rel, typarray <> 0 AS has_array, typelem <> 0 AS has_elem, typlen
  FROM pg_type WHERE typname IN ('pair', '_pair', 'tagged') ORDER BY typname;
SELECT relname, relkind, relnatts, reltype = 'pair'::regtype AS reltype_ok FROM pg_class WHERE relname IN ('pair', 'tagged') ORDER BY 1;
SELECT a.attname, a.atttypid::regtype, a.attnum, format_type(a.atttypid, a.atttypmod)
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'tagged' ORDER BY a.attnum;
SELECT t.typname FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid WHERE c.relname = 'pair';
SELECT format_type('pair'::regtype, NULL), format_type('_pair'::regtype, NULL), 'pair[]'::regtype;
SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = 'comp_t'::regclass AND a.attnum > 0 ORDER BY a.attnum;
-- Views, materialized views, CREATE TABLE AS, COPY and ALTER TABLE.
CREATE TYPE pr AS (a int, b text);
CREATE TABLE vt (id int, p pr);
INSERT INTO vt VALUES (1, '(1,x)'), (2, ROW(2, 'y'));
CREATE VIEW v1 AS SELECT id, (p).a, ROW(id, 'k')::pr AS built, p, ARRAY[p]::pr[] AS ps, ARRAY[]::pr[] AS none FROM vt;
SELECT * FROM v1 ORDER BY id;
SELECT pg_get_viewdef('v1'::regclass);
\d v1
CREATE MATERIALIZED VIEW mv1 AS SELECT id, p, (p).b FROM vt;
SELECT * FROM mv1 ORDER BY id;
CREATE TABLE ct AS SELECT p, ARRAY[p] AS ps FROM vt;
SELECT * FROM ct ORDER BY p;
\d ct
COPY vt TO STDOUT;
COPY vt TO STDOUT (FORMAT csv);
CREATE TABLE vt2 (LIKE vt);
COPY vt2 FROM STDIN;
5	(5,"five five")
6	\N
7	(,)
\.
SELECT * FROM vt2 ORDER BY id;
ALTER TABLE vt ADD COLUMN q pr DEFAULT '(0,zero)';
SELECT * FROM vt ORDER BY id;
ALTER TABLE vt ALTER COLUMN q TYPE text;
SELECT * FROM vt ORDER BY id;
SELECT ROW(1, 'a')::pr = ROW(1, 'a')::pr, ROW(1, 'a')::pr < ROW(2, 'a')::pr;
SELECT (ROW(1, 'a')::pr).*;
SELECT * FROM (VALUES (ROW(1, 'a')::pr)) v(x);
SELECT x.* FROM (SELECT '(3,c)'::pr AS x) s;
SELECT NULL::pr, (NULL::pr).a;
DROP VIEW v1;
DROP MATERIALIZED VIEW mv1;
DROP TABLE vt, vt2, ct;
DROP TYPE pr;
-- ARRAY[...] cast to an array type casts its elements.
CREATE VIEW av AS SELECT ARRAY[1, 2]::bigint[] AS a, ARRAY['x', 'y']::varchar(3)[] AS b, ARRAY[]::text[] AS c, ARRAY[1.5]::int[] AS d;
SELECT pg_get_viewdef('av'::regclass);
SELECT * FROM av;
SELECT ARRAY[1, 2]::int2vector, ARRAY['abcd']::varchar(2)[], ARRAY[1, NULL]::text[];
DROP VIEW av;
-- DROP TYPE and its dependents.
DROP TYPE pair;
DROP TYPE color;
DROP TABLE key_t, nest_t;
DROP TYPE tagged;
DROP TYPE pair CASCADE;
SELECT * FROM comp_t ORDER BY id;
DROP TYPE color, empty_row;
DROP TABLE comp_t;
SELECT count(*) FROM pg_type WHERE typname IN ('pair', '_pair', 'tagged', 'color', 'empty_row');
SELECT count(*) FROM pg_class WHERE relkind = 'c';
