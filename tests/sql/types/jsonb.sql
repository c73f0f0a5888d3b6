-- jsonb: normalized output (spacing, keys sorted by length then bytes,
-- duplicate keys last-wins, numbers as numeric prints them), errors,
-- storage with keys and indexes, btree order and equality, the operators
-- and functions, casts.

SELECT '{"a":1, "b" : [1,2,{"c":null}],"aa":1.50e1, "b":true}'::jsonb;
SELECT '{"bb": 1, "a": 2, "ccc": 3, "c": 4, "aa": 5}'::jsonb;
SELECT '1e400'::jsonb = '1e400'::jsonb, '-0'::jsonb, '1.0E-3'::jsonb, '0.00'::jsonb, '12e2'::jsonb;
SELECT '1.5e+3'::jsonb, '-1.5E-3'::jsonb, '1e0'::jsonb, '-0.0'::jsonb, '0e5'::jsonb, '100e-2'::jsonb;
SELECT '"\u00e9\n\"\\\/\t"'::jsonb, '"\ud83d\ude00"'::jsonb;
SELECT '[]'::jsonb, '{}'::jsonb, '[[], {}, [{}]]'::jsonb, 'null'::jsonb, ' true '::jsonb;

-- Errors.
SELECT '{"a":1,}'::jsonb;
SELECT '[1,2'::jsonb;
SELECT '"\u0000"'::jsonb;
SELECT '"\ud800"'::jsonb;
SELECT '"\udc00"'::jsonb;
SELECT '"\ud800\ud800"'::jsonb;
SELECT '"\ud800x"'::jsonb;

-- Equality and order: object > array > boolean > number > string > null;
-- containers by size first; a scalar is a one-element array at the top.
SELECT '5'::jsonb > '[]'::jsonb, '5'::jsonb < '[1,2]'::jsonb, '"a"'::jsonb < '1'::jsonb,
       'null'::jsonb < '"a"'::jsonb, 'true'::jsonb > '100'::jsonb, '[]'::jsonb < '{}'::jsonb,
       '[1,2,3]'::jsonb < '{}'::jsonb;
SELECT '[5]'::jsonb > '[[]]'::jsonb, '{"a":1}'::jsonb < '{"b":0}'::jsonb,
       '{"b":1}'::jsonb < '{"aa":1}'::jsonb, '1.0'::jsonb = '1'::jsonb,
       '[1,2]'::jsonb < '[1,2,3]'::jsonb, '[3]'::jsonb < '[1,2]'::jsonb;
SELECT '[]'::jsonb > '1'::jsonb, '[]'::jsonb > 'null'::jsonb, '[[]]'::jsonb > '[1]'::jsonb,
       'false'::jsonb < 'true'::jsonb, '{"a":1,"b":2}'::jsonb = '{"b":2,"a":1}'::jsonb;

CREATE TABLE jsonb_docs (id int PRIMARY KEY, doc jsonb);
INSERT INTO jsonb_docs VALUES
  (1, '{"name": "ann", "tags": ["a", "b"], "n": 1.50}'),
  (2, '[1, 2, 3]'),
  (3, '"text"'),
  (4, 'null'),
  (5, NULL),
  (6, '{"a": {"b": {"c": [10, 20, {"d": "deep"}]}}}'),
  (7, '{}'),
  (8, '[]'),
  (9, '-2.5'),
  (10, 'true'),
  (11, '{"name": "bob", "tags": ["b"], "n": 2}');
SELECT id, doc FROM jsonb_docs ORDER BY doc, id;
SELECT id, doc FROM jsonb_docs ORDER BY doc DESC NULLS LAST, id;
SELECT jsonb_typeof(doc), count(*) FROM jsonb_docs GROUP BY 1 ORDER BY 1;
SELECT DISTINCT doc -> 'tags' FROM jsonb_docs WHERE doc ? 'tags' ORDER BY 1;
SELECT id FROM jsonb_docs WHERE doc @> '{"tags": ["b"]}' ORDER BY id;
SELECT id FROM jsonb_docs WHERE doc = '{"n": 1.5, "tags": ["a", "b"], "name": "ann"}';
CREATE INDEX jsonb_docs_doc ON jsonb_docs (doc);
SET enable_seqscan = off;
SELECT id FROM jsonb_docs WHERE doc = '[1, 2, 3]';
RESET enable_seqscan;
CREATE TABLE jsonb_keys (k jsonb PRIMARY KEY, v int);
INSERT INTO jsonb_keys VALUES ('{"a": 1}', 1), ('[1, 2]', 2), ('"x"', 3);
INSERT INTO jsonb_keys VALUES ('{"a": 1.0}', 4);
SELECT * FROM jsonb_keys ORDER BY k;
SELECT v FROM jsonb_keys WHERE k = '[1,2]';
DROP TABLE jsonb_keys;

