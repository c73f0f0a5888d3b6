-- DELETE ... USING: join semantics, duplicates, RETURNING of USING columns, aliases, errors
\set QUIET off
CREATE TABLE du_target (id int PRIMARY KEY, v int);
CREATE TABLE du_source (id int, tag text);
INSERT INTO du_target SELECT g, g * 10 FROM generate_series(1, 8) g;
INSERT INTO du_source VALUES (1, 'a'), (2, 'b'), (2, 'b2'), (NULL, 'null'), (99, 'none');
-- a target row joined to two USING rows is deleted once
DELETE FROM du_target USING du_source WHERE du_target.id = du_source.id AND du_source.id = 2;
DELETE FROM du_target t USING du_source s WHERE t.id = s.id RETURNING t.id, t.v, s.tag;
DELETE FROM du_target USING du_source WHERE du_target.id = du_source.id;
SELECT * FROM du_target ORDER BY id;
DELETE FROM du_target AS x USING (VALUES (3), (4), (4)) AS vals(k), du_source s
  WHERE x.id = vals.k AND s.id IS NULL AND x.id = 4 RETURNING *;
DELETE FROM du_target USING (SELECT max(id) AS top FROM du_target) m WHERE du_target.id = m.top RETURNING du_target.*;
SELECT * FROM du_target ORDER BY id;
-- a view in USING
CREATE VIEW du_view AS SELECT id + 4 AS id FROM du_source WHERE id IS NOT NULL;
DELETE FROM du_target USING du_view WHERE du_view.id = du_target.id AND du_view.id = 6 RETURNING du_target.id, du_view.id;
SELECT * FROM du_target ORDER BY id;
-- foreign keys still act
CREATE TABLE du_parent (id int PRIMARY KEY);
CREATE TABLE du_child (id int PRIMARY KEY, parent int REFERENCES du_parent);
INSERT INTO du_parent VALUES (1), (2);
INSERT INTO du_child VALUES (10, 1);
DELETE FROM du_parent USING du_source WHERE du_parent.id = du_source.id;
DELETE FROM du_parent USING du_source WHERE du_parent.id = du_source.id AND du_source.tag = 'b';
SELECT * FROM du_parent ORDER BY id;
-- errors
DELETE FROM du_target USING du_target WHERE du_target.id = 1;
DELETE FROM du_target USING du_source WHERE id = 1;
DELETE FROM du_target t USING du_source s WHERE du_target.id = s.id;
DELETE FROM du_target USING nosuch;
DELETE FROM du_target USING du_source WHERE du_source.nosuch = 1;
BEGIN;
DELETE FROM du_target USING du_source WHERE du_target.id = 6;
SELECT * FROM du_target ORDER BY id;
ROLLBACK;
SELECT * FROM du_target ORDER BY id;
PREPARE du_prepared AS DELETE FROM du_target USING (SELECT $1 + 0 AS k) p WHERE du_target.id = p.k AND du_target.v > $2;
EXECUTE du_prepared(7, 0);
DEALLOCATE du_prepared;
SELECT * FROM du_target ORDER BY id;
DROP VIEW du_view;
DROP TABLE du_target, du_source, du_child, du_parent;
