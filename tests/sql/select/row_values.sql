-- Rows as values: ROW(...) and (a, b) outside comparisons, and whole-row
-- references, are of type record and print as record_out does.
SELECT ROW(1, 2);
SELECT (1, 'two', NULL::int, '') AS r;
SELECT ROW();
SELECT ROW(1.50, 2.5::float8, date '2024-01-02', true, interval '1 day');
-- Quoting: spaces, commas, parentheses, quotes and backslashes.
SELECT ROW('a b', 'x,y', '(p)', 'say "hi"', 'back\slash', 'plain');
-- Nested rows are quoted as fields.
SELECT ROW(1, ROW(2, 'x y'), ROW(NULL, NULL));
CREATE TABLE row_items (a int, b text);
INSERT INTO row_items VALUES (2, 'x y'), (1, NULL), (3, 'c'), (1, 'a');
SELECT (a, b) FROM row_items ORDER BY a, b;
-- A FROM item's name where a column's would be: the whole row.
SELECT row_items FROM row_items ORDER BY a, b;
SELECT r FROM row_items r WHERE a > 1 ORDER BY a;
SELECT s FROM (SELECT a * 10 AS tens, upper(b) AS big FROM row_items) s ORDER BY tens, big;
-- Correlated: the outer row inside a subquery.
SELECT a, (SELECT r FROM (VALUES (1)) v (x)) AS whole FROM row_items r ORDER BY a, b;
-- A column of the same name wins over the item.
CREATE TABLE row_named (row_named int, other text);
INSERT INTO row_named VALUES (7, 'q');
SELECT row_named FROM row_named;
-- Records sort field by field, NULL fields last.
SELECT ROW(a, b) AS r FROM row_items ORDER BY 1;
SELECT ROW(a, b) AS r FROM row_items ORDER BY 1 DESC;
-- IS NULL of a row: every field NULL; IS NOT NULL: no field NULL.
SELECT a, b, row_items IS NULL AS all_null, row_items IS NOT NULL AS none_null
  FROM row_items ORDER BY a, b;
SELECT r IS NULL AS is_null, r IS NOT NULL AS not_null
  FROM (VALUES (ROW(NULL::int, NULL::text)), (ROW(1, NULL)), (ROW(1, 'a')), (NULL)) v (r);
-- Arrays of rows (record[]).
SELECT ARRAY(SELECT ROW(a, b) FROM row_items ORDER BY a, b) AS rows;
SELECT array_agg(ROW(a, b) ORDER BY a, b) AS rows FROM row_items;
SELECT ARRAY[ROW(1, 'a'), ROW(2, 'b c')] AS rows, pg_typeof(ARRAY[ROW(1, 2)]);
SELECT (ARRAY[ROW(1, 'a'), ROW(2, 'b')])[2] AS second, to_json(ARRAY[ROW(1, 'a')]) AS j;
SELECT unnest(ARRAY[ROW(1, 'a'), ROW(2, NULL)]) AS r;
-- As text.
SELECT ROW(1, 'a b')::text AS t, length(ROW(1, 'a')::text) AS n;
SELECT pg_typeof(ROW(1, 2));
DROP TABLE row_items;
DROP TABLE row_named;
-- DISTINCT, GROUP BY and counting distinct rows.
CREATE TABLE row_pairs (a int, b text);
INSERT INTO row_pairs VALUES (1, 'x'), (1, 'x'), (2, NULL), (2, NULL), (3, 'y');
SELECT DISTINCT (a, b) AS r FROM row_pairs ORDER BY 1;
SELECT (a, b) AS r, count(*) FROM row_pairs GROUP BY (a, b) ORDER BY 1;
SELECT count(DISTINCT (a, b)) FROM row_pairs;
SELECT row_pairs, count(*) FROM row_pairs GROUP BY row_pairs ORDER BY 1;
SELECT ROW(a, b) = ROW(1, 'x') AS eq FROM row_pairs ORDER BY a, b;
SELECT (a, b) AS r FROM row_pairs UNION SELECT (9, 'z') ORDER BY 1;
DROP TABLE row_pairs;
-- Rows meeting rows: UNION, VALUES, COALESCE and CASE take their common
-- type field by field.
SELECT ROW(1, 2) AS r UNION ALL SELECT ROW(1.5, 3);
SELECT x FROM (VALUES (ROW(1, 2)), (ROW(3.5, 4)), (NULL)) v (x);
SELECT COALESCE(NULL, ROW(1, 'a')), CASE WHEN false THEN ROW(1, 'a') ELSE ROW(2, 'b') END;
-- As json: an anonymous row's fields are f1, f2, ...
SELECT to_json(ROW(1, 'a', NULL::int)), row_to_json(ROW(true, 2.5)),
       to_jsonb(ROW(1, ROW(2, 'x')));
-- A relation's column cannot be a record.
CREATE TABLE row_source (a int, b text);
CREATE VIEW row_view AS SELECT ROW(a, b) AS r FROM row_source;
CREATE TABLE row_copy AS SELECT ROW(1, 2) AS r;
CREATE MATERIALIZED VIEW row_matview (x) AS SELECT ROW(1, 2);
SELECT ROW(1, 2) INTO row_into;
DROP TABLE row_source;
