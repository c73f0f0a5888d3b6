-- bytea: hex and escape input and output, bytea_output, comparison,
-- storage (primary key, indexes), ORDER BY, GROUP BY, joins, casts, the
-- functions and operators over bytea, errors.

-- Hex input: either case of digits, blanks between pairs; escape input.
SELECT '\x0102ff'::bytea, '\xDEADbeef'::bytea, '\x'::bytea, ''::bytea;
SELECT '\x 01 02	0a
0b'::bytea;
SELECT 'abc'::bytea, 'a\\b'::bytea, 'a\000b\377'::bytea, '\101\102'::bytea, 'é'::bytea;
SELECT bytea 'x', bytea '\x78';

-- Invalid input.
SELECT '\x0g'::bytea;
SELECT '\x123'::bytea;
SELECT '\x1 2'::bytea;
SELECT '\xé0'::bytea;
SELECT 'abc\'::bytea;
SELECT 'a\8bc'::bytea;
SELECT 'a\400'::bytea;
SELECT 'a\12'::bytea;
SELECT '\X01'::bytea;

-- Output formats.
SET bytea_output = 'escape';
SELECT '\x00015c7f80ff410a20'::bytea;
SELECT 'abc'::bytea, ''::bytea;
SHOW bytea_output;
SET bytea_output = 'ESCAPE';
SHOW bytea_output;
SET bytea_output = 'base64';
RESET bytea_output;
SHOW bytea_output;
SELECT '\x00015c7f80ff410a20'::bytea;

-- Comparison: bytes as unsigned, then the shorter first.
SELECT '\x01'::bytea < '\x0100'::bytea AS prefix,
       '\x80'::bytea > '\x7fff'::bytea AS unsigned,
       ''::bytea < '\x00'::bytea AS empty,
       'abc'::bytea = '\x616263' AS eq,
       'abc'::bytea <> 'abd' AS ne,
       '\xff'::bytea >= '\xff' AS ge,
       '\x02'::bytea <= '\x01ff' AS le;

-- Casts: text <-> bytea by the I/O functions (explicit), to text by
-- assignment.
SELECT '\x6869'::bytea::text, 'hi'::text::bytea, '\x6869'::text::bytea;
SELECT 'a\000'::text::bytea;
SELECT CAST('\x41'::bytea AS varchar(3));
SELECT '\x41'::bytea = 'A'::text;
SELECT 1::bytea;
SELECT '\x41'::bytea::int;
SELECT pg_typeof('\x41'::bytea);

-- Concatenation.
SELECT '\x01'::bytea || '\x0203'::bytea, '\x01'::bytea || 'ab', 'ab' || '\x01'::bytea;
SELECT 'text'::text || '\x01'::bytea, '\x01'::bytea || 'text'::text;
SELECT '\x01'::bytea || NULL::bytea;

-- Functions.
SELECT length('\x010203'::bytea), octet_length('\x010203'::bytea), bit_length('\x010203'::bytea),
       length('é'::bytea), length('é'::text);
SELECT substr('\x0102030405'::bytea, 2), substr('\x0102030405'::bytea, 2, 2),
       substr('\x0102030405'::bytea, 0, 3), substr('\x0102030405'::bytea, -1),
       substr('\x0102030405'::bytea, 9), substring('\x0102030405'::bytea FROM 3),
       substring('\x0102030405'::bytea FROM 2 FOR 3), substring('\x0102030405'::bytea, 4, 100);
SELECT substr('\x01'::bytea, 1, -1);
SELECT position('\x0304'::bytea IN '\x0102030405'::bytea), position('\x09'::bytea IN '\x0102'::bytea),
       position(''::bytea IN '\x0102'::bytea), position('\x02'::bytea IN '\x0102'::bytea);
