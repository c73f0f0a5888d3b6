-- SIMILAR TO / NOT SIMILAR TO [ESCAPE], similar_to_escape and the SQL
-- regular-expression substring (SIMILAR ... ESCAPE and FROM ... FOR): the
-- pattern is anchored, % and _ are wildcards, | * + ? {m,n} () and brackets
-- keep their meaning, other regex characters are literal.
-- After each error, psql's LAST_ERROR_SQLSTATE shows its code.
CREATE TABLE sim (id int PRIMARY KEY, s text);
INSERT INTO sim VALUES (1, 'abc'), (2, 'abd'), (3, 'xabcx'), (4, 'a.c'), (5, ''), (6, NULL), (7, 'aaa'), (8, '100%');
SELECT 'abc' SIMILAR TO 'abc', 'abc' SIMILAR TO 'a', 'abc' SIMILAR TO '%(b|d)%', 'abc' SIMILAR TO '(b|c)%',
       'abc' NOT SIMILAR TO 'a_c', 'abc' SIMILAR TO 'a%', 'abc' SIMILAR TO '_b_';
SELECT 'aaa' SIMILAR TO 'a*', 'aaa' SIMILAR TO 'a+', 'aaa' SIMILAR TO 'a{2}', 'aaa' SIMILAR TO 'a{2,3}',
       'ab' SIMILAR TO 'ab?c?', 'abc' SIMILAR TO '[a-c]+', 'abc' SIMILAR TO '[^x]*', 'a.c' SIMILAR TO 'a.c',
       'abc' SIMILAR TO 'a.c', 'a^c$' SIMILAR TO 'a^c$';
SELECT id, s SIMILAR TO 'a%', s NOT SIMILAR TO '%c', s SIMILAR TO '(a|x)_c%' FROM sim ORDER BY id;
SELECT id FROM sim WHERE s SIMILAR TO '%b(c|d)' ORDER BY id;
-- ESCAPE: the default is a backslash; another character, or none ('').
SELECT '100%' SIMILAR TO '100\%', '1000' SIMILAR TO '100\%', '100%' SIMILAR TO '100#%' ESCAPE '#',
       'a_b' SIMILAR TO 'a!_b' ESCAPE '!', 'axb' SIMILAR TO 'a!_b' ESCAPE '!', 'a\b' SIMILAR TO 'a\b' ESCAPE '';
SELECT 'abc' SIMILAR TO 'abc' ESCAPE NULL IS NULL AS null_escape, NULL SIMILAR TO 'a' IS NULL AS null_text,
       'a' SIMILAR TO NULL IS NULL AS null_pattern;
SELECT similar_to_escape('a%b_c'), similar_to_escape('a#%b', '#'), similar_to_escape('(a|b).*\$'), similar_to_escape('x', '');
SELECT 'abc' SIMILAR TO 'abc' ESCAPE 'xy';
\echo :LAST_ERROR_SQLSTATE
-- substring with a SIMILAR TO pattern: the part between the escaped
-- double quotes, the whole match without them, NULL without a match.
SELECT substring('foobar' SIMILAR '%#"o_b#"%' ESCAPE '#'), substring('foobar' SIMILAR '#"o_b#"%' ESCAPE '#'),
       substring('foobar' FROM '%#"o_b#"%' FOR '#'), substring('foobar' SIMILAR 'f%' ESCAPE '#'),
       substring('foobar' SIMILAR 'x%' ESCAPE '#') IS NULL AS no_match;
SELECT substring('Thomas' SIMILAR '%#"[aeiou]%#"' ESCAPE '#'), substring('abc' SIMILAR '#"%#"' ESCAPE '#');
SELECT id, substring(s SIMILAR '%#"b_#"%' ESCAPE '#') FROM sim ORDER BY id;
SELECT similar_to_escape('a#"b#"c#"', '#');
\echo :LAST_ERROR_SQLSTATE
DROP TABLE sim;
