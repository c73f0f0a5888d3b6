-- syntax errors: messages and caret positions (LINE n: / ^)
SELEC 1;
SELECT 1 +;
SELECT (1;
SELECT 1);
SELECT 1 FROM;
SELECT * FROM t WHERE;
SELECT a b c FROM t;
CREATE TABLE (a int);
CREATE TABLE t (a int,);
CREATE TABLE t (a);
INSERT INTO t VALUES;
INSERT INTO t VALUES (1,);
INSERT t VALUES (1);
UPDATE t a = 1;
DELETE t;
SELECT 1 2;
SELECT 1 ORDER 1;
SELECT 1 LIMIT;
SELECT 1::;
SELECT CAST(1 AS);
SELECT CASE END;
SELECT CASE WHEN 1 END;
SELECT 1 BETWEEN 2;
SELECT 1 IN ();
SELECT @;
SELECT $1;
SELECT "";
SELECT 1 IS;
SELECT 1 NOT 2;
SELECT
  1,
  2 +
  ,3;
SELECT 1,
       nosuch_column,
       3;
SELECT 'a very long line that goes on and on and on and on and on and on and on and on' || nosuch_col_in_long_line;
SELECT 1; SELEC 2; SELECT 3;
  SELECT   1 + * 2;
SELECT 1 AS x, y FROM nosuch_table;
SELECT 'héllo', nosuch;
SELECT 1 + 'abc'::int;
SELECT 1 + 'é'::int;
SELECT 2147483647 + 1 AS boom;
SELECT 1 + nosuch(2);
SELECT 1 = ALL;
select 1 frm nothing;
-- last: an unterminated string swallows the rest of the file
SELECT 'unterminated;