SELECT get_byte('\x0180ff'::bytea, 0), get_byte('\x0180ff'::bytea, 1), get_byte('\x0180ff'::bytea, 2);
SELECT get_byte('\x0180ff'::bytea, 3);
SELECT get_byte(''::bytea, 0);
SELECT get_byte('\x01'::bytea, -1);
SELECT set_byte('\x000000'::bytea, 1, 255), set_byte('\x00'::bytea, 0, 257), set_byte('\x00'::bytea, 0, -1);
SELECT set_byte('\x00'::bytea, 1, 1);
SELECT get_bit('\x0180'::bytea, 0), get_bit('\x0180'::bytea, 1), get_bit('\x0180'::bytea, 15),
       set_bit('\x0000'::bytea, 9, 1), set_bit('\xffff'::bytea, 0, 0);
SELECT get_bit('\x01'::bytea, 8);
SELECT set_bit('\x01'::bytea, 0, 2);
SELECT btrim('\x0000010203000000'::bytea, '\x00'::bytea), ltrim('\x00000100'::bytea, '\x00'::bytea),
       rtrim('\x00000100'::bytea, '\x00'::bytea), btrim('\x01020301'::bytea, '\x0103'::bytea),
       trim(BOTH '\x00'::bytea FROM '\x000100'::bytea), btrim('\x0000'::bytea, '\x00'::bytea);

SELECT length('\xe282ac41'::bytea, 'UTF8'), length('\xe282ac41'::bytea, 'latin1');
SELECT length('\xff'::bytea, 'UTF8');
SELECT length('\x41'::bytea, 'foo');

-- LIKE over bytes: `_` is one byte.
SELECT 'a\001b'::bytea LIKE 'a_b', 'a\342\202\254b'::bytea LIKE 'a_b',
       'a\342\202\254b'::bytea LIKE 'a___b', 'ab'::bytea LIKE 'a%', 'ab'::bytea NOT LIKE '%c',
       'a%'::bytea LIKE 'a\\%', '\x01'::bytea ~~ '\x01', '\x01'::bytea !~~ '\x01';
SELECT 'a'::bytea ILIKE 'a';
SELECT 'a%'::bytea LIKE 'a#%' ESCAPE '#';
SELECT 'a'::bytea LIKE 'a'::text;

-- encode / decode.
SELECT encode('\x0001ff7f5c41'::bytea, 'hex'), encode('\x0001ff7f5c41'::bytea, 'HEX'),
       encode('\x0001ff7f5c41'::bytea, 'escape'), encode('\x0001ff7f5c41'::bytea, 'base64');
SELECT encode(''::bytea, 'base64'), encode('a'::bytea, 'base64'), encode('ab'::bytea, 'base64'),
       encode('abc'::bytea, 'base64');