-- The -> family.
SELECT id, doc -> 'name' AS name, doc ->> 'name' AS name_text, doc -> 'tags' -> 1 AS tag,
       doc -> 0 AS first, doc ->> -1 AS last
  FROM jsonb_docs ORDER BY id;
SELECT doc #> '{a,b,c,2}' AS p, doc #>> '{a,b,c,2,d}' AS t, doc #> '{a,x}' AS missing,
       doc #> '{}' AS whole, doc #> '{a,b,c,-1}' AS negative, doc #> '{a,b,c,x}' AS bad
  FROM jsonb_docs WHERE id = 6;
SELECT '{"a":"x\ny"}'::jsonb ->> 'a', '{"a":null}'::jsonb ->> 'a', '{"a":null}'::jsonb -> 'a';
SELECT '[1,2,3]'::jsonb -> -1, '[1,2,3]'::jsonb -> 5, '{"a":1}'::jsonb -> 0, '[1]'::jsonb -> 'a';
DROP TABLE jsonb_docs;

-- Containment and existence.
SELECT '{"a":1, "b":[1,2,{"c":3}]}'::jsonb @> '{"b":[{"c":3}]}',
       '{"a":1}'::jsonb @> '{"a":1, "b":2}', '[1,2,[3,4]]'::jsonb @> '[[3]]',
       '[1,2]'::jsonb @> '1', '1'::jsonb @> '[1]', '1'::jsonb @> '1',
       '{"a":1}'::jsonb <@ '{"a":1,"b":2}', '[1,2]'::jsonb @> '[2,1,2]',
       '{"a":[1,2]}'::jsonb @> '{"a":1}', '{"a":1.0}'::jsonb @> '{"a":1}';
SELECT '{"a":1, "b":2}'::jsonb ? 'a', '["a","b"]'::jsonb ? 'b', '"a"'::jsonb ? 'a',
       '{"a":{"b":1}}'::jsonb ? 'b', '[1]'::jsonb ? '1';
SELECT '{"a":1, "b":2}'::jsonb ?| array['x', 'b'], '{"a":1, "b":2}'::jsonb ?& array['a', 'b'],
       '{"a":1, "b":2}'::jsonb ?& array['a', 'c'], '{"a":1}'::jsonb ?| '{}';

-- Concatenation and deletion.
SELECT '{"a":1,"b":2}'::jsonb || '{"b":3,"c":4}', '[1,2]'::jsonb || '[3]', '[1]'::jsonb || '2',
       '1'::jsonb || '2', '{"a":1}'::jsonb || '[1]', '[1]'::jsonb || '{"a":1}',
       '{"a":1}'::jsonb || '"x"';
SELECT '{"a":1,"b":2}'::jsonb - 'a', '["a","b","a"]'::jsonb - 'a', '[1,2,3]'::jsonb - 1,
       '[1,2,3]'::jsonb - -1, '[1,2,3]'::jsonb - 5, '{"a":1,"b":2,"c":3}'::jsonb - '{a,c}'::text[];
SELECT '1'::jsonb - 'a';
SELECT '{"a":1}'::jsonb - 0;
SELECT '"x"'::jsonb - 0;
SELECT '{"a":{"b":[1,2,3]}}'::jsonb #- '{a,b,1}', '{"a":1}'::jsonb #- '{x}',
       '[1,[2,3]]'::jsonb #- '{1,-1}', '{"a":1}'::jsonb #- '{}';
SELECT '1'::jsonb #- '{a}';
SELECT '[1,2]'::jsonb #- '{x}';

-- jsonb_set and jsonb_insert.
SELECT jsonb_set('{"a":{"b":1}}', '{a,b}', '2'), jsonb_set('{"a":1}', '{c}', '[3]'),
       jsonb_set('{"a":1}', '{c}', '3', false), jsonb_set('[1,2,3]', '{1}', '"x"'),
       jsonb_set('[1,2,3]', '{9}', '4'), jsonb_set('[1,2,3]', '{-9}', '0'),
       jsonb_set('{"a":[1]}', '{a,0,b}', '1'), jsonb_set('{"a":1}', '{}', '2');
SELECT jsonb_set('1', '{a}', '2');
SELECT jsonb_set('[1]', '{x}', '2');
SELECT jsonb_set('{"a":1}', ARRAY['a', NULL], '2');
SELECT jsonb_set('{"a":1}', ARRAY[NULL, 'a'], '2');
SELECT jsonb_set('{"a":1}', '{a}', NULL);
SELECT jsonb_insert('[1,2,3]', '{1}', '"x"'), jsonb_insert('[1,2,3]', '{1}', '"x"', true),
       jsonb_insert('{"a":[1,2]}', '{a,-1}', '9', true), jsonb_insert('{"a":1}', '{b}', '2'),
       jsonb_insert('[]', '{0}', '1');
