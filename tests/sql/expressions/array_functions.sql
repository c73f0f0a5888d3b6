-- Array functions and operators on one-dimensional arrays: concatenation,
-- replacement, positions, dimensions, trimming, filling, slices and the
-- containment operators, with PostgreSQL's NULL rules and polymorphic
-- resolution (anycompatible for array_append and friends, anyarray exactly
-- for @>).
SELECT array_cat(ARRAY[1, 2], ARRAY[3]) AS a, array_cat(NULL::int[], ARRAY[1]) AS b,
       array_cat(ARRAY[1], NULL) AS c, array_cat(NULL::int[], NULL) AS d,
       array_append(ARRAY['x'], 'y') AS e, array_append(NULL, 2) AS f,
       array_prepend(0, ARRAY[1, 2]) AS g, array_prepend(1, NULL) AS h;
SELECT pg_typeof(array_append(ARRAY[1], 2::bigint)), array_append(ARRAY[1], 2.5),
       pg_typeof(array_cat(ARRAY[1], ARRAY[2.5])), array_cat(ARRAY[1], ARRAY[2.5]);
SELECT array_append(ARRAY[1], 'x'::text);
SELECT array_append('{1}', '2');
SELECT array_replace(ARRAY[1, NULL, 2, 1], 1, 9) AS a, array_replace(ARRAY[1, NULL, 2], NULL, 0) AS b,
       array_replace(NULL::int[], 1, 2) AS c, array_remove(ARRAY[1, 2, 1, NULL], 1) AS d,
       array_remove(ARRAY[1, NULL], NULL) AS e, array_remove(ARRAY[1.5, 2], 2) AS f;
SELECT array_positions(ARRAY[1, NULL, 1, 3], 1) AS a, array_positions(ARRAY[1, NULL], NULL) AS b,
       array_positions(NULL::int[], 1) AS c, array_positions(ARRAY['a', 'b'], 'z') AS d,
       array_position(ARRAY[1, 2, 1], 1, 2) AS e, array_position(ARRAY[1, NULL], NULL) AS f,
       array_position(ARRAY[1, 2], 2::bigint) AS g, array_position(ARRAY['a', 'b'], 'b', -5) AS h;
SELECT array_position(ARRAY[1], 1, NULL);
SELECT array_dims(ARRAY[1, 2, 3]) AS a, array_dims('{}'::int[]) AS b, array_ndims(ARRAY['x']) AS c,
       array_ndims('{}'::text[]) AS d, array_dims(NULL::int[]) AS e;
SELECT trim_array(ARRAY[1, 2, 3], 1) AS a, trim_array(ARRAY[1, 2], 2) AS b,
       trim_array(ARRAY[1, 2], 0) AS c, trim_array(ARRAY[1], NULL) AS d;
SELECT trim_array(ARRAY[1, 2], 3);
SELECT trim_array(ARRAY[1, 2], -1);
SELECT array_fill(7, ARRAY[3]) AS a, array_fill('x'::text, ARRAY[2], ARRAY[1]) AS b,
       array_fill(NULL::int, ARRAY[2]) AS c, array_fill(1, ARRAY[0]) AS d, array_fill(1, '{}') AS e;
SELECT array_fill(1, NULL);
SELECT array_fill(1, ARRAY[2], ARRAY[1, 1]);
SELECT array_fill(1, ARRAY[-1]);
SELECT array_fill(1, ARRAY[NULL::int]);
-- slices
SELECT (ARRAY[1, 2, 3, 4])[2:3] AS a, (ARRAY[1, 2, 3])[:2] AS b, (ARRAY[1, 2, 3])[2:] AS c,
       (ARRAY[1, 2, 3])[:] AS d, (ARRAY[1, 2, 3])[0:10] AS e, (ARRAY[1, 2, 3])[3:2] AS f,
       (ARRAY[1, 2, 3])[-5:-1] AS g, (ARRAY[1, 2, 3])[NULL:2] AS h, (NULL::int[])[1:2] AS i,
       (ARRAY['a', 'b', 'c'])[2:2] AS j, pg_typeof((ARRAY['a', 'b'])[1:1]);
CREATE TABLE arr (id int PRIMARY KEY, a int[], t text[]);
INSERT INTO arr VALUES (1, '{1,2,3}', '{x,y}'), (2, '{3,4}', '{y}'), (3, NULL, '{}'),
                       (4, '{}', NULL), (5, '{1,NULL}', '{z,NULL}');
SELECT id, a[2:], a[:1], t[1:1], a || 9 AS appended, array_length(a[1:2], 1) FROM arr ORDER BY id;
-- containment and overlap
SELECT ARRAY[1, 2, 3] @> ARRAY[2, 1] AS a, ARRAY[1, 2] <@ ARRAY[1, 2, 3] AS b,
       ARRAY[1, 2] && ARRAY[2, 5] AS c, ARRAY[1, 2] && ARRAY[3] AS d,
       ARRAY[1, NULL] @> ARRAY[NULL::int] AS e, ARRAY[1] @> '{}' AS f, '{}'::int[] && '{}' AS g,
       ARRAY[1, 2, 3] <@ ARRAY[1, 2, 3, NULL] AS h, ARRAY[1] @> NULL AS i, '{1,2}' @> ARRAY[2] AS j,
       ARRAY['a', 'b'] @> ARRAY['a', 'a'] AS k;
SELECT ARRAY[1] @> ARRAY[1::bigint];
SELECT id FROM arr WHERE a @> ARRAY[3] ORDER BY id;
SELECT id FROM arr WHERE a && '{1,4}' ORDER BY id;
SELECT id FROM arr WHERE t <@ ARRAY['x', 'y', 'z'] ORDER BY id;
SELECT id FROM arr WHERE NOT (a && ARRAY[1]) ORDER BY id;
-- || with an untyped literal on either side
SELECT '{1,2}' || ARRAY[3] AS a, ARRAY[1] || '{2,3}' AS b, ARRAY[1] || NULL AS c,
       NULL || ARRAY[1] AS d;
CREATE VIEW arrv AS SELECT id, a @> ARRAY[1] AS has_one, array_cat(a, ARRAY[0]) AS cat,
                           array_positions(a, 3) AS threes FROM arr;
SELECT pg_get_viewdef('arrv'::regclass);
SELECT * FROM arrv ORDER BY id;
DROP VIEW arrv;
DROP TABLE arr;
