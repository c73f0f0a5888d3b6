-- Date and time literals of views, materialized views, defaults, CHECKs and
-- index predicates keep the value read under the DateStyle, IntervalStyle
-- and TimeZone in force when they were made, as PostgreSQL stores them.
SET datestyle = 'SQL, DMY';
SET intervalstyle = 'sql_standard';
CREATE TABLE ds_t (id int, d date DEFAULT '01/02/2024', ts timestamp DEFAULT timestamp '03/04/2024 10:00',
  iv interval DEFAULT '-1 2:00:00', CHECK (d > '31/12/1999'), CHECK (ts <> '05/06/2024 00:00'::timestamp));
CREATE VIEW ds_v AS SELECT id, d = '01/02/2024' AS feb1, date '03/04/2024' AS apr3, '{01/02/2024,03/04/2024}'::date[] AS arr, '-1 2:00:00'::interval AS iv FROM ds_t WHERE d < '01/01/2100';
CREATE MATERIALIZED VIEW ds_m AS SELECT '01/02/2024'::date AS d, interval '-1 2:00:00' AS iv;
CREATE INDEX ds_i ON ds_t (d) WHERE d > '01/01/2000';
INSERT INTO ds_t (id) VALUES (1);
SET datestyle = 'ISO, MDY';
SET intervalstyle = 'postgres';
INSERT INTO ds_t (id) VALUES (2);
SELECT * FROM ds_t ORDER BY id;
SELECT * FROM ds_v ORDER BY id;
SELECT * FROM ds_m;
REFRESH MATERIALIZED VIEW ds_m;
SELECT * FROM ds_m;
SELECT pg_get_viewdef('ds_v');
SELECT pg_get_viewdef('ds_m');
SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'ds_t'::regclass ORDER BY adnum;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'ds_t'::regclass ORDER BY conname;
SELECT pg_get_indexdef('ds_i'::regclass);
INSERT INTO ds_t VALUES (3, '2000-01-01', '2024-06-05 00:00');
INSERT INTO ds_t VALUES (3, '2000-01-01', '2024-05-06 00:00');
SET datestyle = 'German';
SELECT * FROM ds_v ORDER BY id;
SELECT pg_get_viewdef('ds_v');
SET datestyle = 'Postgres, DMY';
SET TimeZone = 'Europe/Berlin';
CREATE TABLE ds2 (id int);
INSERT INTO ds2 VALUES (1);
ALTER TABLE ds2 ADD COLUMN tz timestamptz DEFAULT '01/07/2024 12:00';
ALTER TABLE ds2 ADD COLUMN t2 time DEFAULT '1:02:03 pm', ALTER COLUMN id SET DEFAULT 7;
ALTER TABLE ds2 ALTER COLUMN tz SET DEFAULT '02/07/2024 12:00 America/New_York';
CREATE VIEW ds2_inner AS SELECT id, '05/06/2024'::date AS d FROM ds2;
CREATE VIEW ds2_outer AS WITH w AS (SELECT '07/08/2024'::date AS wd) SELECT i.d, w.wd, (SELECT '09/10/2024'::date) AS sd,
  E'10/11/2024'::date AS ed, '11/'
  '12/2024'::date AS cont, timestamp(0) with time zone '12/01/2024 10:00:00.5' AS tsz
  FROM ds2_inner i, w WHERE i.d IN ('05/06/2024', '06/06/2024');
CREATE VIEW ds2_names AS SELECT 'ab' AS s, date 'tomorrow' - date 'today' AS one, '01/02/2024' AS untyped;
INSERT INTO ds2 (t2) VALUES (DEFAULT);
SET datestyle = 'ISO, MDY';
SET TimeZone = 'UTC';
INSERT INTO ds2 (t2) VALUES (DEFAULT);
SELECT * FROM ds2 ORDER BY id, tz;
SELECT * FROM ds2_outer;
SELECT * FROM ds2_names;
SELECT pg_get_viewdef('ds2_outer');
SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'ds2'::regclass ORDER BY adnum;
