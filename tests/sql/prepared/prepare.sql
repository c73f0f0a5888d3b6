-- SQL-level prepared statements: PREPARE, EXECUTE, DEALLOCATE.
CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(10,2));
INSERT INTO items VALUES (1, 'apple', 1.50), (2, 'pear', 2.25), (3, 'plum', 0.75);
PREPARE by_id(int) AS SELECT name, price FROM items WHERE id = $1;
EXECUTE by_id(2);
EXECUTE by_id(3);
EXECUTE by_id('1');
EXECUTE by_id(42);
-- untyped parameters take their types from the context
PREPARE cheaper AS SELECT id, name FROM items WHERE price < $1 ORDER BY id;
EXECUTE cheaper(2);
EXECUTE cheaper(1.0);
PREPARE add_item(int, text, numeric) AS INSERT INTO items VALUES ($1, $2, $3);
EXECUTE add_item(4, 'fig', 3.10);
EXECUTE add_item(5, 'kiwi', NULL);
PREPARE reprice AS UPDATE items SET price = price * $2 WHERE id <= $1;
EXECUTE reprice(2, 2);
SELECT * FROM items ORDER BY id;
PREPARE totals AS SELECT count(*), sum(price), max(name) FROM items WHERE id >= $1;
EXECUTE totals(2);
EXECUTE totals(100);
PREPARE limited AS SELECT id FROM items ORDER BY id LIMIT $1 OFFSET $2;
EXECUTE limited(2, 1);
EXECUTE limited(NULL, 3);
PREPARE typed(int, varchar, timestamp, numeric, text, bigint, date, boolean) AS
  SELECT $1, $2, $3, $4, $5, $6, $7, $8;
SELECT name, statement, parameter_types, from_sql, generic_plans + custom_plans AS executions,
  prepare_time <= now() AS past
FROM pg_prepared_statements ORDER BY name;
DEALLOCATE typed;
-- errors
PREPARE by_id AS SELECT 1;
EXECUTE nosuch;
EXECUTE by_id;
EXECUTE by_id(1, 2);
EXECUTE by_id('x');
EXECUTE add_item(6, 'x', 'not a number');
PREPARE bad AS SELECT $2::int;
PREPARE bad2 AS SELECT * FROM missing_table;
PREPARE bad3 AS CREATE TABLE t2 (a int);
DEALLOCATE nosuch;
-- the plan follows the catalog: a dropped table gives PostgreSQL's error
PREPARE all_items AS SELECT id FROM items ORDER BY id;
EXECUTE all_items;
DROP TABLE items;
EXECUTE all_items;
CREATE TABLE items (id int PRIMARY KEY);
INSERT INTO items VALUES (7);
EXECUTE all_items;
DROP TABLE items;
CREATE TABLE items (id text PRIMARY KEY);
EXECUTE all_items;
DEALLOCATE by_id;
EXECUTE by_id(1);
DEALLOCATE PREPARE cheaper;
DEALLOCATE ALL;
EXECUTE add_item(1, 'a', 1);
-- inside a transaction block, and after an error in it
BEGIN;
PREPARE in_block AS SELECT 1 AS one;
EXECUTE in_block;
SELECT 1/0;
EXECUTE in_block;
ROLLBACK;
EXECUTE in_block;
DEALLOCATE ALL;
DROP TABLE items;