SELECT encode(convert_to(repeat('x', 57), 'UTF8'), 'base64');
SELECT encode(convert_to(repeat('xyz', 40), 'UTF8'), 'base64');
SELECT decode('0001FF7f', 'hex'), decode('00 01 ff', 'hex'), decode('', 'hex');
SELECT decode('AAH/f1xB', 'base64'), decode('YQ==', 'base64'), decode('YWI=', 'base64'),
       decode('YW Jj
ZA==', 'base64');
SELECT decode('a\000b\\c\101', 'escape'), decode('plain', 'escape');
SELECT decode(encode('\x00ff5c0a'::bytea, 'escape'), 'escape') = '\x00ff5c0a'::bytea AS round_trip;
SELECT decode(encode(sha512('abc'), 'base64'), 'base64') = sha512('abc') AS round_trip;
SELECT decode('0g', 'hex');
SELECT decode('abc', 'hex');
SELECT decode('a', 'base64');
SELECT decode('a%==', 'base64');
SELECT decode('a===', 'base64');
SELECT decode('a\', 'escape');
SELECT encode('a'::bytea, 'foo');
SELECT decode('a', 'foo');
SELECT encode('a', 'hex');

-- Digests.
SELECT md5('abc'::bytea), md5(''::bytea), md5('abc');
SELECT sha224('abc'::bytea), sha256('abc'::bytea);
SELECT sha384('abc'), sha512(''::bytea);
SELECT pg_typeof(sha256('a')), pg_typeof(md5('a'::bytea));

-- convert_to / convert_from.
SELECT convert_to('héllo €', 'UTF8'), convert_to('a', 'utf-8'), convert_to('a', 'Unicode');
SELECT convert_from('\x68c3a96c6c6f20e282ac'::bytea, 'UTF8');
SELECT convert_to('héllo', 'LATIN1'), convert_from('\x68e96c6c6f'::bytea, 'latin1');
SELECT convert_from('\xff'::bytea, 'UTF8');
SELECT convert_from('\x61c328'::bytea, 'UTF8');
SELECT convert_from('\x6100'::bytea, 'UTF8');
SELECT convert_to('€', 'LATIN1');
SELECT convert('\xe9'::bytea, 'LATIN1', 'UTF8'), convert('\xc3a9'::bytea, 'utf8', 'latin1'),
       convert('ab'::bytea, 'UTF8', 'UTF8');
SELECT convert('\xff'::bytea, 'UTF8', 'LATIN1');
SELECT convert('a'::bytea, 'foo', 'bar');
SELECT convert('a'::bytea, 'UTF8', 'bar');
SELECT convert('\xe282ac'::bytea, 'UTF8', 'LATIN1');
SELECT convert_from('\x6100'::bytea, 'LATIN1');
SELECT convert_to('a', 'foo');
SELECT convert_from('a', 'foo');

-- A table keyed by bytea.
CREATE TABLE bytea_items (k bytea PRIMARY KEY, v bytea, label text);
INSERT INTO bytea_items VALUES
  ('\x01', '\x00', 'one'),
  ('\x0100', '\x00', 'one-zero'),
  ('\x00', NULL, 'zero'),
  ('', '\xff', 'empty'),
  ('\xff', '\x00', 'ff'),
  ('\x7f', '\xff', '7f'),
  ('\x80', NULL, '80'),
  ('\x0001', '\x0000', 'zero-one');
SELECT * FROM bytea_items ORDER BY k;
SELECT k, label FROM bytea_items ORDER BY k DESC;
SELECT label FROM bytea_items WHERE k = '\x0100';
SELECT label FROM bytea_items WHERE k > '\x01' ORDER BY k;
SELECT label FROM bytea_items WHERE k IN ('\x00', '\x80', '\x99') ORDER BY label;
INSERT INTO bytea_items VALUES ('\x01', NULL, 'dup');
INSERT INTO bytea_items VALUES ('\xzz', NULL, 'bad');
CREATE UNIQUE INDEX bytea_items_v ON bytea_items (v);
CREATE INDEX bytea_items_v ON bytea_items (v);
SELECT v, count(*), string_agg(label, ',' ORDER BY label) FROM bytea_items GROUP BY v ORDER BY v;
SELECT DISTINCT v FROM bytea_items ORDER BY v DESC NULLS LAST;
SELECT string_agg(k, '\x2c'::bytea ORDER BY k) FROM bytea_items;
SELECT string_agg(k, NULL ORDER BY k) FROM bytea_items WHERE k < '\x01';
SELECT a.label, b.label FROM bytea_items a JOIN bytea_items b ON a.v = b.k ORDER BY a.label;
SET enable_seqscan = off;
SELECT label FROM bytea_items WHERE v = '\xff' ORDER BY label;
RESET enable_seqscan;
UPDATE bytea_items SET v = v || k WHERE v IS NOT NULL;
SELECT k, v, length(v) FROM bytea_items ORDER BY k;
SELECT min(k) FROM bytea_items;
SELECT max(k) FROM bytea_items;

-- Large values round-trip.
CREATE TABLE bytea_large (id int PRIMARY KEY, b bytea);
INSERT INTO bytea_large SELECT g, decode(repeat(lpad(to_hex(g), 2, '0'), 1000 * g), 'hex') FROM generate_series(1, 5) g;
SELECT id, length(b), md5(b), get_byte(b, length(b) - 1) FROM bytea_large ORDER BY id;
DROP TABLE bytea_large;

DROP TABLE bytea_items;
