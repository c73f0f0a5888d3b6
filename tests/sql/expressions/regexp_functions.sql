-- The regular-expression functions of PostgreSQL 15 (regexp_replace's first
-- forms are in string_functions.sql): regexp_matches and
-- regexp_split_to_table (set-returning, in FROM and in the target list),
-- regexp_match, regexp_split_to_array, regexp_count, regexp_instr,
-- regexp_substr, regexp_like and regexp_replace's start and N forms; flags,
-- start positions, occurrences, subexpressions, multibyte text, NULLs, and
-- the errors.
-- After each error, psql's LAST_ERROR_SQLSTATE shows its code.
CREATE TABLE rx (id int PRIMARY KEY, s text);
INSERT INTO rx VALUES (1, 'foobarbequebaz'), (2, 'abc123def45'), (3, ''), (4, NULL), (5, 'Ünïcödé straße 42');
-- regexp_matches: one row per match with 'g', the first match without it, no row without a match.
SELECT * FROM regexp_matches('foobarbequebaz', '(bar)(beque)');
SELECT * FROM regexp_matches('foobarbequebazilbarfbonk', '(b[^b]+)(b[^b]+)', 'g');
SELECT * FROM regexp_matches('abc', 'x');
SELECT regexp_matches('abc123def45', '[0-9]+', 'g');
SELECT regexp_matches('aAbB', '[ab]', 'gi') AS m;
SELECT m, m[1] AS key FROM regexp_matches('key=value; k2=v2', '(\w+)=(\w+)', 'g') AS m;
SELECT * FROM regexp_matches('abc', '(a)(x)?(c)?');
SELECT * FROM regexp_matches('abc', '', 'g');
SELECT * FROM regexp_matches('abc', 'b') WITH ORDINALITY AS t(m, n);
SELECT id, m FROM rx, regexp_matches(rx.s, '[0-9]+', 'g') AS m ORDER BY id, m;
SELECT regexp_matches(NULL, 'a'), regexp_matches('a', NULL);
-- Inside target expressions: under a subscript, a cast or an operator, in lockstep with others.
SELECT (regexp_matches('key=value; k2=v2', '(\w+)=(\w+)', 'g'))[2];
SELECT id, (regexp_matches(s, '([a-z]+)([0-9]+)', 'g'))[1] AS letters,
       regexp_split_to_table(s, '[0-9]+') || '!' AS piece FROM rx ORDER BY 1, 2, 3;
SELECT m[1], m[2] FROM (SELECT regexp_matches('a1b2', '([a-z])([0-9])', 'g') AS m) q;
SELECT (regexp_split_to_table('1,2,3', ','))::int + 1 AS next, unnest(ARRAY[10, 20]) AS u;
-- regexp_split_to_table and regexp_split_to_array.
SELECT * FROM regexp_split_to_table('the quick  brown fox', '\s+');
SELECT regexp_split_to_table('a1b22c333', '[0-9]+') AS piece;
SELECT * FROM regexp_split_to_table('abc', '');
SELECT * FROM regexp_split_to_table('aXbxc', 'x', 'i') WITH ORDINALITY;
SELECT * FROM regexp_split_to_table('', ',');
SELECT id, regexp_split_to_array(s, '\s+') FROM rx ORDER BY id;
SELECT regexp_split_to_array('a,b,,c', ','), regexp_split_to_array('AxBXc', 'x', 'i');
-- regexp_match: one text[] or NULL.
SELECT regexp_match('foobarbequebaz', 'bar.*que'), regexp_match('foobarbequebaz', '(bar)(beque)'),
       regexp_match('abc', 'x') IS NULL AS no_match, (regexp_match('k=v', '(\w)=(\w)'))[2] AS second;
-- regexp_count(string, pattern [, start [, flags]]).
SELECT regexp_count('ABCABCAXYaxy', 'A.'), regexp_count('ABCABCAXYaxy', 'A.', 1, 'i'),
       regexp_count('ABCABCAXYaxy', 'A.', 4), regexp_count('abc', ''), regexp_count('abc', 'x'),
       regexp_count('ABCABC', 'abc', 100, 'i'), regexp_count('abc', '', 4), regexp_count('abc', '', 5);
