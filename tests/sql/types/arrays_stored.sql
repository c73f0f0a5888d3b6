-- Arrays of every storable base type: literals, ARRAY[...], casts, array_agg,
-- table columns (with NULL elements, empty arrays, typmods), ORDER BY /
-- GROUP BY / DISTINCT / indexes over arrays, information about the columns.
SELECT '{1,NULL,-9223372036854775808}'::bigint[], '{1.5,NaN,-Infinity}'::float8[], '{1.50,NULL,2}'::numeric[];
SELECT '{a,"b c",NULL,""}'::varchar[], '{abc,de}'::varchar(2)[], '{2024-01-02,infinity}'::date[];
SELECT '{"2024-01-02 03:04:05.123456"}'::timestamp[], '{"2024-01-02 03:04:05+02"}'::timestamptz[];
SELECT '{"1 day 2 hours","-3 mons"}'::interval[], '{12:34:56,24:00}'::time[], '{12:34:56+02}'::timetz[];
SELECT '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}'::uuid[], '{"\\x0102",NULL}'::bytea[];
SELECT '{"{\"a\": 1}","[1, 2]"}'::json[], '{"{\"b\": 2, \"a\": 1}",null}'::jsonb[];
SELECT '{1.234,5.678}'::numeric(4,2)[], '{123.4}'::numeric(4,2)[];
SELECT '{abcd}'::varchar(3)[], ARRAY['abcd']::varchar(3)[];
SELECT '{1,x}'::bigint[];
SELECT '{2024-13-01}'::date[];
SELECT pg_typeof('{1}'::int8[]), pg_typeof('{1}'::_numeric), pg_typeof(ARRAY[1.5]), pg_typeof(ARRAY['a'::varchar]), pg_typeof(ARRAY[now()]);
SELECT pg_typeof(ARRAY[1::bigint, 2]), pg_typeof(ARRAY[date '2024-01-01']), pg_typeof(ARRAY['{}'::jsonb]), pg_typeof(ARRAY[interval '1 day']);
SELECT ARRAY[1.5, 2, NULL], ARRAY[1::int8, 2::int8], ARRAY[date '2024-01-01', NULL], ARRAY['x'::varchar, 'y'];
SELECT '{1,2}'::int[]::bigint[], '{1.6,2.4}'::numeric[]::int[], '{1,2}'::bigint[]::text[], '{1.5}'::text[]::numeric[];
SELECT 2::bigint = ANY('{1,2}'::bigint[]), 2.5 = ANY(ARRAY[1.5, 2.5]), 'b'::varchar = ANY('{a,b}'), date '2024-01-02' = ANY('{2024-01-02}'::date[]);
SELECT '{1,2}'::numeric[] = '{1.0,2.00}'::numeric[], '{1,2}'::bigint[] < '{1,3}'::bigint[], '{a}'::varchar[] < '{a,b}'::varchar[];
SELECT array_length('{1,2,3}'::bigint[], 1), cardinality('{}'::numeric[]), ('{10,20,30}'::bigint[])[2], ('{a,b}'::varchar[])[3];
SELECT NULL::bigint[] || 5::bigint, 5::bigint || NULL::bigint[], '{1}'::bigint[] || NULL::bigint, 0 || '{1}'::bigint[], ARRAY[1.5] || 2, '{a}'::varchar[] || 'b'::varchar;
SELECT array_to_string('{1.5,NULL,2}'::numeric[], ',', '*'), array_position('{x,y}'::varchar[], 'y');

