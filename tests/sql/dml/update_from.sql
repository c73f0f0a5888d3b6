-- UPDATE ... FROM: join semantics, duplicates in FROM, RETURNING of FROM columns, aliases, errors
\set QUIET off
CREATE TABLE uf_target (id int PRIMARY KEY, v int, note text);
CREATE TABLE uf_source (id int, w int, label text);
INSERT INTO uf_target VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, NULL), (4, NULL, 'd');
INSERT INTO uf_source VALUES (1, 100, 'one'), (2, 200, 'two'), (2, 200, 'two again'), (NULL, 5, 'null'), (9, 900, 'nine');
UPDATE uf_target SET v = uf_source.w FROM uf_source WHERE uf_target.id = uf_source.id;
SELECT * FROM uf_target ORDER BY id;
-- a target row joined to two FROM rows is updated once
UPDATE uf_target SET v = v + 1 FROM uf_source WHERE uf_target.id = uf_source.id;
SELECT * FROM uf_target ORDER BY id;
-- RETURNING names FROM columns; the target's are the new values
UPDATE uf_target t SET note = s.label FROM uf_source s WHERE t.id = s.id AND s.id = 1 RETURNING t.id, t.note, s.w, s.label;
UPDATE uf_target AS x SET v = x.v * 2 FROM uf_source AS s WHERE x.id = s.id AND s.w > 150 RETURNING x.*;
UPDATE uf_target SET v = 0 FROM uf_source WHERE uf_target.id = uf_source.id AND uf_source.id = 1 RETURNING *;
-- no match, NULL keys never join
UPDATE uf_target SET v = -1 FROM uf_source WHERE uf_target.id = uf_source.id AND uf_source.w = 5;
UPDATE uf_target SET v = -1 FROM uf_source WHERE uf_target.v = uf_source.w AND uf_target.v IS NULL;
-- several FROM items, a join, a subquery and VALUES
UPDATE uf_target SET note = s.label || '/' || vals.tag
  FROM uf_source s JOIN (VALUES (2, 'x'), (3, 'y')) AS vals(k, tag) ON s.id = vals.k
  WHERE uf_target.id = s.id;
UPDATE uf_target SET v = sub.total FROM (SELECT id, sum(w) AS total FROM uf_source GROUP BY id) sub, uf_source s2
  WHERE sub.id = uf_target.id AND s2.id = sub.id AND s2.label = 'one';
SELECT * FROM uf_target ORDER BY id;
-- a FROM item without a join condition: every target row, once
UPDATE uf_target SET note = 'all' FROM (SELECT 1) AS one;
SELECT * FROM uf_target ORDER BY id;
-- a view in FROM
CREATE VIEW uf_view AS SELECT id, w * 10 AS big FROM uf_source WHERE id IS NOT NULL;
UPDATE uf_target SET v = uf_view.big FROM uf_view WHERE uf_view.id = uf_target.id AND uf_view.big > 1500 RETURNING uf_target.id, uf_target.v, uf_view.big;
-- the target joined with itself under another name
UPDATE uf_target SET v = other.v + 1 FROM uf_target other WHERE other.id = uf_target.id - 1;
SELECT * FROM uf_target ORDER BY id;
-- constraints still fire
CREATE TABLE uf_checked (id int PRIMARY KEY, v int CHECK (v < 150));
INSERT INTO uf_checked VALUES (1, 1), (2, 2);
UPDATE uf_checked SET v = s.w FROM uf_source s WHERE s.id = uf_checked.id;
UPDATE uf_checked SET id = s.id FROM uf_source s WHERE s.id = 2 AND uf_checked.id = 1;
SELECT * FROM uf_checked ORDER BY id;
-- errors
UPDATE uf_target SET v = 1 FROM uf_target WHERE uf_target.id = 1;
UPDATE uf_target SET v = 1 FROM uf_source WHERE id = 1;
UPDATE uf_target x SET v = 1 FROM uf_source s WHERE uf_target.id = s.id;
UPDATE uf_target SET v = s.w FROM (SELECT * FROM uf_source WHERE uf_source.id = uf_target.id) s;
UPDATE uf_target SET v = s.nosuch FROM uf_source s WHERE s.id = uf_target.id;
UPDATE uf_target SET v = 1 FROM nosuch WHERE true;
UPDATE uf_target SET v = s.label FROM uf_source s WHERE s.id = uf_target.id;
UPDATE uf_target SET v = 1 FROM uf_source s WHERE s.w;
-- in a transaction, and rolled back
BEGIN;
UPDATE uf_target SET v = 7 FROM uf_source WHERE uf_source.id = uf_target.id;
SELECT * FROM uf_target ORDER BY id;
ROLLBACK;
SELECT * FROM uf_target ORDER BY id;
-- prepared, with parameters typed by the FROM items
PREPARE uf_prepared AS UPDATE uf_target SET v = $1 FROM (SELECT id FROM uf_source WHERE w = $2) p WHERE uf_target.id = p.id;
EXECUTE uf_prepared(5, 100);
EXECUTE uf_prepared(6, 12345);
SELECT * FROM uf_target ORDER BY id;
DEALLOCATE uf_prepared;
DROP VIEW uf_view;
DROP TABLE uf_target, uf_source, uf_checked;