SELECT id, regexp_count(s, '[a-z]'), regexp_count(s, '[a-z0-9 ]', 3) FROM rx ORDER BY id;
-- regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]]).
SELECT regexp_instr('number of your street, town zip, FR', '[^,]+', 1, 2),
       regexp_instr('ABCDEFGHI', '(c..)(...)', 1, 1, 0, 'i', 2),
       regexp_instr('ABCDEF', 'C', 1, 1, 1), regexp_instr('abc', 'x'), regexp_instr('abcabc', 'b', 3),
       regexp_instr('abcabc', 'b', 1, 3), regexp_instr('abc', 'b', 1, 1, 0, '', 1),
       regexp_instr('abc', '(b)', 1, 1, 0, '', 2);
SELECT id, regexp_instr(s, '[0-9]+'), regexp_instr(s, '[0-9]+', 1, 1, 1), regexp_instr(s, 'ß') FROM rx ORDER BY id;
-- regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]).
SELECT regexp_substr('number of your street, town zip, FR', '[^,]+', 1, 2),
       regexp_substr('ABCDEFGHI', '(c..)(...)', 1, 1, 'i', 2), regexp_substr('abc', 'x') IS NULL AS none,
       regexp_substr('abcabc', 'b.', 3), regexp_substr('abc', '(x)?b', 1, 1, '', 1) IS NULL AS unmatched_group;
SELECT id, regexp_substr(s, '[0-9]+'), regexp_substr(s, '[a-z]+', 1, 2), regexp_substr(s, '[a-z]{2}', 2) FROM rx ORDER BY id;
-- regexp_like(string, pattern [, flags]).
SELECT regexp_like('Hello World', 'world'), regexp_like('Hello World', 'world', 'i'), regexp_like('abc', '^a.c$'),
       regexp_like('', ''), regexp_like(NULL, 'a') IS NULL AS null_in;
SELECT id FROM rx WHERE regexp_like(s, '\d') ORDER BY id;
SELECT regexp_count(NULL, 'a'), regexp_instr('a', NULL), regexp_substr('a', 'a', NULL), regexp_like('a', 'a', NULL);
-- regexp_replace's PostgreSQL 15 forms: (string, pattern, replacement, start [, N [, flags]]).
SELECT regexp_replace('abcabc', 'b', 'X', 3), regexp_replace('abcabc', 'b', 'X', 1, 2),
       regexp_replace('abcabc', 'b', 'X', 1, 0), regexp_replace('abcabc', 'B', 'X', 1, 0, 'i'),
       regexp_replace('abcabc', 'b', 'X', 1, 1, 'g'), regexp_replace('abcabc', 'b', 'X', 10),
       regexp_replace('abcabc', 'b', 'X', 1, 5), regexp_replace('abcabc', 'b', 'X', 'g'),
       regexp_replace('Ünïcödé ß', '(ß|ö)', '<\1>', 4, 0);
SELECT id, regexp_replace(s, '[0-9]', '#', 1, 2) FROM rx ORDER BY id;
SELECT regexp_replace('abc', 'b', 'X', 0);
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_replace('abc', 'b', 'X', 1, -1);
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_replace('abc', 'b', 'X', 1, 1, 'z');
\echo :LAST_ERROR_SQLSTATE
-- Errors.
SELECT regexp_count('abc', 'b', 0);
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_count('abc', 'b', 1, 'g');
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_instr('abc', 'b', 1, 0);
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_instr('abc', 'b', 1, 1, 2);
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_instr('abc', 'b', 1, 1, 0, '', -1);
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_substr('abc', 'b', -1);
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_substr('abc', 'b', 1, 1, 'g');
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_like('abc', 'b', 'g');
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_like('abc', 'b', 'z');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM regexp_split_to_table('abc', 'b', 'g');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM regexp_matches('abc', '(');
\echo :LAST_ERROR_SQLSTATE
SELECT * FROM regexp_matches('abc', 'b', 'y');
\echo :LAST_ERROR_SQLSTATE
SELECT regexp_count('abc', 1);
\echo :LAST_ERROR_SQLSTATE
DROP TABLE rx;
