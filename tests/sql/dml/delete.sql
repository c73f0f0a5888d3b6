-- DELETE: with and without WHERE, no-match tags, errors
\set QUIET off
CREATE TABLE del (id int PRIMARY KEY, v text);
INSERT INTO del VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, NULL), (5, 'e');
DELETE FROM del WHERE id = 2;
DELETE FROM del WHERE id = 2;
DELETE FROM del WHERE v IS NULL;
DELETE FROM del WHERE v = 'nothing';
DELETE FROM del WHERE id > 4 OR v = 'a';
SELECT * FROM del ORDER BY id;
DELETE FROM del WHERE nosuch = 1;
DELETE FROM del WHERE v = 1;
DELETE FROM del WHERE 1/0 = 1;
DELETE FROM del WHERE id;
DELETE FROM nosuch;
DELETE FROM del AS d WHERE d.id = 3;
SELECT * FROM del ORDER BY id;
INSERT INTO del VALUES (10, 'x'), (11, 'y');
DELETE FROM del;
DELETE FROM del;
SELECT count_rows FROM del;
SELECT * FROM del;
INSERT INTO del VALUES (1, 'reused');
SELECT * FROM del;
DROP TABLE del;
