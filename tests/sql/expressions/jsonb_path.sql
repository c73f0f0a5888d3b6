-- SQL/JSON path language over jsonb (PostgreSQL 15): jsonb_path_query,
-- _query_array, _query_first, _exists, _match, the operators @? and @@,
-- lax and strict modes, filters, item methods, variables, silent, errors.
-- Basalt takes the path as text (there is no jsonpath type yet).
CREATE TABLE jp (id int, doc jsonb);
INSERT INTO jp VALUES
  (1, '{"a": 1, "b": [1, 2, 3], "c": {"d": "x", "e": null}}'),
  (2, '{"a": 2, "b": [], "c": {"d": "yy"}}'),
  (3, '[1, "two", {"a": 3}, [4, 5]]'),
  (4, NULL);
-- Accessors.
SELECT jsonb_path_query('{"a": {"b": 1}}', '$');
SELECT jsonb_path_query('{"a": {"b": 1}}', '$.a');
SELECT jsonb_path_query('{"a": {"b": 1}}', '$.a.b');
SELECT jsonb_path_query('{"a b": 1, "$": 2}', '$."a b"');
SELECT jsonb_path_query('{"a b": 1, "$": 2}', '$."$"');
SELECT jsonb_path_query('{"a": 1, "b": [2, 3]}', '$.*');
SELECT jsonb_path_query('[10, 20, 30, 40]', '$[1]');
SELECT jsonb_path_query('[10, 20, 30, 40]', '$[1 to 2]');
SELECT jsonb_path_query('[10, 20, 30, 40]', '$[0, 2 to 3]');
SELECT jsonb_path_query('[10, 20, 30, 40]', '$[last]');
SELECT jsonb_path_query('[10, 20, 30, 40]', '$[last - 1]');
SELECT jsonb_path_query('[10, 20, 30, 40]', '$[1.7]');
SELECT jsonb_path_query('[10, 20, 30, 40]', '$[*]');
SELECT jsonb_path_query('[10, 20, 30, 40]', '$[2 to last]');
SELECT jsonb_path_query('[10, 20, 30, 40]', '$[last - 5 to last - 3]');
SELECT jsonb_path_query('{"a": {"b": {"c": 1}}, "d": [{"c": 2}]}', '$.**');
SELECT jsonb_path_query('{"a": {"b": {"c": 1}}, "d": [{"c": 2}]}', '$.**.c');
SELECT jsonb_path_query('{"a": {"b": {"c": 1}}, "d": [{"c": 2}]}', '$.**{2}');
SELECT jsonb_path_query('{"a": {"b": {"c": 1}}, "d": [{"c": 2}]}', '$.**{1 to 2}');
SELECT jsonb_path_query('{"a": {"b": {"c": 1}}, "d": [{"c": 2}]}', '$.**{2 to last}');
SELECT jsonb_path_query('{"a": {"b": {"c": 1}}, "d": [{"c": 2}]}', '$.**{last}');
SELECT jsonb_path_query('{"a": {"b": {"c": 1}}, "d": [{"c": 2}]}', 'strict $.**.c');
-- Keywords are keys after a dot; keywords are case-insensitive.
SELECT jsonb_path_query('{"last": 1, "type": 2, "size": 3, "true": 4}', '$.last + $.type + $.size + $.true');
SELECT jsonb_path_query('{"a": 1}', 'LAX $.a');
SELECT jsonb_path_query('{"a": 1}', 'Strict $.a');
-- Literals.
SELECT jsonb_path_query('{}', '1');
SELECT jsonb_path_query('{}', '-1.50');
SELECT jsonb_path_query('{}', '.5');
SELECT jsonb_path_query('{}', '1.5e3');
SELECT jsonb_path_query('{}', '"str\tx\u00e9\x41"');
SELECT jsonb_path_query('{}', 'true');
SELECT jsonb_path_query('{}', 'false');
SELECT jsonb_path_query('{}', 'null');
SELECT jsonb_path_query('{}', '$ /* a comment */');
-- Lax mode: arrays are unwrapped for accessors, scalars wrapped for
-- subscripts, structural errors ignored.
SELECT jsonb_path_query('{"a": [{"b": 1}, {"b": 2}, {"c": 3}]}', 'lax $.a.b');
SELECT jsonb_path_query('{"a": 1}', 'lax $.a[0]');
SELECT jsonb_path_query('{"a": 1}', 'lax $.a[*]');
SELECT jsonb_path_query('{"a": 1}', 'lax $.b');
SELECT jsonb_path_query('[1, 2]', 'lax $.a');
SELECT jsonb_path_query('{"a": [1, 2]}', 'lax $.a[5]');
SELECT jsonb_path_query('1', 'lax $.*');
-- Strict mode: the same are errors.
SELECT jsonb_path_query('{"a": [{"b": 1}, {"b": 2}]}', 'strict $.a.b');
SELECT jsonb_path_query('{"a": 1}', 'strict $.a[0]');
SELECT jsonb_path_query('{"a": 1}', 'strict $.a[*]');
SELECT jsonb_path_query('{"a": 1}', 'strict $.b');
SELECT jsonb_path_query('[1, 2]', 'strict $.a');
SELECT jsonb_path_query('{"a": [1, 2]}', 'strict $.a[5]');
SELECT jsonb_path_query('{"a": [1, 2]}', 'strict $.a[1 to 0]');
SELECT jsonb_path_query('1', 'strict $.*');
SELECT jsonb_path_query('[1, 2]', 'strict $.size()');
SELECT jsonb_path_query('1', 'strict $.size()');
SELECT jsonb_path_query('[1, 2]', 'strict $.a.keyvalue()');
SELECT jsonb_path_query('[1, 2]', 'strict $["a"]');
SELECT jsonb_path_query('[1, 2]', 'strict $[1, 2]');
SELECT jsonb_path_query('[1, 2]', 'lax $[$.a]');
SELECT jsonb_path_query('[1, 2]', 'lax $[10000000000]');
-- Filters and predicates.
SELECT jsonb_path_query('[1, 2, 3, 4, 5]', '$[*] ? (@ > 2)');
SELECT jsonb_path_query('[1, 2, 3, 4, 5]', '$[*] ? (@ >= 2 && @ <= 3)');
SELECT jsonb_path_query('[1, 2, 3, 4, 5]', '$[*] ? (@ < 2 || @ == 5)');
SELECT jsonb_path_query('[1, 2, 3, 4, 5]', '$[*] ? (@ != 3 && @ <> 4)');
SELECT jsonb_path_query('[1, 2, 3, 4, 5]', '$[*] ? (!(@ > 2))');
SELECT jsonb_path_query('[1, "a", null, true, [1], {"x": 1}]', '$[*] ? (@ == 1)');
SELECT jsonb_path_query('[1, "a", null, true, [1], {"x": 1}]', '$[*] ? (@ != null)');
SELECT jsonb_path_query('[1, "a", null, true, [1], {"x": 1}]', '$[*] ? (@ == null)');
SELECT jsonb_path_query('[1, "a", null, true, false]', '$[*] ? (@ == true)');
SELECT jsonb_path_query('[1, "a", null, true, false]', '$[*] ? (@ > false)');
SELECT jsonb_path_query('["abc", "abd", "b", "ab"]', '$[*] ? (@ < "abd")');
SELECT jsonb_path_query('["abc", "abd", "b", "ab"]', '$[*] ? (@ starts with "ab")');
SELECT jsonb_path_query('["abc", "ABD", "b", 1]', '$[*] ? (@ like_regex "^ab")');
SELECT jsonb_path_query('["abc", "ABD", "b", 1]', '$[*] ? (@ like_regex "^ab" flag "i")');
SELECT jsonb_path_query('["a.c", "abc"]', '$[*] ? (@ like_regex "a.c" flag "q")');
-- like_regex and newlines: without "s" neither . nor [^...] matches one;
-- "m" makes ^ and $ match at line ends.
SELECT jsonb_path_query('["a\nb", "axb"]', '$[*] ? (@ like_regex "a.b")');
SELECT jsonb_path_query('["a\nb", "axb"]', '$[*] ? (@ like_regex "a.b" flag "s")');
SELECT jsonb_path_query('["a\nb", "axb"]', '$[*] ? (@ like_regex "a[^y]b")');
SELECT jsonb_path_query('["a\nb", "axb"]', '$[*] ? (@ like_regex "a[^y]b" flag "is")');
SELECT jsonb_path_query('["a\nb", "axb"]', '$[*] ? (@ like_regex "^b")');
SELECT jsonb_path_query('["a\nb", "axb"]', '$[*] ? (@ like_regex "^b|a$" flag "m")');
SELECT jsonb_path_query('["a1", "b2"]', '$[*] ? (@ like_regex "^[[:alpha:]][^[:alpha:]]$")');
SELECT jsonb_path_query('[{"a": 1}, {"b": 2}, {"a": null}]', '$[*] ? (exists (@.a))');
SELECT jsonb_path_query('[{"a": 1}, {"b": 2}, {"a": null}]', '$[*] ? (!exists (@.a))');
SELECT jsonb_path_query('[1, "a", 3]', '$[*] ? ((@ > 1) is unknown)');
SELECT jsonb_path_query('[1, "a", 3]', 'strict $[*] ? ((@ > 1) is unknown)');
SELECT jsonb_path_query('{"a": [1, 2, 3], "b": 2}', '$ ? (@.a[*] == @.b)');
SELECT jsonb_path_query('{"a": [1, 2, 3], "b": 2}', 'strict $ ? (@.a[*] > "x")');
SELECT jsonb_path_query('{"a": [1, 2, 3], "b": 2}', 'lax $ ? (@.a[*] > "x")');
SELECT jsonb_path_query('[{"x": [1, 5]}, {"x": [2]}]', '$[*] ? (@.x[*] > 4).x');
SELECT jsonb_path_query('{"a": 1}', '$.a ? (@ == 1) ? (@ == 2)');
SELECT jsonb_path_query('{"a": 1}', '$ ? ($.a == 1)');
-- Predicates as the whole path.
SELECT jsonb_path_query('{"a": 1}', '$.a == 1');
SELECT jsonb_path_query('{"a": 1}', '$.a > 1');
SELECT jsonb_path_query('{"a": 1}', '$.a == "x"');
SELECT jsonb_path_query('{"a": 1}', 'exists($.a) && $.a < 5');
SELECT jsonb_path_query('{"a": 1}', '($.a == 1).type()');
-- Arithmetic.
SELECT jsonb_path_query('{"a": 7, "b": 2}', '$.a + $.b');
SELECT jsonb_path_query('{"a": 7, "b": 2}', '$.a - $.b * 3');
SELECT jsonb_path_query('{"a": 7, "b": 2}', '($.a - $.b) * 3');
SELECT jsonb_path_query('{"a": 7, "b": 2}', '$.a / $.b');
SELECT jsonb_path_query('{"a": 7, "b": 2}', '$.a % $.b');
SELECT jsonb_path_query('{"a": 7, "b": 2}', '-$.a');
SELECT jsonb_path_query('{"a": 7, "b": 2}', '+$.a');
SELECT jsonb_path_query('{"a": 7, "b": 2}', '- - $.a');
SELECT jsonb_path_query('[1, 2, 3]', '-$[*]');
SELECT jsonb_path_query('[1, 2, 3]', '$[*] * 2');
SELECT jsonb_path_query('[1, 2, 3]', 'lax $ * 2');
SELECT jsonb_path_query('[1]', 'lax $ * 2');
SELECT jsonb_path_query('{"a": 1.5}', '$.a * 1.25');
SELECT jsonb_path_query('{"a": 7}', '$.a / 0');
SELECT jsonb_path_query('{"a": 7}', '$.a % 0');
SELECT jsonb_path_query('{"a": "x"}', '$.a + 1');
SELECT jsonb_path_query('{"a": 1}', '1 + $.a');
SELECT jsonb_path_query('{"a": 1}', '1 + "x"');
SELECT jsonb_path_query('["a", 1]', '-$[*]');
SELECT jsonb_path_query('{"a": 1}', '$.b + 1');
-- Item methods.
SELECT jsonb_path_query('[1, "a", null, true, [1], {"x": 1}]', '$[*].type()');
SELECT jsonb_path_query('[1, "a", null, true, [1], {"x": 1}]', '$.type()');
SELECT jsonb_path_query('[1, [1, 2], {"x": 1}]', '$[*].size()');
SELECT jsonb_path_query('[1, [1, 2], {"x": 1}]', '$.size()');
SELECT jsonb_path_query('[-1.5, 2, -0.25]', '$[*].abs()');
SELECT jsonb_path_query('[-1.5, 2, 2.5]', '$[*].floor()');
SELECT jsonb_path_query('[-1.5, 2, 2.5]', '$[*].ceiling()');
SELECT jsonb_path_query('[-1.5, 2, 2.5]', '$.floor()');
SELECT jsonb_path_query('[1.5, "2.25", "1e2", "0.1234567890123456789"]', '$[*].double()');
SELECT jsonb_path_query('"abc"', '$.double()');
SELECT jsonb_path_query('"nan"', '$.double()');
SELECT jsonb_path_query('true', '$.double()');
SELECT jsonb_path_query('"x"', '$.abs()');
SELECT jsonb_path_query('{"a": 1, "b": [1, 2], "c": {"d": null}}', '$.keyvalue()');
SELECT jsonb_path_query('{"a": 1, "b": [1, 2], "c": {"d": null}}', '$.c.keyvalue()');
SELECT jsonb_path_query('{"a": 1, "b": 1.5, "c": {"d": {"e": 1}}}', '$.c.d.keyvalue()');
SELECT jsonb_path_query('[{"a": 1}, {"b": 2}]', '$[*].keyvalue()');
SELECT jsonb_path_query('{"a": 1}', '$.keyvalue().key');
SELECT jsonb_path_query('{"a": {"b": 1}}', '$.keyvalue().value.keyvalue()');
SELECT jsonb_path_query('{}', '$.keyvalue()');
SELECT jsonb_path_query('1', '$.keyvalue()');
SELECT jsonb_path_query('{"a": [1, 2, 3]}', '$.a.size() + $.a[0].abs()');
-- Variables.
SELECT jsonb_path_query('[1, 2, 3]', '$[*] ? (@ > $min)', '{"min": 1}');
SELECT jsonb_path_query('[1, 2, 3]', '$[*] ? (@ > $min && @ < $max)', '{"min": 1, "max": 3}');
SELECT jsonb_path_query('["ab", "cd"]', '$[*] ? (@ starts with $p)', '{"p": "c"}');
SELECT jsonb_path_query('{}', '$"var x"', '{"var x": [1, 2]}');
SELECT jsonb_path_query('{}', '$v.keyvalue()', '{"w": 1.5, "v": {"k": true}}');
SELECT jsonb_path_query('{}', '$v', '{"w": 1}');
SELECT jsonb_path_query('{}', '$v', '[1]');
SELECT jsonb_path_query('{}', '$', '1');
-- Named notation and silent.
SELECT jsonb_path_query('{"a": 1}', 'strict $.b', silent => true);
SELECT jsonb_path_query('{"a": 1}', 'strict $.b', '{}', true);
SELECT jsonb_path_query('[1, "a"]', '$[*] + 1', silent => true);
SELECT jsonb_path_query(target => '[1, 2]', path => '$[*] ? (@ > $x)', vars => '{"x": 1}');
SELECT jsonb_path_query('{}', '$x', silent => true);
SELECT jsonb_path_query('{"a": 7}', '$.a / 0', silent => true);
-- Silent keeps the items found before the error.
SELECT jsonb_path_query('[{"a": 1}, 2, {"a": 3}]', 'strict $[*].a', silent => true);
SELECT jsonb_path_query_array('[{"a": 1}, 2, {"a": 3}]', 'strict $[*].a', silent => true);
-- Strings and keys: escapes, surrogate pairs, non-ASCII, quoted keys.
SELECT jsonb_path_query('{"ключ": "значение"}', '$.ключ');
SELECT jsonb_path_query('{"a\"b": 1}', '$."a\"b"');
SELECT jsonb_path_query('{"a b": 1}', '$.a\ b');
SELECT jsonb_path_query('{"a": 1}', '$.\u0061');
SELECT jsonb_path_query('["а", "б", "a"]', '$[*] ? (@ > "a")');
SELECT jsonb_path_query('["😀", "a"]', '$[*] ? (@ == "\ud83d\ude00")');
SELECT jsonb_path_query('{}', '"\u{1F600}\xe9\b\f\n\r\t\v\"\\\/"');
SELECT jsonb_path_query('{}', '"\uD83D\uD83D"');
SELECT jsonb_path_query('{}', '"\u{1F600"');
SELECT jsonb_path_query('{}', '"a\');
-- The other functions.
SELECT jsonb_path_query_array('[1, 2, 3, 4]', '$[*] ? (@ > 2)');
SELECT jsonb_path_query_array('[1, 2, 3, 4]', '$[*] ? (@ > 5)');
SELECT jsonb_path_query_array('{"a": 1}', 'strict $.b');
SELECT jsonb_path_query_array('{"a": 1}', 'strict $.b', silent => true);
SELECT jsonb_path_query_array('[1, 2]', '$[*] ? (@ >= $x)', '{"x": 2}');
SELECT jsonb_path_query_first('[1, 2, 3, 4]', '$[*] ? (@ > 2)');
SELECT jsonb_path_query_first('[1, 2, 3, 4]', '$[*] ? (@ > 5)');
SELECT jsonb_path_query_first('{"a": 1}', 'strict $.b');
SELECT jsonb_path_query_first('{"a": 1}', 'strict $.b', '{}', true);
SELECT jsonb_path_exists('{"a": 1}', '$.a');
SELECT jsonb_path_exists('{"a": 1}', '$.b');
SELECT jsonb_path_exists('{"a": 1}', 'strict $.b');
SELECT jsonb_path_exists('{"a": 1}', 'strict $.b', silent => true);
SELECT jsonb_path_exists('[1, 2, 3]', '$[*] ? (@ == $v)', '{"v": 3}');
SELECT jsonb_path_exists('[1, 2]', 'lax $[*] ? (@ > 0)');
SELECT jsonb_path_exists('[1, "a"]', 'strict $[*] + 1');
SELECT jsonb_path_exists('[1, "a"]', 'strict $[*] + 1', silent => true);
SELECT jsonb_path_match('{"a": 1}', '$.a == 1');
SELECT jsonb_path_match('{"a": 1}', '$.a == 2');
SELECT jsonb_path_match('{"a": 1}', '$.a == "x"');
SELECT jsonb_path_match('{"a": true}', '$.a');
SELECT jsonb_path_match('{"a": null}', '$.a');
SELECT jsonb_path_match('{"a": 1}', '$.a');
SELECT jsonb_path_match('{"a": 1}', '$.a', silent => true);
SELECT jsonb_path_match('[true, true]', '$[*]');
SELECT jsonb_path_match('{"a": 1}', '$.a > $x', '{"x": 0}');
SELECT jsonb_path_match('{"a": 1}', 'strict $.b == 1');
SELECT jsonb_path_match('{"a": 1}', 'exists($.a)');
-- The operators: silent, no variables.
SELECT '{"a": 1}'::jsonb @? '$.a';
SELECT '{"a": 1}'::jsonb @? '$.b';
SELECT '{"a": 1}'::jsonb @? 'strict $.b';
SELECT '[1, 2, 3]'::jsonb @? '$[*] ? (@ > 2)';
SELECT '{"a": 1}'::jsonb @? '$x';
SELECT '{"a": 1}'::jsonb @@ '$.a == 1';
SELECT '{"a": 1}'::jsonb @@ '$.a == 2';
SELECT '{"a": 1}'::jsonb @@ '$.a';
SELECT '{"a": 1}'::jsonb @@ 'strict $.b == 1';
SELECT '{"a": 7}'::jsonb @@ '$.a / 0 == 1';
SELECT '{"a": 1}' @? '$.a';
-- NULL inputs give NULL (no rows for jsonb_path_query).
SELECT jsonb_path_query(NULL, '$');
SELECT jsonb_path_query('{}', NULL);
SELECT jsonb_path_query('{}', '$', NULL);
SELECT jsonb_path_query_array('{}', '$', silent => NULL);
SELECT jsonb_path_query_first(NULL, '$') IS NULL;
SELECT jsonb_path_exists(NULL, '$') IS NULL;
SELECT jsonb_path_match('true', NULL) IS NULL;
SELECT NULL::jsonb @? '$' IS NULL, NULL::jsonb @@ '$' IS NULL;
-- Over a table: in the target list, in FROM, in WHERE, a path from a column.
SELECT id, jsonb_path_query(doc, '$.b[*]') FROM jp ORDER BY id;
SELECT id, jsonb_path_query_array(doc, 'lax $.c.d') FROM jp ORDER BY id;
SELECT id, doc @? '$.c.e' AS has_e, doc @@ '$.a > 1' AS big FROM jp ORDER BY id;
SELECT id, v FROM jp, jsonb_path_query(jp.doc, '$.b[*] ? (@ >= 2)') AS v ORDER BY id, v;
SELECT * FROM jsonb_path_query('[1, [2, 3]]', '$[*]');
SELECT * FROM jsonb_path_query('[1, [2, 3]]', '$[*]') WITH ORDINALITY AS t(v, n);
SELECT id FROM jp WHERE jsonb_path_exists(doc, '$.b[*] ? (@ == 3)') ORDER BY id;
SELECT id FROM jp WHERE doc @? '$[*] ? (@ == "two")' ORDER BY id;
SELECT count(*) FROM jp WHERE doc @@ '$.a >= 1';
PREPARE jp_q(jsonb) AS SELECT jsonb_path_query_array($1, '$[*] ? (@ > 1)');
EXECUTE jp_q('[1, 2, 3]');
DEALLOCATE jp_q;
-- Syntax errors, raised when the query is bound.
SELECT jsonb_path_query('{}', '$.a ? (@ > 1');
SELECT jsonb_path_query('{}', '$.a.');
SELECT jsonb_path_query('{}', '$ $');
SELECT jsonb_path_query('{}', '$.a == == 1');
SELECT jsonb_path_query('{}', '$ ? (1 == 1 == 1)');
SELECT jsonb_path_query('{}', '$.a b');
SELECT jsonb_path_query('{}', '$[1 2]');
SELECT jsonb_path_query('{}', '$.**{1 to}');
SELECT jsonb_path_query('{}', '$.abs(1)');
SELECT jsonb_path_query('{}', '$.foo()');
SELECT jsonb_path_query('{}', '$ ? (@ == "a" "b")');
SELECT jsonb_path_query('{}', '$ ? (@.a)');
SELECT jsonb_path_query('{}', '$ ? (@ == 1) + 1');
SELECT jsonb_path_query('{}', '1a');
SELECT jsonb_path_query('{}', '1.a');
SELECT jsonb_path_query('{}', '00');
SELECT jsonb_path_query('{}', '1.5e+');
SELECT jsonb_path_query('{}', '$."a');
SELECT jsonb_path_query('{}', '$ /* x');
SELECT jsonb_path_query('{}', '$ ? (@ == "\x4")');
SELECT jsonb_path_query('{}', '$ ? (@ == "\u004")');
SELECT jsonb_path_query('{}', '$ ? (@ == "\x00")');
SELECT jsonb_path_query('{}', '$ ? (@ == "\ud83d")');
SELECT jsonb_path_query('{}', '$ ? (@ like_regex "(")');
SELECT jsonb_path_query('{}', '$ ? (@ like_regex "a" flag "z")');
SELECT jsonb_path_query('{}', '@.a');
SELECT jsonb_path_query('{}', 'last');
SELECT jsonb_path_query('{}', '');
SELECT jsonb_path_query('{}', 'strict');
SELECT jsonb_path_query('{}', '$.**{99999999999}');
SELECT '{}'::jsonb @? '$ ?';
SELECT jsonb_path_exists('{}', 1);
SELECT jsonb_path_match('{}', '$', 1);
SELECT * FROM jsonb_path_query('{}', '$', 1);
SELECT jsonb_path_query('{}');
-- SQLSTATEs.
\set VERBOSITY sqlstate
SELECT jsonb_path_query('{}', '$.a ? (@ > 1');
SELECT jsonb_path_query('{}', '');
SELECT jsonb_path_query('{}', '$ ? (@ like_regex "(")');
SELECT jsonb_path_query('{}', '$ ? (@ == "\x00")');
SELECT jsonb_path_query('{"a": 1}', 'strict $.b');
SELECT jsonb_path_query('[1]', 'strict $.b');
SELECT jsonb_path_query('[1]', 'strict $[5]');
SELECT jsonb_path_query('1', 'strict $[*]');
SELECT jsonb_path_query('1', 'strict $.*');
SELECT jsonb_path_query('1', '$.keyvalue()');
SELECT jsonb_path_query('[1, 2]', '$ + 1');
SELECT jsonb_path_query('"a"', '-$');
SELECT jsonb_path_query('"a"', '$.abs()');
SELECT jsonb_path_query('1', '$ / 0');
SELECT jsonb_path_query('1', '$x');
SELECT jsonb_path_query('1', '$', '[]');
SELECT jsonb_path_match('1', '$');
SELECT jsonb_path_query('1', '$[$.a]');
SELECT jsonb_path_query('1', '$.datetime()');
\set VERBOSITY default
DROP TABLE jp;
