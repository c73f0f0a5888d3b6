-- CREATE INDEX / DROP INDEX: default names and their collisions, IF [NOT]
-- EXISTS, one name space with tables, errors, indexes dropped with their
-- table, and UNIQUE constraints of CREATE TABLE
CREATE TABLE t (id int PRIMARY KEY, a int, b text, c int);
INSERT INTO t VALUES (1, 10, 'x', 100), (2, 20, 'y', 200), (3, NULL, NULL, 300);
CREATE INDEX ON t (a);
CREATE INDEX ON t (a);
CREATE INDEX ON t (a, b);
CREATE INDEX ON t USING btree (b DESC NULLS LAST, c);
CREATE INDEX t_c ON t (c ASC NULLS FIRST);
CREATE INDEX t_c ON t (a);
CREATE INDEX IF NOT EXISTS t_c ON t (a);
CREATE INDEX t ON t (a);
CREATE INDEX t_pkey ON t (a);
CREATE INDEX ON t (nosuch);
CREATE INDEX ON nosuch (a);
CREATE INDEX ON t USING nosuch (a);
CREATE TABLE t_a_idx (x int);
CREATE TABLE IF NOT EXISTS t_a_idx (x int);
SELECT * FROM t WHERE a = 10;
DROP INDEX t_a_idx, t_a_idx1;
DROP INDEX t_a_idx;
DROP INDEX IF EXISTS t_a_idx, t_a_b_idx;
DROP INDEX t;
DROP TABLE t_c;
DROP INDEX t_pkey;
DROP INDEX t_pkey CASCADE;
DROP INDEX IF EXISTS nosuch RESTRICT;
CREATE INDEX ON t (a);
SELECT * FROM t WHERE a = 20;
UPDATE t SET a = 21 WHERE id = 2;
SELECT * FROM t WHERE a = 21;
SELECT * FROM t WHERE a = 20;
DELETE FROM t WHERE a = 21;
SELECT * FROM t ORDER BY id;
TRUNCATE t;
SELECT * FROM t WHERE a = 10;
INSERT INTO t VALUES (1, 10, 'again', 1);
SELECT * FROM t WHERE a = 10;
-- transactional: a rolled-back CREATE INDEX leaves no name behind
BEGIN;
CREATE INDEX t_rolled ON t (c);
SELECT * FROM t WHERE c = 1;
ROLLBACK;
DROP INDEX t_rolled;
BEGIN;
DROP INDEX t_c;
ROLLBACK;
DROP INDEX t_c;
DROP TABLE t;
CREATE INDEX t_a_idx ON t_a_idx (x);
DROP TABLE t_a_idx;
-- every index went with its table: the names are free again
CREATE TABLE t (a int, b int);
CREATE INDEX t_c ON t (a);
CREATE INDEX t_b_desc_idx ON t (b);
DROP TABLE t;
-- UNIQUE constraints make unique indexes named t_<cols>_key
CREATE TABLE u (id int PRIMARY KEY UNIQUE, a int UNIQUE, b int, c int CONSTRAINT u_named UNIQUE, UNIQUE (a, b), UNIQUE (a));
DROP INDEX u_a_key;
DROP INDEX u_a_b_key;
DROP INDEX u_named;
DROP INDEX u_id_key;
CREATE INDEX ON u (a);
CREATE UNIQUE INDEX ON u (b);
DROP INDEX u_a_idx, u_b_idx;
CREATE TABLE u2 (a int UNIQUE, UNIQUE (nosuch));
CREATE TABLE u2 (a int, UNIQUE (a, a));
CREATE TABLE u2 (a int CONSTRAINT u PRIMARY KEY);
CREATE TABLE u_a_key (a int);
CREATE TABLE u3 (a int CONSTRAINT dup UNIQUE, b int CONSTRAINT dup UNIQUE);
DROP TABLE u;
-- a primary key's default name avoids a taken one, as an index's does
CREATE TABLE pk_pkey (x int);
CREATE TABLE pk (id int PRIMARY KEY);
DROP INDEX pk_pkey1;
INSERT INTO pk VALUES (1), (1);
DROP TABLE pk, pk_pkey;
-- long names are cut to 63 bytes, the longer part first
CREATE TABLE a_table_with_quite_a_long_name_to_make_index_names_overflow (a_column_with_a_long_name_as_well int, b int);
CREATE INDEX ON a_table_with_quite_a_long_name_to_make_index_names_overflow (a_column_with_a_long_name_as_well, b);
CREATE INDEX ON a_table_with_quite_a_long_name_to_make_index_names_overflow (a_column_with_a_long_name_as_well, b);
DROP INDEX a_table_with_quite_a_long_nam_a_column_with_a_long_name_as__idx;
DROP INDEX a_table_with_quite_a_long_nam_a_column_with_a_long_name_as_idx1;
DROP TABLE a_table_with_quite_a_long_name_to_make_index_names_overflow;