SELECT jsonb_insert('{"a":1}', '{a}', '2');

-- Functions.
SELECT jsonb_typeof('{}'), jsonb_typeof('[]'), jsonb_typeof('"s"'), jsonb_typeof('1.5'),
       jsonb_typeof('false'), jsonb_typeof('null');
SELECT jsonb_array_length('[1,[2,3],{}]'), jsonb_array_length('[]');
SELECT jsonb_array_length('{}');
SELECT jsonb_array_length('3');
SELECT jsonb_strip_nulls('{"a": 1, "b": null, "c": [null, 2, {"d": null}]}');
SELECT jsonb_pretty('{"a":[],"b":{},"c":[1,{"d":null}],"e":"x"}');
SELECT jsonb_pretty('[]'), jsonb_pretty('1');
SELECT jsonb_build_object('b', 1, 'a', 'two', 'b', NULL), jsonb_build_array(1, 'a', NULL, 1.50);
SELECT jsonb_build_object('a');
SELECT to_jsonb('a'::text), to_jsonb(1.50), to_jsonb(true), to_jsonb('2020-01-01'::date),
       to_jsonb('{"b": 1, "a": 2}'::json), to_jsonb(42), to_jsonb(2.5::float8);

-- Set-returning functions, in FROM and in the target list.
SELECT * FROM jsonb_array_elements('[1, "two", {"three": 3}, null]');
SELECT * FROM jsonb_array_elements_text('[1, "two", {"three": 3}, null]');
SELECT * FROM jsonb_object_keys('{"bb": 1, "a": 2, "ccc": 3}');
SELECT * FROM jsonb_each('{"b": 1, "a": "x", "c": [1]}');
SELECT key, value FROM jsonb_each_text('{"b": 1, "a": "x", "c": null}') ORDER BY key;
SELECT e.value ->> 'n' AS n FROM jsonb_array_elements('[{"n": 1}, {"n": 2}]') AS e;
SELECT jsonb_array_elements('[1, [2]]'), jsonb_object_keys('{"x": 1}');
SELECT * FROM jsonb_array_elements('{"a": 1}');
SELECT * FROM jsonb_array_elements('1');
SELECT * FROM jsonb_object_keys('[1]');
SELECT * FROM jsonb_each('[1]');
SELECT * FROM jsonb_array_elements('[10, 20]') WITH ORDINALITY;

-- Aggregates.
CREATE TABLE jsonb_agg_input (k text, v int);
INSERT INTO jsonb_agg_input VALUES ('b', 1), ('a', NULL), ('b', 3);
SELECT jsonb_agg(v) FROM jsonb_agg_input;
SELECT jsonb_agg(k ORDER BY v DESC NULLS LAST) FROM jsonb_agg_input;
SELECT jsonb_object_agg(k, v) FROM jsonb_agg_input;
SELECT jsonb_agg(v) FROM jsonb_agg_input WHERE false;
SELECT json_object_agg(v, k) FROM jsonb_agg_input;
DROP TABLE jsonb_agg_input;

-- Casts.
SELECT '12.5'::jsonb::numeric, '3'::jsonb::int, '3.7'::jsonb::int, 'true'::jsonb::bool,
       '1e2'::jsonb::float8, '{"a":1}'::jsonb::text, '{"a":1}'::jsonb::json;
SELECT '"x"'::jsonb::int;
SELECT '{}'::jsonb::bool;
SELECT 'null'::jsonb::numeric;
SELECT '1'::jsonb::bool;
SELECT 1::jsonb;

-- Paths as arguments, expressions over operators, parameters.
SELECT jsonb_extract_path('{"a":[1,{"b":2}]}', 'a', '1', 'b'),
       jsonb_extract_path_text('{"a":{"b":1}}', 'a', 'b'), '[1]'::jsonb #> '{}';
SELECT ('{"a":1}'::jsonb ->> 'a')::int + 1, '{"a":1}'::jsonb || '{"b":2}'::jsonb -> 'b';
SELECT '{"a":1}'::jsonb -> 'a' + 1;
SELECT '[1,2]'::jsonb @> '1'::int;
SELECT pg_typeof('{}'::jsonb), format_type(3802, -1), 'jsonb'::regtype, 'json'::regtype::oid;
SELECT COALESCE(NULL::jsonb, '{}'), CASE WHEN true THEN '{"a":1}'::jsonb ELSE '[]' END;
SELECT to_json(ARRAY[1,2]), to_jsonb(ARRAY['a','b']);
PREPARE jsonb_param(jsonb) AS SELECT $1 -> 'k';
EXECUTE jsonb_param('{"k": [1]}');
DEALLOCATE jsonb_param;
SELECT min('1'::jsonb);
