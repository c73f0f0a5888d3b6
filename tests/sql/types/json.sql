-- json: input kept as written, validation errors with PostgreSQL's DETAIL
-- and CONTEXT lines, storage, the -> family of operators, the functions
-- over json text, casts to and from jsonb and text.

-- Input is kept verbatim: spacing, key order, duplicate keys, number text.
SELECT '{"b": 1,   "a" : [1, 2.50, 1e3],"b":true}'::json;
SELECT '  "x\u00e9\n"  '::json, '[]'::json, '{}'::json, 'null'::json, '-0.0'::json;
SELECT '"\u0000"'::json, '"\ud800"'::json;

-- Invalid input: 22P02 with the token and the line up to it.
SELECT '{"a":1,}'::json;
SELECT '[1,2'::json;
SELECT 'nul'::json;
SELECT '"ab\xcd"'::json;
SELECT E'"a\tb"'::json;
SELECT '"\u12"'::json;
SELECT '01'::json;
SELECT '[1 2]'::json;
SELECT '{"a" 1}'::json;
SELECT '{1:2}'::json;
SELECT '[1,]'::json;
SELECT ''::json;
SELECT '@'::json;
SELECT '1 2'::json;
SELECT E'{"a":\n  [1,\n  2 x]}'::json;
SELECT '{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":1 2, "b":3}'::json;
SELECT '-'::json;
SELECT '1.'::json;
SELECT '1e'::json;
SELECT 'truex'::json;
SELECT '{"a":1}x'::json;
SELECT '"abc'::json;

-- Storage.
CREATE TABLE json_docs (id int PRIMARY KEY, doc json);
INSERT INTO json_docs VALUES
  (1, '{"name": "ann", "tags": ["a", "b"], "n": 1.50}'),
  (2, '[1, 2,  3]'),
  (3, '"text"'),
  (4, 'null'),
  (5, NULL),
  (6, '{"a": {"b": {"c": [10, 20, {"d": "deep"}]}}}');
INSERT INTO json_docs VALUES (7, '{bad}');
SELECT id, doc FROM json_docs ORDER BY id;
SELECT id, doc -> 'name' AS name, doc ->> 'name' AS name_text, doc -> 'tags' -> 1 AS tag
  FROM json_docs ORDER BY id;
SELECT id, doc -> 0 AS first, doc ->> -1 AS last, doc -> 5 AS none FROM json_docs ORDER BY id;
SELECT doc #> '{a,b,c,2}' AS p, doc #>> '{a,b,c,2,d}' AS t, doc #> '{a,x}' AS missing
  FROM json_docs WHERE id = 6;
SELECT id, json_typeof(doc) FROM json_docs ORDER BY id;
SELECT json_array_length(doc) FROM json_docs WHERE id = 2;
SELECT json_array_length(doc) FROM json_docs WHERE id = 1;
SELECT json_array_length(doc) FROM json_docs WHERE id = 3;
UPDATE json_docs SET doc = '{"updated": true}' WHERE id = 4;
SELECT doc FROM json_docs WHERE id = 4;
DROP TABLE json_docs;

-- Operators keep the text as written; duplicate keys: the last one.
SELECT '{"a":1,"a":2}'::json -> 'a', '{"a": [1,  2] }'::json -> 'a',
       '{"a":"x\ny"}'::json ->> 'a', '{"a":null}'::json ->> 'a', '{"a":null}'::json -> 'a';
SELECT '[1,2,3]'::json -> -1, '[1,2,3]'::json -> 3, '{"a":1}'::json -> 0, '[1]'::json -> 'a';
SELECT '{"a":{"b":[1,2]}}'::json #> '{a,b,1}', '{"a":{"b":[1,2]}}'::json #>> '{a,b}';
SELECT json_strip_nulls('{"a": 1, "b": null, "c": [null, 2, {"d":null}]}');
SELECT json_typeof('  [1]'), json_typeof('1.5'), json_typeof('"s"'), json_typeof('true'),
       json_typeof('null'), json_typeof('{}');

-- json has no equality.
SELECT '1'::json = '1'::json;

-- Casts.
SELECT '{"b":1, "a":2, "b":3}'::json::jsonb, '{"a": 1}'::jsonb::json, '[1, 2]'::json::text;
SELECT CAST('{"x": [true, null]}' AS json);
SELECT '{"a":1}'::text::json;

-- Constructors and to_json.
SELECT json_build_object('a', 1, 'b', 'two', 'c', NULL, 'd', true);
SELECT json_build_array(1, 'a', NULL, false, '{"x":1}'::json);
SELECT to_json('a'::text), to_json(1.50), to_json(true), to_json('2020-01-01'::date),
       to_json('{"a": 1}'::jsonb), to_json(NULL::int);

-- Set-returning functions.
SELECT * FROM json_array_elements('[1, "two", {"three": 3}, null]');
SELECT * FROM json_array_elements_text('[1, "two", {"three": 3}, null]');
SELECT * FROM json_object_keys('{"b": 1, "a": 2, "b": 3}');
SELECT * FROM json_each('{"b": 1, "a": "x"}');
SELECT * FROM json_each_text('{"b": 1, "a": "x", "c": null}');
SELECT json_array_elements('[1, [2]]');
SELECT * FROM json_array_elements('{"a": 1}');

-- Aggregates.
CREATE TABLE json_agg_input (k text, v int);
INSERT INTO json_agg_input VALUES ('a', 1), ('b', NULL), ('c', 3);
SELECT json_agg(v) FROM json_agg_input;
SELECT json_agg(k ORDER BY k DESC) FROM json_agg_input;
SELECT json_object_agg(k, v) FROM json_agg_input;
SELECT json_agg(v) FROM json_agg_input WHERE false;
DROP TABLE json_agg_input;

-- json has no btree ordering or equality: no keys, indexes, ORDER BY,
-- GROUP BY or DISTINCT.
CREATE TABLE json_no_order (j json);
CREATE INDEX json_no_order_j ON json_no_order (j);
CREATE TABLE json_key (j json PRIMARY KEY);
INSERT INTO json_no_order VALUES ('{"a":1}'), ('[1]');
SELECT j FROM json_no_order ORDER BY j;
SELECT j, count(*) FROM json_no_order GROUP BY j;
SELECT DISTINCT j FROM json_no_order;
DROP TABLE json_no_order;
SELECT '{"a":1}' -> 'a';

-- Whole rows and paths as arguments.
CREATE TABLE json_rows (id int, name text, d date, j jsonb);
INSERT INTO json_rows VALUES (1, 'a"b', '2020-01-02', '{"x": [1]}'), (2, NULL, NULL, NULL);
SELECT row_to_json(json_rows) FROM json_rows ORDER BY id;
SELECT to_json(r), to_jsonb(r) FROM json_rows r ORDER BY id;
SELECT row_to_json(x) FROM (SELECT id, name FROM json_rows) x ORDER BY 1::text;
DROP TABLE json_rows;
SELECT '"x"'::json -> 0, '[1]'::json -> 0, '1'::json ->> 0, '{"a":1}'::json #> '{}',
       '1'::json #> '{}';
SELECT json_extract_path('{"a":{"b":1}}', 'a', 'b'), json_extract_path_text('{"a":"x"}', 'a');
SELECT json_agg(a) FROM (VALUES (ARRAY[1,2]), (ARRAY[3])) t(a);
SELECT json_agg(t), jsonb_agg(t) FROM (VALUES (1, 'x'), (2, NULL)) t(a, b);
SELECT json_agg(a) FROM (VALUES ('{"a":1}'::json), ('[2]'::json)) t(a);
