-- A row compared with a subquery's rows: (a, b) [NOT] IN (SELECT x, y ...),
-- (a, b) = ANY / <> ALL, correlated or not, with SQL's NULL rules.
CREATE TABLE pairs (a int, b text);
INSERT INTO pairs VALUES (1, 'x'), (2, 'y'), (3, NULL), (NULL, 'z'), (4, 'w');
CREATE TABLE wanted (k int, v text);
INSERT INTO wanted VALUES (1, 'x'), (2, 'q'), (3, 'c'), (NULL, 'z'), (4, NULL);
SELECT a, b FROM pairs WHERE (a, b) IN (SELECT k, v FROM wanted) ORDER BY a;
SELECT a, b FROM pairs WHERE (a, b) NOT IN (SELECT k, v FROM wanted) ORDER BY a;
SELECT a, b, (a, b) IN (SELECT k, v FROM wanted) AS found,
       (a, b) NOT IN (SELECT k, v FROM wanted) AS missing,
       (a, b) = ANY (SELECT k, v FROM wanted) AS any_equal,
       (a, b) <> ALL (SELECT k, v FROM wanted) AS all_different
  FROM pairs ORDER BY a NULLS LAST;
-- Empty subqueries: IN is false, NOT IN true, whatever the row holds.
SELECT (NULL::int, 'a') IN (SELECT k, v FROM wanted WHERE false) AS in_empty,
       (NULL::int, 'a') NOT IN (SELECT k, v FROM wanted WHERE false) AS not_in_empty;
-- Correlated: the subquery reads the outer row.
SELECT a, b FROM pairs p
 WHERE (a, upper(b)) IN (SELECT k, upper(v) FROM wanted w WHERE w.k <= p.a) ORDER BY a;
-- Types meet as in a row comparison.
SELECT (1, 'x') IN (SELECT k::bigint, v::varchar FROM wanted) AS widened;
SELECT (1.0, 'x') IN (SELECT k, v FROM wanted) AS numeric_and_int;
-- In a join's condition, an UPDATE and a DELETE.
SELECT count(*) FROM pairs p JOIN wanted w ON (p.a, p.b) IN (SELECT k, v FROM wanted) AND p.a = w.k;
UPDATE pairs SET b = b || '!' WHERE (a, b) IN (SELECT k, v FROM wanted);
DELETE FROM pairs WHERE (a, b) NOT IN (SELECT k, v FROM wanted WHERE k IS NOT NULL AND v IS NOT NULL) AND a > 3;
SELECT * FROM pairs ORDER BY a;
-- Errors.
SELECT (1, 2) IN (SELECT k FROM wanted);
SELECT (1, 'x') IN (SELECT k, v, k FROM wanted);
SELECT 1 IN (SELECT k, v FROM wanted);
SELECT (1, 2) IN (SELECT k, v FROM wanted);
DROP TABLE pairs, wanted;
