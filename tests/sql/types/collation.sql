-- Basalt compares text bytewise, as the C collation: the collations that
-- are that order (C, POSIX, default, ucs_basic) are accepted, others 42704.
SELECT 'a' < 'B' COLLATE "C" AS c, 'a' < 'B' COLLATE "POSIX" AS posix,
  'a' < 'B' COLLATE "default" AS dflt, 'a' < 'B' COLLATE ucs_basic AS ucs,
  'a' < 'B' COLLATE pg_catalog."C" AS qualified;
SELECT x FROM (VALUES ('b'), ('B'), ('a'), ('é'), ('e'), ('Z'), ('')) v(x) ORDER BY x COLLATE "C";
SELECT 'a' COLLATE "en_US";
SELECT 1 AS x ORDER BY 'a' COLLATE "xx";
SELECT 'a' COLLATE public."C";
CREATE TABLE coll_t (a text COLLATE "C", b varchar(5) COLLATE "POSIX");
INSERT INTO coll_t VALUES ('b', 'B'), ('a', 'A'), ('B', 'b');
SELECT a, b FROM coll_t ORDER BY a, b;
CREATE TABLE coll_bad (a text COLLATE "en_US");
ALTER TABLE coll_t ALTER COLUMN a TYPE varchar COLLATE "de_DE";
ALTER TABLE coll_t ALTER COLUMN a TYPE varchar COLLATE "C";
SELECT * FROM json_to_record('{"a":1}') AS x(a text COLLATE "fr");
SELECT * FROM json_to_record('{"a":1}') AS x(a text COLLATE "C");
