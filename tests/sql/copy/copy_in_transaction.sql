-- COPY into an existing table inside a transaction block: the rows are read
-- back, updated, deleted and rolled back to a savepoint by the same
-- transaction (they are written past the write batch's index until read).
CREATE TABLE copy_txn (a int, b text);
CREATE INDEX copy_txn_b ON copy_txn (b);
INSERT INTO copy_txn VALUES (0, 'zero');
BEGIN;
COPY copy_txn FROM STDIN;
1	one
2	two
3	three
\.
SELECT * FROM copy_txn ORDER BY a;
SELECT a FROM copy_txn WHERE b = 'two';
UPDATE copy_txn SET b = 'TWO' WHERE a = 2;
DELETE FROM copy_txn WHERE a = 3;
SAVEPOINT s1;
COPY copy_txn FROM STDIN;
4	four
5	five
\.
SELECT count(*) FROM copy_txn;
ROLLBACK TO s1;
COPY copy_txn FROM STDIN;
6	six
\.
SELECT * FROM copy_txn ORDER BY a;
COMMIT;
SELECT * FROM copy_txn ORDER BY a;
SELECT a FROM copy_txn WHERE b = 'six';
BEGIN;
COPY copy_txn FROM STDIN;
7	seven
\.
ROLLBACK;
SELECT count(*) FROM copy_txn;
DROP TABLE copy_txn;
