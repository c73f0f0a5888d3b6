-- json_to_record, jsonb_to_record, json_to_recordset, jsonb_to_recordset:
-- functions returning record, read through the column definition list of
-- their FROM item; PostgreSQL's conversion of each member to its column's
-- type, and its errors.

-- The column definition list, with and without the alias name.
SELECT * FROM jsonb_to_record('{"a":1,"b":"x"}') AS x(a int, b text);
SELECT * FROM jsonb_to_record('{"a":1,"b":"x"}') AS (a int, b text);
SELECT * FROM jsonb_to_record('{"a":1,"b":"x"}') x(a int, b text);
SELECT * FROM json_to_record('{"a":1,"b":"x"}') AS x(a int, b text);
SELECT x.b, x.a FROM json_to_record('{"a":1,"b":"x"}') AS x(a int, b text);
SELECT jsonb_to_record.a FROM jsonb_to_record('{"a":7}') AS (a int);
SELECT * FROM json_to_record('{"A":1, "a":2}') AS x("A" int, a int);
SELECT * FROM jsonb_to_record('{"a":1}') AS x(a int, b text, c int[]);
SELECT * FROM jsonb_to_record('{"a":null, "b":null}') AS x(a int, b jsonb);
SELECT * FROM json_to_record('{"a":null, "b":null}') AS x(a json, b text);

-- The last of equal keys wins.
SELECT * FROM json_to_record('{"a":1, "a":2}') AS x(a int);
SELECT * FROM jsonb_to_record('{"a":1, "a":2}') AS x(a int);

-- Strings: their contents, through the column type's input function.
SELECT * FROM jsonb_to_record('{"a":"x\"y\\z\u00e9", "b":"abc", "c":"abc"}')
  AS x(a text, b varchar(5), c char(5));
SELECT * FROM json_to_record('{"a":"x\"y\\z\u00e9\ttab"}') AS x(a text);
SELECT * FROM jsonb_to_record('{"a":"2020-01-02", "b":"2020-01-02 03:04:05",
  "c":"2020-01-02 03:04:05+02", "d":"1 day 02:00", "e":"12:00"}')
  AS x(a date, b timestamp, c timestamptz, d interval, e time);
SELECT * FROM jsonb_to_record('{"a":"550e8400-e29b-41d4-a716-446655440000", "b":"\\x0102", "c":"42"}')
  AS x(a uuid, b bytea, c int);

-- Numbers and booleans: their text (json's as written, jsonb's as printed).
SELECT * FROM jsonb_to_record('{"a":1.50, "b":1e3, "c":2.5, "d":1e3, "e":12, "f":-7}')
  AS x(a numeric, b numeric, c float8, d text, e int8, f int2);
SELECT * FROM json_to_record('{"a":1.50, "b":1e3, "c":2.5, "d":1e3, "e":12, "f":-7}')
  AS x(a numeric, b numeric, c float8, d text, e int8, f int2);
SELECT * FROM jsonb_to_record('{"a":true, "b":"true", "c":1, "d":0, "e":false}')
  AS x(a bool, b bool, c bool, d bool, e text);
SELECT * FROM json_to_record('{"a":true, "b":false}') AS x(a text, b bool);

-- Objects and arrays into text, json and jsonb columns.
SELECT * FROM jsonb_to_record('{"a":{"b":1}, "c":[1, 2]}') AS x(a text, c text);
SELECT * FROM json_to_record('{"a":{"x": 1,  "y":[1, 2]}, "b":  [1, 2]}')
  AS x(a json, b jsonb, c json);
SELECT * FROM json_to_record('{"a":{"x": 1,  "y":[1, 2]}, "b":  [1, 2]}') AS x(a text, b text);
SELECT * FROM jsonb_to_record('{"a":{"x": 1,  "y":[1, {"z": null}]}, "b":"s", "c":2.50}')
  AS x(a json, b json, c jsonb);
SELECT * FROM json_to_record('{"a":"x\ty", "b":"x\u00e9", "c":3}') AS x(a json, b jsonb, c jsonb);
SELECT * FROM jsonb_to_record('{"a":"x\ty", "b":true}') AS x(a json, b jsonb);

-- Arrays into array columns: element by element, or a string in array
-- syntax; NULL elements, empty arrays, quotes and commas.
SELECT * FROM jsonb_to_record('{"a":[1,2], "b":[1,null,"x"], "c":[true,false], "d":[1.5,2]}')
  AS x(a int[], b text[], c bool[], d numeric[]);
