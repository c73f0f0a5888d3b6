-- several statements in one Query message (psql's \;): one implicit
-- transaction, which an error rolls back entirely
\set QUIET off
CREATE TABLE ms (id int PRIMARY KEY, v text);
INSERT INTO ms VALUES (1, 'a') \; INSERT INTO ms VALUES (2, 'b');
SELECT * FROM ms ORDER BY id;
INSERT INTO ms VALUES (3, 'c') \; INSERT INTO ms VALUES (1, 'dup') \; INSERT INTO ms VALUES (4, 'd');
SELECT * FROM ms ORDER BY id;
INSERT INTO ms VALUES (5, 'e') \; SELECT 1/0 \; INSERT INTO ms VALUES (6, 'f');
SELECT * FROM ms ORDER BY id;
SELECT 1 AS a \; SELECT 2 AS b;
BEGIN \; INSERT INTO ms VALUES (7, 'g') \; COMMIT;
SELECT * FROM ms ORDER BY id;
INSERT INTO ms VALUES (8, 'h') \; BEGIN \; INSERT INTO ms VALUES (9, 'i');
ROLLBACK;
SELECT * FROM ms ORDER BY id;
BEGIN;
INSERT INTO ms VALUES (10, 'j') \; SELECT nosuch;
SELECT 1;
ROLLBACK;
SELECT * FROM ms ORDER BY id;
DELETE FROM ms WHERE id > 2 \; UPDATE ms SET v = upper(v) \; SELECT * FROM ms ORDER BY id;
DROP TABLE ms;
