-- Field selection, (row).field: of ROW() values (f1, f2, ...), of whole-row
-- references (the columns' names), of set-returning functions of the
-- target list that return rows (_pg_expandarray's x and n, jsonb_each's key
-- and value), and of a subquery's record column, as pgjdbc's metadata
-- queries use them.
SELECT (ROW(1, 'a'::text)).f1, (ROW(1, 'a'::text)).f2;
SELECT ((ROW(1, ROW(2, 3)))).f2;
CREATE TABLE fs_items (id int, label text, price numeric(6, 2));
INSERT INTO fs_items VALUES (1, 'pen', 1.50), (2, 'ink', 7.25), (3, NULL, NULL);
SELECT (i).label, (i).price * 2 AS double_price FROM fs_items i ORDER BY (i).id;
SELECT (fs_items).id FROM fs_items WHERE (fs_items).label = 'ink';
SELECT row_to_json(i), (i).id FROM fs_items i ORDER BY 2;
-- A function of one column in FROM: its name is its value, not a row.
SELECT tag FROM jsonb_array_elements_text('["a", "b"]') AS tag;
SELECT t FROM jsonb_array_elements('[1, {"x": 2}]') t(v) ORDER BY 1;
SELECT e, e.x FROM information_schema._pg_expandarray(ARRAY[4]) e;
-- Target-list functions returning rows: the record and its fields.
SELECT information_schema._pg_expandarray(ARRAY[10, 20, 30]);
SELECT (information_schema._pg_expandarray(ARRAY['a', 'b'])).x,
       (information_schema._pg_expandarray(ARRAY['a', 'b'])).n;
SELECT k, (k).x, (k).n FROM (SELECT information_schema._pg_expandarray(ARRAY[5, 6]) AS k) s
  ORDER BY (k).n DESC;
SELECT jsonb_each('{"a": 1, "b": [2, 3]}'::jsonb);
SELECT (jsonb_each_text('{"a": 1, "b": null}')).key,
       (jsonb_each_text('{"a": 1, "b": null}')).value;
SELECT (json_each('{"k": {"x": 1}}')).value;
-- (row).* in a target list: a column per field.
SELECT (ROW(1, 'two'::varchar)).*;
SELECT (i).* FROM fs_items i WHERE (i).id = 2;
SELECT (jsonb_each('{"p": true, "q": null}')).*;
SELECT (information_schema._pg_expandarray(ARRAY[7, 8])).*;
-- pgjdbc's getPrimaryKeys shape: the index's columns in key order.
CREATE TABLE fs_keys (b int, a int, c int, PRIMARY KEY (a, b));
SELECT result.column_name, (result.keys).n AS key_seq
  FROM (SELECT a.attname AS column_name, a.attnum,
               information_schema._pg_expandarray(i.indkey) AS keys
          FROM pg_catalog.pg_index i
          JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid
         WHERE i.indrelid = 'fs_keys'::regclass AND i.indisprimary) result
 WHERE result.attnum = (result.keys).x
 ORDER BY key_seq;
-- A view keeps a field selection.
CREATE VIEW fs_view AS SELECT (i).label FROM fs_items i WHERE (i).id < 3;
SELECT * FROM fs_view ORDER BY 1;
SELECT pg_get_viewdef('fs_view'::regclass);
-- Errors.
SELECT (1).x;
SELECT (ROW(1, 2)).f3;
SELECT (i).nope FROM fs_items i;
SELECT (v).nope FROM (SELECT 1 AS a) v;
SELECT 1 WHERE (ROW(1, 2)).* IS NOT NULL;
DROP VIEW fs_view;
DROP TABLE fs_items, fs_keys;
