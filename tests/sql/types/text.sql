-- text, varchar(n), char-like input: lengths, escapes, concatenation
SELECT 'hello', '', 'it''s', 'multi
line';
SELECT E'tab\there', E'new\nline', E'\\', E'\x41\102', 'back\slash';
SELECT 'a' 'b';
SELECT 'foo'
  'bar';
SELECT U&'\0041\0042', $$dollar 'quoted'$$, $tag$with $$ inside$tag$;
SELECT length('héllo'), length(''), length(NULL::text), char_length('abc'), character_length('ab');
SELECT upper('abc déf'), lower('ABC DÉF'), upper(NULL);
SELECT pg_typeof('abc'), pg_typeof('abc'::varchar), pg_typeof('abc'::varchar(5)), pg_typeof('x'::text || 1);
SELECT 'abcdef'::varchar(3), 'ab'::varchar(3), 'abc   '::varchar(3), 'abc'::character varying(2);
SELECT 'x'::varchar(0);
SELECT 'abc'::varchar(2) || 'def', ('abc'::varchar(5))::varchar(2), CAST('abcdef' AS varchar(4)), length('abcdef'::varchar(3)), 'abcdef'::varchar(3) = 'abc', upper('abcdef'::varchar(2));
SELECT 1::text, 1.50::text, true::text, 'f'::bool::text, '2024-01-02'::date::text;
SELECT 'a' < 'b', 'a' < 'B', 'abc' < 'abd', '' < 'a', 'Z' < 'a', 'abc' = 'abc ';
SELECT 'abc'::varchar(5) = 'abc'::text, 'ab'::varchar || 'cd'::varchar;
CREATE TABLE words (id int PRIMARY KEY, t text, v varchar(5), u varchar);
INSERT INTO words VALUES (1, 'apple', 'apple', 'x'), (2, '', '', ''), (3, NULL, NULL, NULL);
INSERT INTO words VALUES (4, 'bananas', 'bananas', 'y');
INSERT INTO words VALUES (5, 'b', 'ban  ', 'y');
INSERT INTO words VALUES (6, 'c', 'car        ', 'y');
INSERT INTO words VALUES (7, 'c', 123456, 'y');
INSERT INTO words VALUES (8, 42, 42, 42);
INSERT INTO words VALUES (9, 'x', 'abcdef'::varchar(5), 'y');
SELECT id, t, v, u, length(v) FROM words ORDER BY id;
UPDATE words SET v = 'toolong' WHERE id = 1;
UPDATE words SET v = v || 'xyz' WHERE id = 2;
SELECT id, v FROM words ORDER BY t NULLS FIRST, id;
DROP TABLE words;
CREATE TABLE sorted (s text PRIMARY KEY);
INSERT INTO sorted VALUES ('b'), ('B'), ('a'), ('é'), ('z'), ('É'), ('aa'), (''), (' '), ('1'), ('日本');
SELECT s, upper(s), lower(s), length(s) FROM sorted ORDER BY s;
SELECT s FROM sorted WHERE s > 'Z' ORDER BY s DESC;
SELECT s FROM sorted WHERE s ILIKE 'é' ORDER BY s;
DROP TABLE sorted;
