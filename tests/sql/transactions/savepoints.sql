-- SAVEPOINT, RELEASE, ROLLBACK TO: nested, named again, in failed blocks.
CREATE TABLE sp (id int PRIMARY KEY, v text);
BEGIN;
INSERT INTO sp VALUES (1, 'kept');
SAVEPOINT a;
INSERT INTO sp VALUES (2, 'undone');
SAVEPOINT b;
INSERT INTO sp VALUES (3, 'undone too');
ROLLBACK TO a;
SELECT * FROM sp ORDER BY id;
-- the savepoint stays after ROLLBACK TO
INSERT INTO sp VALUES (4, 'after rollback to');
ROLLBACK TO SAVEPOINT a;
SELECT * FROM sp ORDER BY id;
-- a failed statement, then ROLLBACK TO recovers the block
INSERT INTO sp VALUES (1, 'duplicate');
SELECT 1;
RELEASE a;
ROLLBACK TO a;
INSERT INTO sp VALUES (5, 'recovered');
-- the same name twice: the newest one is meant
SAVEPOINT c;
INSERT INTO sp VALUES (6, 'first c');
SAVEPOINT c;
INSERT INTO sp VALUES (7, 'second c');
ROLLBACK TO c;
RELEASE c;
ROLLBACK TO c;
SELECT * FROM sp ORDER BY id;
RELEASE a;
RELEASE a;
ROLLBACK TO nosuch;
COMMIT;
SELECT * FROM sp ORDER BY id;
-- outside a block
SAVEPOINT x;
RELEASE x;
ROLLBACK TO x;
-- settings return to their value at the savepoint
BEGIN;
SET application_name = 'before';
SAVEPOINT s;
SET application_name = 'after';
SET LOCAL statement_timeout = '5s';
ROLLBACK TO s;
SHOW application_name;
SHOW statement_timeout;
COMMIT;
SHOW application_name;
RESET application_name;
-- COMMIT of a failed block answers ROLLBACK
BEGIN;
SAVEPOINT a;
SELECT 1/0;
COMMIT;
DROP TABLE sp;