SELECT * FROM json_to_record('{"a":[1, 2], "b":[1, null, "x\ty", {"k": [1]}]}')
  AS x(a int[], b text[]);
SELECT * FROM jsonb_to_record('{"a":["a,b", "c\"d", "", " e ", "NULL", null]}') AS x(a text[]);
SELECT * FROM jsonb_to_record('{"a":[{"x":1},[1,2],null,"s"]}') AS x(a text[]);
SELECT * FROM jsonb_to_record('{"a":[{"x":1},[1,2],null,"s"]}') AS x(a jsonb[]);
SELECT * FROM json_to_record('{"a":[1, null, "x\ty", {"k": [1]}]}') AS x(a json[]);
SELECT * FROM jsonb_to_record('{"a":[], "b":[[]], "c":[[],[]], "d":[[[]]]}')
  AS x(a int[], b int[], c text[], d int[]);
SELECT * FROM jsonb_to_record('{"a":"{1,2}", "b":"{}", "c":"{NULL,\"x,y\"}"}')
  AS x(a int[], b int[], c text[]);
SELECT * FROM json_to_record('{"a":"{1,2}"}') AS x(a int[]);
SELECT * FROM jsonb_to_record('{"a":["2020-01-02", null]}') AS x(a date[]);
SELECT * FROM jsonb_to_record('{"a":["abc", "abcdef"]}') AS x(a varchar(3)[]);

-- More column types, with their modifiers.
SELECT * FROM jsonb_to_record('{"a":[1,2,null], "b":[1.5,"NaN"], "c":["\\x01", null],
  "d":["550e8400-e29b-41d4-a716-446655440000"], "e":["1 day","2 hours"],
  "f":["2020-01-01 12:00:00.123456"]}')
  AS x(a int8[], b float8[], c bytea[], d uuid[], e interval[], f timestamp(0)[]);
SELECT * FROM jsonb_to_record('{"a":12.345, "b":"2020-01-01 12:00:00.56", "c":"pg_class",
  "d":123, "e":"x"}') AS x(a numeric(3,1), b timestamp(0), c name, d oid, e "char");
SELECT * FROM jsonb_to_record('{"a":123.45}') AS x(a numeric(3,1));
SELECT * FROM jsonb_to_record('{"a":"pg_class", "b":"int4"}') AS x(a regclass, b regtype);
SELECT * FROM jsonb_to_record('{"a":1e400}') AS x(a float8);
SELECT * FROM jsonb_to_record('{"a":"12:00+02", "b":[1,2], "c": 3}') AS x(a timetz, b smallint[], c real);
SELECT * FROM jsonb_to_record('{"a":[{"x":1}]}') AS x(a json[]);
SELECT * FROM jsonb_to_record('{"a":"[1,2]"}') AS x(a jsonb);
SELECT * FROM json_to_record('{"a":"[1,2]"}') AS x(a jsonb);
SELECT * FROM json_to_record('{"a":"[1,2]"}') AS x(a json);

-- json[b]_to_recordset: a row per object.
SELECT * FROM jsonb_to_recordset('[{"a":1},{"b":"x"},{"a":3,"b":"y","c":true}]') AS x(a int, b text);
SELECT * FROM json_to_recordset('[{"a":1},{"b":"x"},{"a":3,"b":"y","c":true}]') AS x(a int, b text);
SELECT * FROM jsonb_to_recordset('[]') AS x(a int);
SELECT * FROM json_to_recordset('[]') AS x(a int);
SELECT * FROM jsonb_to_recordset('[{"a":[1]},{"a":"{2,3}"},{"a":[]}]') AS x(a int[]);
SELECT count(*), sum(a) FROM jsonb_to_recordset('[{"a":1},{"a":2},{"a":3}]') AS x(a int);
SELECT * FROM json_to_recordset('[{"a":1,"b":{"c":[1, 2]}},{"a":2}]') AS x(a int, b json)
  WHERE a > 1 OR b IS NOT NULL ORDER BY a DESC;

-- A NULL argument: one row of NULLs, or no rows.
SELECT * FROM jsonb_to_record(NULL) AS x(a int, b text);
SELECT * FROM json_to_record(NULL) AS x(a int);
SELECT * FROM jsonb_to_recordset(NULL) AS x(a int);
SELECT * FROM json_to_recordset(NULL) AS x(a int);

