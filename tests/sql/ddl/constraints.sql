-- PRIMARY KEY (column and table constraint, composite), NOT NULL, DEFAULT
CREATE TABLE pk (id int PRIMARY KEY, v text);
INSERT INTO pk VALUES (1, 'a'), (2, 'b');
INSERT INTO pk VALUES (1, 'again');
INSERT INTO pk VALUES (NULL, 'null key');
INSERT INTO pk VALUES (3, 'c'), (3, 'd');
SELECT * FROM pk ORDER BY id;
DROP TABLE pk;
CREATE TABLE pk2 (a int, b text, c int, PRIMARY KEY (a, b));
INSERT INTO pk2 VALUES (1, 'x', 1), (1, 'y', 2), (2, 'x', 3);
INSERT INTO pk2 VALUES (1, 'x', 4);
INSERT INTO pk2 VALUES (1, NULL, 5);
SELECT * FROM pk2 ORDER BY a, b;
SELECT c FROM pk2 WHERE a = 1 AND b = 'y';
DROP TABLE pk2;
CREATE TABLE twopk (a int PRIMARY KEY, b int PRIMARY KEY);
CREATE TABLE twopk (a int PRIMARY KEY, b int, PRIMARY KEY (b));
CREATE TABLE badpk (a int, PRIMARY KEY (nosuch));
CREATE TABLE badpk (a int, PRIMARY KEY (a, a));
CREATE TABLE nn (a int NOT NULL, b text NOT NULL DEFAULT 'd', c int NULL);
INSERT INTO nn VALUES (1, 'x', NULL);
INSERT INTO nn (a) VALUES (2);
INSERT INTO nn (b) VALUES ('no a');
INSERT INTO nn VALUES (3, NULL);
UPDATE nn SET a = NULL;
UPDATE nn SET b = DEFAULT WHERE a = 1;
SELECT * FROM nn ORDER BY a;
DROP TABLE nn;
CREATE TABLE conflict (a int NULL NOT NULL);
CREATE TABLE conflict (a int4 DEFAULT 1 DEFAULT 2);
CREATE TABLE conflict (a int NOT NULL NOT NULL, b int NULL NULL);
INSERT INTO conflict VALUES (NULL, NULL);
DROP TABLE conflict;
CREATE TABLE named (a int, b text, CONSTRAINT named_key PRIMARY KEY (a));
INSERT INTO named VALUES (1, 'x'), (1, 'y');
DROP TABLE named;
CREATE TABLE named (a int CONSTRAINT inline_key PRIMARY KEY);
INSERT INTO named VALUES (1), (1);
DROP TABLE named;
CREATE TABLE defs (
  id int PRIMARY KEY,
  n int DEFAULT 42,
  s text DEFAULT 'hello',
  e int DEFAULT 6 * 7 + 1,
  f float8 DEFAULT 1.0 / 4,
  v varchar(3) DEFAULT 'abc',
  d date DEFAULT '2024-01-01',
  b bool DEFAULT NOT false,
  c numeric(5,2) DEFAULT 1.005,
  u text DEFAULT upper('up') || '!',
  x int DEFAULT NULL
);
INSERT INTO defs (id) VALUES (1);
INSERT INTO defs (id, n, s) VALUES (2, DEFAULT, NULL);
INSERT INTO defs VALUES (3, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, 7);
INSERT INTO defs DEFAULT VALUES;
SELECT * FROM defs ORDER BY id;
DROP TABLE defs;
CREATE TABLE baddef (a int DEFAULT 'abc');
CREATE TABLE baddef (a int DEFAULT true);
CREATE TABLE baddef (a int DEFAULT b);
CREATE TABLE baddef (a varchar(2) DEFAULT 'abc');
INSERT INTO baddef VALUES (DEFAULT);
DROP TABLE IF EXISTS baddef;
CREATE TABLE baddef (a int2 DEFAULT 100000);
INSERT INTO baddef VALUES (DEFAULT);
DROP TABLE IF EXISTS baddef;
CREATE TABLE castdef (a int DEFAULT 2.7, b text DEFAULT 12, c numeric(4,1) DEFAULT 1.25);
INSERT INTO castdef DEFAULT VALUES;
SELECT * FROM castdef;
DROP TABLE castdef;
