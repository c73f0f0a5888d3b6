-- MERGE: every WHEN branch, conditions, first match wins, DEFAULT, sources, constraints, errors
\set QUIET off
CREATE TABLE mg_target (id int PRIMARY KEY, v int, note text DEFAULT 'dflt');
CREATE TABLE mg_source (id int, w int, label text);
INSERT INTO mg_target VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c');
INSERT INTO mg_source VALUES (1, 100, 'one'), (2, 200, 'two'), (4, 400, 'four'), (NULL, 5, 'null');
-- matched rows updated, unmatched inserted
MERGE INTO mg_target t USING mg_source s ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET v = s.w, note = s.label
  WHEN NOT MATCHED AND s.id IS NOT NULL THEN INSERT (id, v, note) VALUES (s.id, s.w, s.label);
SELECT * FROM mg_target ORDER BY id;
-- conditions, first match wins, DO NOTHING, DELETE
MERGE INTO mg_target AS t USING mg_source AS s ON t.id = s.id
  WHEN MATCHED AND s.w > 150 THEN DELETE
  WHEN MATCHED AND t.v >= 100 THEN UPDATE SET v = t.v + 1
  WHEN MATCHED THEN DO NOTHING
  WHEN NOT MATCHED AND s.id IS NULL THEN DO NOTHING
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.w);
SELECT * FROM mg_target ORDER BY id;
-- only NOT MATCHED: matched rows are left alone
MERGE INTO mg_target t USING (VALUES (1, 1), (5, 50), (6, 60)) AS s(id, w) ON t.id = s.id
  WHEN NOT MATCHED AND s.w > 55 THEN INSERT (id, v) VALUES (s.id, s.w)
  WHEN NOT MATCHED THEN INSERT (v, id) VALUES (s.w * 2, s.id);
SELECT * FROM mg_target ORDER BY id;
-- DEFAULT in SET and VALUES, INSERT DEFAULT VALUES
CREATE TABLE mg_serial (id serial PRIMARY KEY, k int UNIQUE, v int DEFAULT 7, note text DEFAULT 'new');
MERGE INTO mg_serial t USING (VALUES (1), (2)) s(k) ON t.k = s.k
  WHEN NOT MATCHED AND s.k = 1 THEN INSERT (k, v, note) VALUES (s.k, DEFAULT, DEFAULT)
  WHEN NOT MATCHED THEN INSERT (k) VALUES (s.k);
MERGE INTO mg_serial t USING (VALUES (1, 100), (3, 300)) s(k, v) ON t.k = s.k
  WHEN MATCHED THEN UPDATE SET v = DEFAULT, note = 'updated'
  WHEN NOT MATCHED THEN INSERT DEFAULT VALUES;
SELECT * FROM mg_serial ORDER BY id;
-- a subquery source; a source with no rows; a table source joined on a non-key
MERGE INTO mg_target t USING (SELECT id, sum(w) AS total FROM mg_source WHERE id IS NOT NULL GROUP BY id) s
  ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET v = s.total;
MERGE INTO mg_target t USING (SELECT * FROM mg_source WHERE false) s ON t.id = s.id
  WHEN MATCHED THEN DELETE;
SELECT * FROM mg_target ORDER BY id;
-- ON condition that is constant: every target row matches every source row
MERGE INTO mg_target t USING (SELECT 1 AS one) s ON true
  WHEN MATCHED AND t.id > 4 THEN UPDATE SET note = 'big';
MERGE INTO mg_target t USING (SELECT 1 AS one) s ON false
  WHEN NOT MATCHED THEN INSERT VALUES (7, 70, 'seven');
SELECT * FROM mg_target ORDER BY id;
-- source columns shadowing target names; unqualified names
MERGE INTO mg_target USING (VALUES (7, 'renamed')) AS src(key, label) ON id = key
  WHEN MATCHED THEN UPDATE SET note = label;
SELECT * FROM mg_target WHERE id = 7;
-- the target as its own source
MERGE INTO mg_target t USING mg_target s ON t.id = s.id + 1
  WHEN MATCHED AND s.v IS NOT NULL THEN UPDATE SET v = s.v;