-- LATERAL over a table's json and jsonb columns.
CREATE TABLE jtr_docs (id int PRIMARY KEY, j json, jb jsonb);
INSERT INTO jtr_docs VALUES
  (1, '{"name":"ann","tags":["a","b"],"n":1}', '[{"k":"x","v":1},{"k":"y","v":2}]'),
  (2, '{"name":"bob","tags":[],"n":null}', '[]'),
  (3, NULL, NULL),
  (4, '{"n":4,"extra":{"deep":[1,{"z":true}]}}', '[{"k":"z"}]');
SELECT d.id, r.* FROM jtr_docs d, json_to_record(d.j) AS r(name text, tags text[], n int)
  ORDER BY d.id;
SELECT d.id, r.k, r.v FROM jtr_docs d CROSS JOIN LATERAL jsonb_to_recordset(d.jb) AS r(k text, v int)
  ORDER BY d.id, r.k;
SELECT d.id, r.k FROM jtr_docs d LEFT JOIN LATERAL jsonb_to_recordset(d.jb) AS r(k text, v int) ON true
  ORDER BY d.id, r.k;
SELECT d.id, r.extra FROM jtr_docs d, json_to_record(d.j) AS r(extra jsonb) WHERE d.id = 4;
SELECT id, (SELECT n FROM json_to_record(j) AS (n int)) FROM jtr_docs ORDER BY id;
SELECT r.* FROM (SELECT jb FROM jtr_docs WHERE id = 1) s, jsonb_to_recordset(s.jb) AS r(v int, k text);
PREPARE jtr_p(jsonb) AS SELECT * FROM jsonb_to_record($1) AS x(a int, b text[]);
EXECUTE jtr_p('{"a":5,"b":["p","q"]}');
EXECUTE jtr_p('{"b":"{r}"}');
DEALLOCATE jtr_p;
DROP TABLE jtr_docs;

-- Views print the column definition list with PostgreSQL's type names.
CREATE TABLE jtr_t (j jsonb, k json);
CREATE VIEW jtr_v1 AS SELECT * FROM jsonb_to_record('{"a":1,"b":"x"}') AS x(a int, b text);
CREATE VIEW jtr_v2 AS SELECT a, "B" FROM json_to_recordset('[{"a":1}]')
  AS ("B" varchar(3)[], a numeric(5,2), c timestamptz);
CREATE VIEW jtr_v3 AS SELECT r.* FROM jtr_t, LATERAL jsonb_to_recordset(jtr_t.j) r(k text);
CREATE VIEW jtr_v4 AS SELECT e.* FROM jtr_t, json_each(k) e, json_array_elements_text(k) WITH ORDINALITY t;
SELECT pg_get_viewdef('jtr_v1');
SELECT pg_get_viewdef('jtr_v2');
SELECT pg_get_viewdef('jtr_v3');
SELECT pg_get_viewdef('jtr_v4');
SELECT * FROM jtr_v1;
SELECT * FROM jtr_v2;
CREATE VIEW jtr_v5 AS SELECT jsonb_to_record(j) FROM jtr_t;
DROP VIEW jtr_v1, jtr_v2, jtr_v3, jtr_v4;
DROP TABLE jtr_t;

-- A column definition list is needed for these functions, and only for them.
SELECT * FROM jsonb_to_record('{"a":1,"b":"x"}');
SELECT * FROM json_to_recordset('[{"a":1}]') AS x;
SELECT * FROM jsonb_to_record('{"a":1,"b":"x"}') AS x(a, b);
SELECT * FROM generate_series(1,2) AS x(a int);
SELECT * FROM unnest('{1,2}'::int[]) AS (a int);
SELECT * FROM jsonb_to_record('{"a":1}') WITH ORDINALITY AS x(a int);
SELECT * FROM jsonb_to_record('{"a":1}') AS x(a int, b);
SELECT * FROM jsonb_to_record('{"a":1}') AS x(a int) WITH ORDINALITY;
SELECT * FROM jsonb_to_record('{"a":1}') AS x(a nosuchtype);
SELECT * FROM json_to_record('{"a":1}') AS x(a int, a text);

-- No such function.
SELECT * FROM jsonb_to_record('{"a":1}'::json) AS x(a int);
SELECT * FROM json_to_record('{"a":1}'::jsonb) AS x(a int);
SELECT * FROM json_to_record(1) AS x(a int);
SELECT * FROM json_to_record('{"a":1}', true) AS x(a int);

-- In a target list there is no row type for the record.
SELECT jsonb_to_record('{"a":1}');
SELECT json_to_recordset('[{"a":1}]');
SELECT jsonb_to_record(NULL);
SELECT jsonb_to_recordset(NULL);

