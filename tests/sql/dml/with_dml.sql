-- WITH before INSERT, UPDATE, DELETE and MERGE: the statement's clauses
-- read its queries (each reference reads the query's rows).
CREATE TABLE wd (k int PRIMARY KEY, v text);
WITH src (k, v) AS (VALUES (1, 'a'), (2, 'b'), (3, 'c'))
INSERT INTO wd SELECT k, v FROM src;
WITH big AS (SELECT k FROM wd WHERE k >= 2)
UPDATE wd SET v = upper(v) WHERE k IN (SELECT k FROM big) RETURNING *;
WITH RECURSIVE n (i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 6)
INSERT INTO wd SELECT i, 'n' || i FROM n;
WITH gone AS (SELECT 5 AS k)
DELETE FROM wd USING gone WHERE wd.k = gone.k RETURNING wd.k;
WITH changes (k, v) AS (VALUES (1, 'one'), (7, 'seven'))
MERGE INTO wd USING changes c ON wd.k = c.k
WHEN MATCHED THEN UPDATE SET v = c.v
WHEN NOT MATCHED THEN INSERT VALUES (c.k, c.v);
SELECT * FROM wd ORDER BY k;
-- Errors: a name twice, a reference to an unknown one.
WITH a AS (SELECT 1), a AS (SELECT 2) DELETE FROM wd;
WITH a AS (SELECT 1 AS k) DELETE FROM wd WHERE k IN (SELECT k FROM b);
DROP TABLE wd;