SELECT * FROM mg_target ORDER BY id;
-- a matched row where the first matching action is DO NOTHING, then updated by a second source row
CREATE TABLE mg_small (id int PRIMARY KEY, v int);
INSERT INTO mg_small VALUES (1, 0);
MERGE INTO mg_small t USING (VALUES (1, 'skip'), (1, 'set')) s(id, what) ON t.id = s.id
  WHEN MATCHED AND s.what = 'skip' THEN DO NOTHING
  WHEN MATCHED THEN UPDATE SET v = v + 1;
SELECT * FROM mg_small;
-- a target row changed twice: 21000
MERGE INTO mg_small t USING (VALUES (1), (1)) s(id) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET v = v + 1;
MERGE INTO mg_small t USING (VALUES (1), (1)) s(id) ON t.id = s.id
  WHEN MATCHED THEN DELETE;
SELECT * FROM mg_small;
-- constraints: unique, NOT NULL, CHECK
CREATE TABLE mg_checked (id int PRIMARY KEY, v int NOT NULL CHECK (v > 0));
INSERT INTO mg_checked VALUES (1, 1);
MERGE INTO mg_checked t USING (VALUES (2, 2), (2, 3)) s(id, v) ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v);
MERGE INTO mg_checked t USING (VALUES (1, NULL::int)) s(id, v) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET v = s.v;
MERGE INTO mg_checked t USING (VALUES (1, -1)) s(id, v) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET v = s.v;
MERGE INTO mg_checked t USING (VALUES (3, 0)) s(id, v) ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v);
MERGE INTO mg_checked t USING (VALUES (1, 5)) s(id, v) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET id = 1 + s.id, v = s.v;
SELECT * FROM mg_checked ORDER BY id;
-- in a transaction, rolled back
BEGIN;
MERGE INTO mg_checked t USING (VALUES (2, 9), (8, 8)) s(id, v) ON t.id = s.id
  WHEN MATCHED THEN DELETE
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v);
SELECT * FROM mg_checked ORDER BY id;
ROLLBACK;
SELECT * FROM mg_checked ORDER BY id;
-- PREPARE with parameters
PREPARE mg_prepared(int, int) AS
  MERGE INTO mg_checked t USING (VALUES ($1)) s(id) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET v = $2
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, $2);
EXECUTE mg_prepared(2, 22);
EXECUTE mg_prepared(10, 100);
SELECT * FROM mg_checked ORDER BY id;
DEALLOCATE mg_prepared;
-- errors
MERGE INTO mg_missing t USING mg_source s ON t.id = s.id WHEN MATCHED THEN DELETE;
MERGE INTO mg_target t USING mg_missing s ON t.id = s.id WHEN MATCHED THEN DELETE;
MERGE INTO mg_target t USING mg_source s ON t.id = s.zzz WHEN MATCHED THEN DELETE;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN MATCHED THEN UPDATE SET nope = 1;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (nope) VALUES (1);
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (t.id);
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN NOT MATCHED AND t.v > 0 THEN DO NOTHING;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id, note);
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 1, v = 2;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, id) VALUES (1, 2);
MERGE INTO mg_target t USING mg_source s ON t.id = s.id + 'x' WHEN MATCHED THEN DELETE;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN MATCHED AND s.w THEN DELETE;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN NOT MATCHED AND count(*) > 0 THEN DO NOTHING;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN MATCHED THEN UPDATE SET id = 3;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id
  WHEN MATCHED THEN DELETE
  WHEN MATCHED AND s.w > 0 THEN UPDATE SET v = 0;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id
  WHEN NOT MATCHED THEN DO NOTHING
  WHEN NOT MATCHED THEN INSERT VALUES (1);
