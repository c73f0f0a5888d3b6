-- Valid UTF-8 from every escape: E'' byte escapes checked after decoding,
-- \u / U&'' escapes with UTF-16 surrogate pairs, PostgreSQL's errors.
SELECT E'\xff\xfe';
SELECT E'a\xc3';
SELECT E'\xc3\xa9' AS ok;
SELECT U&'\00e9' AS u, U&'d\0061t\+000061' AS data;
SELECT U&'\d800';
SELECT E'\u00e9\U0001F600' AS esc;
SELECT E'\ud83d\ude00' AS pair;
SELECT E'\ud83d';
SELECT convert_from('\xff'::bytea, 'UTF8');
SELECT chr(55296);
SELECT E'\ude00' AS x;
SELECT E'ab\ud83dx' AS x;
SELECT E'\ud83d\u0041' AS x;
SELECT E'\ud83d\U0001F600' AS x;
SELECT E'\U0000d83d\ude00' AS x;
SELECT U&'\d83d\de00' AS x;
SELECT U&'ab\de00' AS x;
SELECT U&'ab\d83dxy' AS x;
SELECT U&'a\d83d\0041' AS x;
SELECT U&'\+00d83d\de00' AS x;
SELECT E'\xc3\xa9\xff' AS x;
SELECT E'\377' AS x;
SELECT 'x' || E'\xe2\x82' AS x;
SELECT E'\x00' AS x;
SELECT E'\u0000' AS x;
SELECT E'\u00e9' || E'\ud83d\udE00' || U&'\00E9' AS mixed;
SELECT U&"d\0061ta" FROM (SELECT 1 AS data) s;
SELECT E'\ud83d\n' AS x;
SELECT E'\ud83d'
'\ude00' AS x;
