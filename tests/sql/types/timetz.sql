-- time with time zone: input forms, output, typmods, ordering by the
-- UTC-equivalent time then the zone, casts, AT TIME ZONE, extract, storage.
SET TIME ZONE 'UTC';
SELECT '04:05:06+02'::timetz, '04:05:06.789-05:30'::timetz, '04:05:06 +0530'::timetz, '23:59:59.999999+15:59:59'::timetz;
SELECT '04:05'::timetz, '4:05:06 PM -08'::timetz, '12:00 am +01'::timetz, '24:00:00+00'::timetz, 'allballs'::timetz;
SELECT '04:05:06Z'::timetz, '04:05:06 UTC'::timetz, '04:05:06 gmt'::timetz, '04:05:06-00'::timetz;
SELECT '2024-07-01 04:05:06 Europe/Berlin'::timetz, '2024-01-01 04:05:06 Europe/Berlin'::timetz, '04:05:06 Asia/Kolkata'::timetz;
SELECT '2024-07-01 04:05:06 America/New_York'::timetz, '2024-01-01 04:05:06 America/New_York'::timetz, '2024-03-10 12:00 America/New_York'::timetz;
SELECT time with time zone '10:00:00.123456+01', '10:00:00.5+01'::time with time zone;
SELECT '10:00:00.123456+01'::timetz(0), '10:00:00.123456+01'::timetz(3), '10:00:00.999999+01'::timetz(2), '23:59:59.9+01'::timetz(0);
SET TIME ZONE '+05';
SELECT '04:05:06'::timetz;
SET TIME ZONE 'Asia/Kolkata';
SELECT '04:05:06'::timetz, '04:05:06'::time::timetz;
SET TIME ZONE 'UTC';
-- errors
SELECT '25:00:00+00'::timetz;
SELECT '10:00:00+16'::timetz;
SELECT '10:00:00+15:60'::timetz;
SELECT 'nonsense'::timetz;
SELECT '10:00:00 Mars/Olympus'::timetz;
SELECT '10:61:00+01'::timetz;
SELECT '10:00:00+'::timetz;
-- comparison and ordering
SELECT '10:00+02'::timetz = '08:00+00'::timetz, '10:00+02'::timetz < '08:00+00'::timetz, '10:00+02'::timetz > '08:00+00'::timetz;
SELECT '10:00+02'::timetz = '10:00+02'::timetz, '10:00+02'::timetz <> '09:00+01'::timetz, '23:00-03'::timetz > '01:00+00'::timetz;
CREATE TABLE tz (id int, t timetz);
INSERT INTO tz VALUES (1, '10:00+02'), (2, '08:00+00'), (3, '09:00+01'), (4, '07:00-01'), (5, '23:30-05'),
  (6, '00:00+00'), (7, '24:00:00+00'), (8, '12:00:00.5+05:30'), (9, NULL), (10, '08:00+00');
