-- xid: input as PostgreSQL 15's strtoul, output unsigned; only = and <>
-- (with xid or int4), no ordering
SELECT '5'::xid, '4294967295'::xid, '0x10'::xid, '010'::xid, ' 7 '::xid;
SELECT '-1'::xid, 'abc'::xid, ''::xid, '12abc'::xid, '99999999999'::xid;
SELECT pg_typeof('5'::xid), '5'::xid::text, '5'::text::xid;
SELECT '5'::xid = '5'::xid, '5'::xid <> '6'::xid, '5'::xid = 5, '5'::xid <> 5, '5'::xid = '5';
SELECT '4294967295'::xid = -1, '1'::xid IN ('1'::xid, 2), '3'::xid IN (1, 2);
SELECT '5'::xid IS DISTINCT FROM '6'::xid, NULL::xid = '1'::xid;
SELECT '5'::xid < '6'::xid;
SELECT '5'::xid >= 5;
SELECT 5 = '5'::xid;
SELECT '5'::xid = 5::int8;
SELECT '5'::xid::int4;
SELECT 5::xid;
SELECT '5'::xid + 1;
CREATE TABLE xids (id int PRIMARY KEY, x xid);
INSERT INTO xids VALUES (1, '100'), (2, '4294967295'), (3, NULL);
SELECT * FROM xids ORDER BY id;
SELECT id FROM xids WHERE x = 100;
SELECT id FROM xids WHERE x <> '100' ORDER BY id;
SELECT x FROM xids ORDER BY x;
DROP TABLE xids;
CREATE TABLE xid_keys (x xid PRIMARY KEY);
