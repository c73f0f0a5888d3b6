-- casts: ::, CAST(... AS ...), explicit vs implicit, impossible casts
SELECT CAST(1 AS text), CAST('42' AS int4), CAST(3.7 AS int), CAST('1.5' AS float8), CAST(1 AS numeric(4,2));
SELECT 42::text::int4::int8::float4::numeric;
SELECT '1'::int4 + '2'::int4, '  true'::bool::int4;
SELECT CAST('x' AS int);
SELECT CAST(1 AS date);
SELECT true::float8;
SELECT 1.5::bool;
SELECT '2024-01-01'::date::float8;
SELECT 1::nosuchtype;
SELECT CAST(1 AS nosuchtype);
SELECT pg_typeof(1::int2 + 1::int2), pg_typeof(1::int2 + 1), pg_typeof(1 + 1::int8), pg_typeof(1::int8 + 1.5), pg_typeof(1.5 + 1::float4);
SELECT pg_typeof(CAST(1 AS smallint)), pg_typeof(1::integer), pg_typeof(1::bigint), pg_typeof(1::real), pg_typeof(1::double precision), pg_typeof(1::decimal), pg_typeof(1::character varying(3));
SELECT int4 '42', int8 '9000000000', float8 '1.5', numeric '2.50', text 'abc', bool 'yes', date '2024-03-01', timestamp '2024-03-01 10:00', varchar 'v';
SELECT int4 'x';
SELECT date 'xx';
SELECT '1' + '2';
SELECT '1' + 2, 3 + '4', 1.5 + '2';
SELECT 'a' + 1;
SELECT 1 || 2;
SELECT 1 || 'a', 'a' || 1, 'a' || 1.5, 'a' || true, 'a' || NULL, NULL || 'b';
SELECT 1::int2::bool;
SELECT 'a'::text::date;
SELECT '2024-01-01'::text::date, '12'::varchar::int2, 5::text::varchar(1);
-- name and "char" cut their input even inside a cast chain; "char" and int4
-- convert by the byte's value; bool becomes 't' in name and "char"
SELECT 'ab'::text::"char"::text, 'abc'::varchar::"char", repeat('x', 70)::text::name::text = repeat('x', 63),
       true::name, true::text, true::varchar, true::name::text;
SELECT false::"char";
SELECT 65::"char", 'A'::"char"::int4, 0::"char" = ''::"char", (-1)::"char"::int4, '\377'::"char"::int4,
       '\101'::"char", 'é'::"char", 127::"char"::int4;
SELECT 128::"char";
SELECT (-129)::"char";