SELECT id, t FROM tz ORDER BY t, id;
SELECT id, t FROM tz ORDER BY t DESC, id;
SELECT t, count(*) FROM tz GROUP BY t ORDER BY t;
SELECT DISTINCT t FROM tz ORDER BY t;
SELECT min(t), max(t) FROM tz;
SELECT id FROM tz WHERE t = '09:00:00+01' ORDER BY id;
SELECT id FROM tz WHERE t > '08:00+00' ORDER BY id;
SELECT id FROM tz WHERE t IN ('08:00+00', '10:00+02') ORDER BY id;
CREATE INDEX tz_t ON tz (t);
SELECT id FROM tz WHERE t = '08:00:00+00' ORDER BY id;
SELECT id, t FROM tz WHERE t BETWEEN '07:00+00' AND '09:00+00' ORDER BY t, id;
CREATE TABLE tzk (t timetz PRIMARY KEY, note text);
INSERT INTO tzk VALUES ('10:00+02', 'a'), ('08:00+00', 'b'), ('09:00+01', 'c');
INSERT INTO tzk VALUES ('10:00+02', 'dup');
SELECT * FROM tzk ORDER BY t;
SELECT * FROM tzk WHERE t = '08:00+00';
UPDATE tzk SET t = t + interval '1 hour' WHERE note = 'a';
SELECT * FROM tzk ORDER BY t;
CREATE TABLE tzp (t timetz(2));
INSERT INTO tzp VALUES ('01:02:03.456789+01'), ('01:02:03.455+01');
SELECT t FROM tzp ORDER BY t;
SELECT pg_typeof(t), format_type(atttypid, atttypmod) FROM tzp, pg_attribute WHERE attrelid = 'tzp'::regclass AND attname = 't' LIMIT 1;
-- casts
SELECT '10:00:00+02'::timetz::time, '10:00:00'::time::timetz, '2024-07-01 10:00:00+02'::timestamptz::timetz;
SET TIME ZONE 'Europe/Berlin';
SELECT '2024-07-01 10:00:00+00'::timestamptz::timetz, '2024-01-01 10:00:00+00'::timestamptz::timetz;
SELECT 'infinity'::timestamptz::timetz IS NULL;
SET TIME ZONE 'UTC';
SELECT '10:00:00+02'::timetz::text, CAST('10:00:00+02'::timetz AS varchar), '10:00+02'::text::timetz;
SELECT '10:00+02'::timetz::interval;
SELECT '10:00+02'::timetz::timestamptz;
-- arithmetic
SELECT '10:00+02'::timetz + interval '3 hours', '10:00+02'::timetz - interval '11 hours', interval '90 minutes' + '23:00-05'::timetz;
SELECT '10:00+02'::timetz + '1 day 02:00';
SELECT '10:00+02'::timetz - '10:00+02'::timetz;
-- AT TIME ZONE
SELECT '10:00+02'::timetz AT TIME ZONE 'UTC', '10:00+02'::timetz AT TIME ZONE 'Asia/Kolkata', '23:00+00'::timetz AT TIME ZONE 'Asia/Tokyo';
SELECT '10:00:00'::time AT TIME ZONE 'Asia/Kolkata';
SELECT '10:00+02'::timetz AT TIME ZONE 'Mars/Olympus';
-- extract and date_part
SELECT extract(hour FROM '10:20:30.5+05:30'::timetz), extract(minute FROM '10:20:30.5+05:30'::timetz), extract(second FROM '10:20:30.5+05:30'::timetz);
SELECT extract(timezone FROM '10:20:30.5+05:30'::timetz), extract(timezone_hour FROM '10:20:30.5-05:30'::timetz), extract(timezone_minute FROM '10:20:30.5-05:30'::timetz);
SELECT extract(epoch FROM '10:20:30.5+05:30'::timetz), extract(milliseconds FROM '10:20:30.5+05:30'::timetz), extract(microseconds FROM '10:20:30.5+05:30'::timetz);
SELECT date_part('hour', '10:20:30+02'::timetz), date_part('epoch', '10:20:30+02'::timetz), date_part('timezone', '10:20:30-02'::timetz);
SELECT extract(day FROM '10:20:30+02'::timetz);
-- current_time is a timetz in the session's zone; localtime a time
SELECT pg_typeof(current_time), pg_typeof(localtime), current_time::time = localtime;
SET TIME ZONE 'Asia/Kolkata';
SELECT extract(timezone FROM current_time);
SET TIME ZONE 'UTC';
-- the catalog
SELECT oid, typname, typlen, typbyval, typcategory, typarray, typinput, typoutput, typreceive, typsend, typalign FROM pg_type WHERE oid IN (1266, 1270) ORDER BY oid;
SELECT pg_typeof('10:00+02'::timetz), format_type(1266, -1), format_type(1266, 3);
DROP TABLE tz;
DROP TABLE tzk;
DROP TABLE tzp;
-- date + timetz is the instant of that time on that date
SET TimeZone = 'Europe/Berlin';
SELECT date '2024-01-01' + timetz '10:00+02', timetz '23:30-05' + date '2024-07-01',
       date 'infinity' + timetz '10:00+02', pg_typeof(date '2024-01-01' + timetz '10:00');
SELECT date '2024-01-01' - timetz '10:00';
RESET TimeZone;
