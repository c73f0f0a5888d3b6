-- Arrays of more dimensions and other lower bounds: their text form
-- ('{{1,2},{3,4}}', '[0:1]={5,6}') and its errors, subscripts and slices,
-- ARRAY[[...]] and ARRAY[ARRAY[...]], the dimension functions, comparison,
-- storage, keys, COPY, casts, json and array_agg of arrays.
SELECT '{{1,2},{3,4}}'::int[], '[0:1]={5,6}'::int[], '[2:3][1:2]={{1,2},{3,4}}'::int[], '[3]={1,2,3}'::int[];
SELECT '{{1,2},{3}}'::int[];
SELECT '{{1,2},3}'::int[];
SELECT '{1,{2,3}}'::int[];
SELECT '{{},{}}'::int[];
SELECT '[0:2]={5,6}'::int[];
SELECT '[1:2]{5,6}'::int[];
SELECT '[1:2={5,6}'::int[];
SELECT '{{{1}}}'::int[], '{{{{{{1}}}}}}'::int[];
SELECT '{{{{{{{1}}}}}}}'::int[];
SELECT '{{"a b",NULL},{"",x}}'::text[];
SELECT '[1:0]={}'::int[];
SELECT '{{1,2}} x'::int[];
SELECT '{{1,2}'::int[];
SELECT '{ { 1 , 2 } , { 3 , 4 } }'::int[];
SELECT '[-2:-1]={1,2}'::int[];
SELECT a, a[1][2], a[2][1], a[1], a[3][1], a[1:1], a[1:2][2:2], a[2][1:2], a[:1], array_dims(a), array_ndims(a), array_length(a, 1), array_length(a, 2), array_length(a, 3), array_lower(a, 2), array_upper(a, 1), cardinality(a)
  FROM (SELECT '{{1,2},{3,4}}'::int[] AS a) s;
SELECT b, b[0], b[1], b[2], array_dims(b), array_lower(b, 1), array_upper(b, 1), b[0:0], array_length(b, 1)
  FROM (SELECT '[0:1]={5,6}'::int[] AS b) s;
SELECT '{{1,2},{3,4}}'::int[] = '{{1,2},{3,4}}'::int[], '{{1,2},{3,4}}'::int[] = '{1,2,3,4}'::int[], '{{1,2},{3,4}}'::int[] > '{1,2,3,4}'::int[], '[0:1]={1,2}'::int[] = '{1,2}';
SELECT '{{1,2},{3,4}}'::int[]::text[], '{{1.5,2},{3,4}}'::numeric[]::int[];
CREATE TABLE md (id int, a int[], t text[]);
INSERT INTO md VALUES (1, '{{1,2},{3,4}}', '{{a,b}}'), (2, '[0:2]={7,8,9}', NULL), (3, '{1,2}', '{{x},{y}}');
SELECT * FROM md ORDER BY a;
SELECT id, unnest(a) FROM md ORDER BY 1, 2;
SELECT id FROM md WHERE 3 = ANY(a) ORDER BY 1;
SELECT DISTINCT a FROM md ORDER BY a;
CREATE INDEX md_a ON md (a);
SELECT id FROM md WHERE a = '{{1,2},{3,4}}';
COPY md TO STDOUT;
DROP TABLE md;
SELECT ARRAY[ARRAY[1,2],ARRAY[3,4]], ARRAY[[1,2],[3,4]], ARRAY[[[1]],[[2]]], ARRAY[ARRAY[1,2], NULL];
SELECT ARRAY[ARRAY[1,2],ARRAY[3]];
SELECT ARRAY[[1,2],[3,4]]::bigint[], ARRAY[['a','b']]::text[], ARRAY[ARRAY['1.5']]::numeric[];
SELECT (ARRAY[[1,2],[3,4]])[2][1], array_dims(ARRAY[[1,2],[3,4]]);
SELECT ARRAY['{1,2}'::int[], '{3,4}'];
SELECT ARRAY[ARRAY[]::int[], ARRAY[]::int[]];
CREATE VIEW mdv AS SELECT ARRAY[[1,2],[3,4]] AS a, ARRAY[ARRAY[1.5]]::int[] AS b;
SELECT pg_get_viewdef('mdv'::regclass);
SELECT * FROM mdv;
DROP VIEW mdv;
SELECT to_json('{{1,2},{3,4}}'::int[]), to_jsonb('{{1,2},{3,4}}'::int[]), array_to_json('{{1,2},{3,4}}'::int[]);
SELECT array_agg(a) FROM (VALUES ('{1,2}'::int[]), ('{3,4}')) v(a);
SELECT array_to_string('{{1,2},{3,4}}'::int[], ',');
SELECT '{{1,2},{3,4}}'::int[] @> '{3}', '{{1,2},{3,4}}'::int[] && '{4,5}';
SELECT array_agg(a) FROM (VALUES ('{1,2}'::int[]), (NULL)) v(a);
SELECT array_agg(a) FROM (VALUES ('{1,2}'::int[]), ('{}')) v(a);
SELECT array_agg(a) FROM (VALUES ('{1,2}'::int[]), ('{3}')) v(a);
SELECT array_agg(a ORDER BY a DESC) FROM (VALUES ('{{1,2}}'::int[]), ('{{3,4}}')) v(a);
SELECT ('{{1,2},{3,4}}'::int[])[1:2][2], ('{{1,2},{3,4}}'::int[])[2:][:1], ('{{1,2},{3,4}}'::int[])[5:6];