CREATE TABLE arrays (
  id int PRIMARY KEY,
  ints bigint[],
  amounts numeric(6,2)[],
  names varchar(5)[],
  days date[],
  at timestamptz[],
  spans interval[],
  ids uuid[],
  docs jsonb[],
  flags boolean[],
  texts text[]
);
INSERT INTO arrays VALUES
  (1, '{1,2,3}', '{1.5,2.25}', '{ann,bob}', '{2024-01-01}', '{"2024-01-01 00:00:00+00"}', '{"1 day"}',
   '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{"{\"k\": 1}"}', '{t,f}', '{x,y}'),
  (2, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}'),
  (3, '{NULL,5}', '{NULL}', '{NULL,cy}', '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{NULL}', '{NULL,t}', '{NULL,""}'),
  (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (5, ARRAY[4, 4], ARRAY[9.999], ARRAY['dee'], ARRAY[date '2024-02-29'], ARRAY[timestamptz '2024-01-01 12:00+05'],
   ARRAY[interval '2 hours'], ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'::uuid], ARRAY['[1]'::jsonb], ARRAY[true], ARRAY['z']);
SELECT * FROM arrays ORDER BY id;
INSERT INTO arrays (id, names) VALUES (6, '{toolong}');
INSERT INTO arrays (id, amounts) VALUES (6, '{12345.6}');
INSERT INTO arrays (id, ints) VALUES (6, '{1,a}');
UPDATE arrays SET ints = ints || 99::bigint WHERE id = 1;
UPDATE arrays SET names = ARRAY['eve'], amounts = '{3.333}' WHERE id = 2;
SELECT id, ints, amounts, names FROM arrays ORDER BY id;
SELECT ints, count(*) FROM arrays GROUP BY ints ORDER BY ints;
SELECT DISTINCT flags FROM arrays ORDER BY flags;
SELECT id FROM arrays ORDER BY names DESC NULLS LAST, id;
SELECT id, ints[1], names[2], cardinality(days), array_length(spans, 1) FROM arrays ORDER BY id;
SELECT id FROM arrays WHERE 'bob' = ANY(names) OR 4 = ANY(ints) ORDER BY id;
SELECT id FROM arrays WHERE ints = '{4,4}' OR names = ARRAY['eve']::varchar[] ORDER BY id;
SELECT u.id, x FROM arrays u, unnest(u.amounts) AS x ORDER BY u.id, x;
SELECT array_agg(id ORDER BY id), array_agg(ints[1] ORDER BY id) FROM arrays;
SELECT array_agg(a ORDER BY a) FROM (VALUES (1.5), (NULL), (0.25)) v(a);
SELECT array_agg(d ORDER BY d), array_agg(s ORDER BY s), array_agg(v ORDER BY v) FROM (VALUES (date '2024-01-02', interval '1 day', 'b'::varchar), (date '2023-05-06', interval '1 hour', 'a')) v(d, s, v);
SELECT array_agg(b ORDER BY b) FROM (VALUES (1::bigint), (3), (2)) v(b);

CREATE INDEX arrays_ints ON arrays (ints);
CREATE UNIQUE INDEX arrays_names ON arrays (names);
INSERT INTO arrays (id, names) VALUES (7, '{ann,bob}');
INSERT INTO arrays (id, names) VALUES (7, '{ann}');
SELECT id FROM arrays WHERE ints = '{4,4}';
SELECT id FROM arrays WHERE names > '{cy}' ORDER BY names;
SELECT id, names FROM arrays WHERE names IS NOT NULL ORDER BY names;

CREATE TABLE copied AS SELECT id, ints, amounts, names FROM arrays WHERE id <= 3;
SELECT * FROM copied ORDER BY id;
SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.atttypid::regtype FROM pg_attribute a
  WHERE a.attrelid = 'arrays'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT column_name, data_type, udt_name FROM information_schema.columns
  WHERE table_name = 'arrays' ORDER BY ordinal_position;
ALTER TABLE arrays ADD COLUMN extra int8[] DEFAULT '{7}';
SELECT id, extra FROM arrays ORDER BY id;
ALTER TABLE arrays ALTER COLUMN extra TYPE numeric[];
SELECT id, extra, pg_typeof(extra) FROM arrays ORDER BY id;
DROP TABLE arrays, copied;
