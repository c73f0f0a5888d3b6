-- Integer bitwise operators: & | # ~ << >> over smallint, integer and
-- bigint, their result types, mixed widths, untyped literals, shifts past
-- the width, NULLs and the operand types they refuse.
SELECT 12 & 10 AS a, 12 | 10 AS o, 12 # 10 AS x, ~12 AS n, 1 << 4 AS l, 256 >> 2 AS r;
SELECT pg_typeof(1::int2 & 3::int2), pg_typeof(1::int2 & 3), pg_typeof(1 & 3::int8),
       pg_typeof(1::int2 << 2), pg_typeof(1::int8 >> 1), pg_typeof(~1::int2);
SELECT -16 >> 2 AS arithmetic, -1 << 3, 5 & '3', '6' | 1;
SELECT 1 << 31 AS int4_sign, 1 << 32 AS wraps, 1::int8 << 63 AS int8_sign, 1::int8 << 64 AS wraps8;
SELECT 1::int2 << 15 AS int2_sign, 1::int2 << 16 AS truncated, 32767::int2 >> 20 AS shifted;
SELECT (-9223372036854775807 - 1) >> 63 AS all_ones, ~0::int8, 255::int2 # 170::int2;
SELECT NULL::int & 1, 1 | NULL::int8, ~NULL::int2, 1 << NULL::int;
SELECT x, x & 1 AS odd, x >> 1 AS half FROM generate_series(0, 5) x WHERE x & 1 = 1 OR x # 2 = 0;
-- pgjdbc's getIndexInfo test: an index option flag.
SELECT (3::int2 & 1::int2) <> 0 AS desc_flag;
-- Precedence: every one of them binds as one "other operator".
SELECT 1 + 2 & 3, 1 << 2 + 1, 2 | 1 = 3;
-- Errors.
SELECT 1.5 & 1;
SELECT 1::int8 << 2::int8;
SELECT 'a' & 'b';
SELECT ~1.5;
SELECT ~'1';