-- The wrong kind of value: 22023.
SELECT * FROM jsonb_to_record('[1]') AS x(a int);
SELECT * FROM json_to_record('[1]') AS x(a int);
SELECT * FROM jsonb_to_record('1') AS x(a int);
SELECT * FROM json_to_record('"x"') AS x(a int);
SELECT * FROM jsonb_to_record('null') AS x(a int);
SELECT * FROM json_to_record('null') AS x(a int);
SELECT * FROM jsonb_to_recordset('{"a":1}') AS x(a int);
SELECT * FROM jsonb_to_recordset('1') AS x(a int);
SELECT * FROM json_to_recordset('{"a":1}') AS x(a int);
SELECT * FROM json_to_recordset('1') AS x(a int);
SELECT * FROM jsonb_to_recordset('[1]') AS x(a int);
SELECT * FROM jsonb_to_recordset('[null]') AS x(a int);
SELECT * FROM json_to_recordset('[{"a":1}, 2]') AS x(a int);
SELECT * FROM json_to_recordset('[null]') AS x(a int);

-- json's strings are all decoded as the document is read: an escape text
-- cannot hold fails wherever it is.
SELECT * FROM json_to_record('{"a":"\ud83d\ude00 \u00e9"}') AS x(a text);
SELECT * FROM json_to_record('{"a":"\u0000","b":1}') AS x(b int);
SELECT * FROM json_to_record('{"b":1,
 "a":"\u0000"}') AS x(a text);
SELECT * FROM json_to_record('{"b":1, "a":["\u0000"]}') AS x(a text);
SELECT * FROM json_to_recordset('[{"b":1}, {"a":"\u0000"}]') AS x(b text);
SELECT * FROM json_to_record('{"a":"\ud83d"}') AS x(a text);

-- Values the column type does not take: the input function's errors.
SELECT * FROM jsonb_to_record('{"a":"1x"}') AS x(a int);
SELECT * FROM jsonb_to_record('{"a":1.5}') AS x(a int);
SELECT * FROM json_to_record('{"a":1e3}') AS x(a int);
SELECT * FROM jsonb_to_record('{"a":true}') AS x(a int);
SELECT * FROM jsonb_to_record('{"a":[1,2]}') AS x(a int);
SELECT * FROM json_to_record('{"a":{"b": 1}}') AS x(a int);
SELECT * FROM jsonb_to_record('{"a":"99999999999"}') AS x(a int);
SELECT * FROM jsonb_to_record('{"a":99999999999}') AS x(a int);
SELECT * FROM jsonb_to_record('{"a":"abc"}') AS x(a date);
SELECT * FROM jsonb_to_record('{"a":"abcdef"}') AS x(a varchar(3));
SELECT * FROM jsonb_to_record('{"a":2}') AS x(a bool);
SELECT * FROM jsonb_to_record('{"a":"maybe"}') AS x(a bool);
SELECT * FROM jsonb_to_record('{"a":"x"}') AS x(a uuid);
SELECT * FROM jsonb_to_recordset('[{"a":1},{"a":"two"}]') AS x(a int);

-- Array columns: a JSON array or a string, of matching dimensions.
SELECT * FROM jsonb_to_record('{"a":1}') AS x(a int[]);
SELECT * FROM json_to_record('{"a":{"b":1}}') AS x(a int[]);
SELECT * FROM json_to_record('{"a":true}') AS x(a text[]);
SELECT * FROM json_to_record('{"a":"abc"}') AS x(a int[]);
SELECT * FROM json_to_record('{"a":[{"b":1}]}') AS x(a int[]);
SELECT * FROM jsonb_to_record('{"a":[1,[2]]}') AS x(a int[]);
SELECT * FROM jsonb_to_record('{"a":[1,[]]}') AS x(a int[]);
SELECT * FROM jsonb_to_record('{"a":[[1],2]}') AS x(a int[]);
SELECT * FROM json_to_record('{"a":[[1],[2,3]]}') AS x(a int[]);
SELECT * FROM jsonb_to_record('{"a":[[],[1]]}') AS x(a int[]);
SELECT * FROM jsonb_to_record('{"a":[[1],[]]}') AS x(a int[]);
SELECT * FROM jsonb_to_record('{"a":[[[1],[2]],[3]]}') AS x(a int[]);
SELECT * FROM jsonb_to_record('{"a":["1x"]}') AS x(a int[]);
