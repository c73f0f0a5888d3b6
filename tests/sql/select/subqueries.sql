-- Subqueries in expressions: scalar, EXISTS, IN / NOT IN with NULLs,
-- ANY / ALL / SOME, correlated at one and two levels.
CREATE TABLE t (id int PRIMARY KEY, g int, v int);
CREATE TABLE u (id int PRIMARY KEY, t_id int, w int);
INSERT INTO t VALUES (1, 1, 10), (2, 1, 20), (3, 2, 30), (4, 2, NULL), (5, NULL, 50);
INSERT INTO u VALUES (1, 1, 100), (2, 1, 200), (3, 3, 300), (4, NULL, 400);

SELECT (SELECT max(v) FROM t);
SELECT (SELECT v FROM t WHERE id = 99);
SELECT id, (SELECT count(*) FROM u WHERE u.t_id = t.id) AS n FROM t ORDER BY id;
SELECT id, (SELECT sum(w) FROM u WHERE u.t_id = t.id) AS s FROM t ORDER BY id;
SELECT id FROM t WHERE v > (SELECT avg(v) FROM t) ORDER BY id;
SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id) ORDER BY id;
SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id) ORDER BY id;
SELECT EXISTS (SELECT 1 FROM u WHERE false), EXISTS (SELECT * FROM u);
-- IN and NOT IN with NULLs
SELECT id FROM t WHERE id IN (SELECT t_id FROM u) ORDER BY id;
SELECT id FROM t WHERE id NOT IN (SELECT t_id FROM u) ORDER BY id;
SELECT id FROM t WHERE id NOT IN (SELECT t_id FROM u WHERE t_id IS NOT NULL) ORDER BY id;
SELECT id, g IN (SELECT t_id FROM u) AS in_u, g NOT IN (SELECT t_id FROM u WHERE t_id IS NOT NULL) AS not_in FROM t ORDER BY id;
SELECT NULL::int IN (SELECT 1 WHERE false), NULL::int NOT IN (SELECT 1 WHERE false);
SELECT 1 IN (SELECT NULL::int), 1 IN (SELECT 1 UNION SELECT NULL), 2 IN (SELECT 1 UNION SELECT NULL);
-- ANY / SOME / ALL
SELECT id FROM t WHERE v > ALL (SELECT v FROM t WHERE g = 1) ORDER BY id;
SELECT id FROM t WHERE v >= ALL (SELECT v FROM t WHERE v IS NOT NULL) ORDER BY id;
SELECT id FROM t WHERE v < ANY (SELECT v FROM t WHERE g = 2) ORDER BY id;
SELECT id FROM t WHERE v = SOME (SELECT w / 10 FROM u) ORDER BY id;
SELECT 5 > ALL (SELECT 1 WHERE false), 5 > ANY (SELECT 1 WHERE false);
SELECT 5 > ALL (SELECT NULL::int), 5 <> ALL (SELECT 4 UNION ALL SELECT NULL);
-- correlated at two levels
SELECT id FROM t WHERE EXISTS (
  SELECT 1 FROM u WHERE u.t_id = t.id AND u.w > (SELECT min(v) * 10 FROM t t2 WHERE t2.g = t.g))
ORDER BY id;
SELECT t.id, (SELECT (SELECT max(t3.v) FROM t t3 WHERE t3.g = t.g AND t3.id <> u.t_id) FROM u WHERE u.id = t.id) FROM t ORDER BY 1;
-- subqueries in the target list of a grouped query and in HAVING
SELECT g, count(*), (SELECT count(*) FROM u WHERE u.t_id = t.g) FROM t GROUP BY g ORDER BY g;
SELECT g FROM t GROUP BY g HAVING count(*) > (SELECT count(*) FROM u WHERE t_id = 3) ORDER BY g;
-- subqueries with types and comparisons
SELECT id FROM t WHERE id IN (SELECT w / 100 FROM u) ORDER BY id;
SELECT id FROM t WHERE id::bigint IN (SELECT t_id FROM u) ORDER BY id;
SELECT 'a' IN (SELECT 'a'), 'b' = ANY (SELECT 'a' UNION SELECT 'b');
SELECT id FROM t WHERE (SELECT g) = 1 ORDER BY id;
-- in UPDATE and DELETE
UPDATE t SET v = (SELECT max(w) FROM u WHERE u.t_id = t.id) WHERE id IN (SELECT t_id FROM u);
SELECT * FROM t ORDER BY id;
DELETE FROM u WHERE t_id NOT IN (SELECT id FROM t);
SELECT * FROM u ORDER BY id;
-- errors
SELECT (SELECT id FROM t);
SELECT (SELECT id, g FROM t);
SELECT 1 IN (SELECT 1, 2);
SELECT id FROM t WHERE id = ANY (SELECT 'x');
SELECT * FROM t WHERE EXISTS (SELECT nope FROM u);
SELECT g, (SELECT v) FROM t GROUP BY g;
DROP TABLE t, u;
