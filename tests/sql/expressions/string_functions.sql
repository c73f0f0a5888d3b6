-- The string function library: lengths, substrings, padding, searching,
-- splitting, case, concat/format, quoting, hashing, regular expressions,
-- over literals, columns with NULLs and multibyte text; and their errors.
CREATE TABLE words (id int PRIMARY KEY, w text, n int);
INSERT INTO words VALUES (1, 'hello world', 2), (2, 'Ünïcödé straße', -3), (3, '', 0), (4, NULL, NULL),
  (5, 'a,b,,c', 5), (6, 'it''s a\b', 1);
SELECT id, octet_length(w), bit_length(w), char_length(w), initcap(w), reverse(w) FROM words ORDER BY id;
SELECT id, substr(w, 2), substr(w, 2, 3), substring(w FROM 3 FOR 4), substring(w, -1, 4), substr(w, n) FROM words ORDER BY id;
SELECT id, left(w, n), right(w, n), left(w, -2), right(w, -2) FROM words ORDER BY id;
SELECT id, lpad(w, 14, '*-'), rpad(w, 4), lpad(w, n), rpad(w, 16, 'ß'), lpad(w, 5, '') FROM words ORDER BY id;
SELECT id, strpos(w, 'l'), position('o' IN w), strpos(w, ''), starts_with(w, 'he') FROM words ORDER BY id;
SELECT id, replace(w, 'l', 'L'), replace(w, '', 'x'), translate(w, 'lo', 'O'), repeat(w, 2), repeat(w, -1) FROM words ORDER BY id;
SELECT id, split_part(w, ',', 1), split_part(w, ',', 3), split_part(w, ',', -1), split_part(w, '', 1), split_part(w, ' ', 2) FROM words ORDER BY id;
SELECT id, md5(w), ascii(w), quote_literal(w), quote_nullable(w) FROM words ORDER BY id;
SELECT concat('a', 1, NULL, 2.50, true, date '2024-01-02'), concat_ws('-', 'a', NULL, 'b', 3), concat_ws(NULL, 'a'), concat(NULL);
SELECT id, concat(w, '|', n), concat_ws(',', w, n, id) FROM words ORDER BY id;
SELECT format('Hello %s, %s', 'World', 42), format('%I.%I', 'public', 'My Table'), format('%L %L', 'it''s', NULL),
       format('[%10s][%-10s]', 'right', 'left'), format('%2$s %1$s %2$s', 'a', 'b'), format('%*s|', 6, 'x'),
       format('%s', NULL), format('100%%'), format(NULL), format('%s %s', 'a', 'b');
SELECT to_hex(255), to_hex(-1), to_hex(-1::bigint), to_hex(9223372036854775807), chr(65), chr(233), chr(8364), ascii('€');
SELECT quote_literal(42), quote_literal(1.5), quote_nullable(NULL::int), num_nulls(1, NULL, 'a', NULL), num_nonnulls(1, NULL, 'a');
SELECT regexp_replace('Thomas', '.[mN]a.', 'M'), regexp_replace('foobarbaz', 'b(..)', 'X\1Y', 'g'),
       regexp_replace('abcABC', 'b', '-', 'gi'), regexp_replace('abc', 'x*', '-', 'g'), regexp_replace('a.b', '\.', '\&\&');
SELECT regexp_match('foobarbequebaz', 'bar.*que'), regexp_match('foobarbequebaz', '(bar)(beque)'), regexp_match('abc', 'x'),
       regexp_match('ABC', 'b', 'i');
SELECT substring('foobar' FROM 'o.b'), substring('foobar' FROM 'o(.)b'), substring('foobar' FROM 'x');
SELECT regexp_split_to_array('hello world  again', '\s+'), regexp_split_to_array('abc', ''), regexp_split_to_array('a1b22c', '[0-9]*');
SELECT string_to_array('a,b,,c', ','), string_to_array('abc', NULL), string_to_array('abc', ''), string_to_array('', ','),
       string_to_array('a,*,c', ',', '*');
SELECT id, upper(substr(w, 1, 1)) || lower(substr(w, 2)) AS cap FROM words WHERE length(w) > 0 ORDER BY strpos(w, 'o'), id;
CREATE VIEW word_view AS SELECT id, lpad(w, 3), strpos(w, 'o') AS p, concat_ws('/', w, n) AS c, format('%s!', w) AS f FROM words;
SELECT * FROM word_view ORDER BY id;
-- errors
SELECT substr('abc', 1, -1);
SELECT split_part('a,b', ',', 0);
SELECT chr(0);
SELECT chr(1114112);
SELECT format('%x', 1);
SELECT format('%s %s', 1);
SELECT format('%I', NULL);
SELECT format('abc %');
SELECT regexp_replace('a', 'a', 'b', 'z');
SELECT regexp_match('a', 'a', 'g');
SELECT regexp_replace('a', '(', 'b');
SELECT lpad(1, 3);
SELECT strpos('a');
DROP VIEW word_view;
DROP TABLE words;
-- ^@ is starts_with
SELECT 'abc' ^@ 'ab', 'abc' ^@ 'b', 'abc'::varchar ^@ 'a'::text, NULL ^@ 'a', pg_typeof('a' ^@ 'b');
SELECT 1 ^@ 2;
SELECT 'a' ^@ 1;