MERGE INTO mg_missing t USING mg_source s ON t.id = s.id
  WHEN MATCHED THEN DO NOTHING
  WHEN MATCHED THEN DELETE;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.w, s.label, 1);
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id);
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = 'x';
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = count(*);
MERGE INTO mg_target t USING mg_source t ON t.id = t.id WHEN MATCHED THEN DELETE;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING *;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN MATCHED THEN INSERT VALUES (1);
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN NOT MATCHED THEN UPDATE SET v = 1;
CREATE VIEW mg_view AS SELECT * FROM mg_target;
MERGE INTO mg_view t USING mg_source s ON t.id = s.id WHEN MATCHED THEN DELETE;
DROP VIEW mg_view;
CREATE MATERIALIZED VIEW mg_matview AS SELECT * FROM mg_target;
MERGE INTO mg_matview t USING mg_source s ON t.id = s.id WHEN MATCHED THEN DELETE;
DROP MATERIALIZED VIEW mg_matview;
-- a read-only transaction
BEGIN READ ONLY;
MERGE INTO mg_target t USING mg_source s ON t.id = s.id WHEN MATCHED THEN DELETE;
ROLLBACK;
-- identity columns and OVERRIDING
CREATE TABLE mg_identity (id int GENERATED ALWAYS AS IDENTITY, v int);
MERGE INTO mg_identity t USING (VALUES (5, 1)) s(id, v) ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v);
MERGE INTO mg_identity t USING (VALUES (5, 1)) s(id, v) ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT (id, v) OVERRIDING SYSTEM VALUE VALUES (s.id, s.v);
MERGE INTO mg_identity t USING (VALUES (6, 2)) s(id, v) ON t.id = s.id
  WHEN NOT MATCHED THEN INSERT (v) VALUES (s.v);
MERGE INTO mg_identity t USING (VALUES (5, 3)) s(id, v) ON t.id = s.id
  WHEN MATCHED THEN UPDATE SET id = 9;
SELECT * FROM mg_identity ORDER BY id;
-- a joined source, a subquery in a WHEN condition, a unique index, no clause taken
CREATE TABLE mg_unique (id int PRIMARY KEY, code text UNIQUE, n int DEFAULT 0);
INSERT INTO mg_unique VALUES (1, 'a', 1), (2, 'b', 2);
MERGE INTO mg_unique u USING mg_source s JOIN mg_target t ON s.id = t.id ON u.id = s.id
  WHEN MATCHED AND t.v > 50 THEN UPDATE SET n = u.n + t.v
  WHEN NOT MATCHED THEN INSERT (id, code) VALUES (s.id, s.label);
MERGE INTO mg_unique u USING (VALUES (1), (2)) s(id) ON u.id = s.id
  WHEN MATCHED AND EXISTS (SELECT 1 FROM mg_target x WHERE x.id = u.id AND x.v > 50) THEN UPDATE SET n = -u.n;
SELECT * FROM mg_unique ORDER BY id;
MERGE INTO mg_unique u USING (VALUES (2, 'a')) s(id, code) ON u.id = s.id
  WHEN MATCHED THEN UPDATE SET code = s.code;
MERGE INTO mg_unique u USING (VALUES (9, 'b')) s(id, code) ON u.id = s.id
  WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.code);
MERGE INTO mg_unique u USING (VALUES (1, 0), (9, 0)) s(id, k) ON u.id = s.id
  WHEN MATCHED AND s.k > 0 THEN DELETE
  WHEN NOT MATCHED AND s.k > 0 THEN INSERT DEFAULT VALUES;
SELECT * FROM mg_unique ORDER BY id;
-- VALUES sources matched through a unique index, a bigint key, an expression and no key at all
MERGE INTO mg_unique u USING (VALUES ('a', 10), ('zz', 20)) s(code, n) ON u.code = s.code
  WHEN MATCHED THEN UPDATE SET n = u.n + s.n
  WHEN NOT MATCHED THEN INSERT VALUES (s.n, s.code, s.n);
MERGE INTO mg_unique u USING (VALUES (2::bigint), (30::bigint)) s(id) ON u.id = s.id
  WHEN MATCHED THEN UPDATE SET n = -1
  WHEN NOT MATCHED THEN INSERT (id, code) VALUES (s.id, 'big');
MERGE INTO mg_unique u USING (VALUES (1), (5)) s(k) ON u.id = s.k * 2
  WHEN MATCHED THEN DELETE;
MERGE INTO mg_unique u USING (VALUES (-1)) s(n) ON u.n = s.n
  WHEN MATCHED THEN UPDATE SET n = 99;
SELECT * FROM mg_unique ORDER BY id;
MERGE INTO mg_unique u USING (VALUES ('zz'), ('zz')) s(code) ON u.code = s.code
  WHEN MATCHED THEN DELETE;
DROP TABLE mg_target, mg_source, mg_serial, mg_small, mg_checked, mg_identity, mg_unique;
