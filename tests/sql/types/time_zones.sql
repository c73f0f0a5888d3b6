-- TimeZone: IANA zones (Europe/Berlin, America/New_York, Australia/Sydney),
-- DST gaps and overlaps, fixed offsets and POSIX rules; timestamptz input,
-- output, casts, arithmetic, extract, date_trunc, to_char, AT TIME ZONE,
-- generate_series and make_timestamptz under each.
SHOW TimeZone;
SET TimeZone = 'europe/berlin';
SHOW TimeZone;
CREATE TABLE tz (id int PRIMARY KEY, t timestamptz);
INSERT INTO tz VALUES (1, '2024-01-15 12:00'), (2, '2024-07-15 12:00'), (3, '2024-03-31 02:30'),
  (4, '2024-10-27 02:30'), (5, '2024-10-27 01:30+00'), (6, '1800-01-01 00:00'),
  (7, '2024-07-15 12:00 America/New_York'), (8, '2024-07-15 12:00Z'), (9, 'infinity'), (10, NULL);
SELECT id, t, t::timestamp AS wall, t::date AS d, t::time AS tm FROM tz ORDER BY id;
SELECT id, extract(hour FROM t) AS h, extract(timezone FROM t) AS z, extract(timezone_hour FROM t) AS zh,
       extract(epoch FROM t) AS epoch, date_part('day', t) AS day FROM tz WHERE id <= 8 ORDER BY id;
SELECT id, date_trunc('day', t) AS day, date_trunc('month', t) AS month, date_trunc('hour', t) AS hour
FROM tz WHERE id <= 8 ORDER BY id;
SELECT id, to_char(t, 'YYYY-MM-DD HH24:MI:SS TZ tz TZH:TZM OF') FROM tz WHERE id <= 8 ORDER BY id;
-- a day across the spring and autumn changes is 23 and 25 hours
SELECT timestamptz '2024-03-30 12:00' + interval '1 day' AS spring,
       timestamptz '2024-03-30 12:00' + interval '24 hours' AS spring_hours,
       timestamptz '2024-10-26 12:00' + interval '1 day' AS autumn,
       timestamptz '2024-10-27 12:00' - timestamptz '2024-10-26 12:00' AS autumn_span,
       timestamptz '2024-01-31 12:00' + interval '1 month' AS month_end;
SELECT * FROM generate_series(timestamptz '2024-03-30 00:00', timestamptz '2024-04-01 00:00', interval '12 hours');
SELECT '2024-07-01 12:00'::timestamp AT TIME ZONE 'America/New_York' AS ny_wall,
       timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'Asia/Kolkata' AS kolkata,
       timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'UTC' AS utc,
       timezone('Australia/Sydney', timestamptz '2024-07-01 12:00+00') AS sydney;
SELECT make_timestamptz(2024, 7, 1, 12, 0, 0) AS local, make_timestamptz(2024, 7, 1, 12, 0, 0, 'America/New_York') AS ny;
SELECT '2024-07-01'::date::timestamptz AS midnight, timestamp '2024-07-01 12:00'::timestamptz AS wall_to_tz;
SELECT age(timestamptz '2024-04-01 00:00', timestamptz '2024-03-01 00:00');
SET TimeZone = 'America/New_York';
SELECT id, t FROM tz ORDER BY id;
SELECT timestamptz '2024-03-10 02:30' AS gap, timestamptz '2024-11-03 01:30' AS overlap,
       1 AS one;
SET TIME ZONE 'Australia/Sydney';
SELECT id, t FROM tz WHERE id < 6 ORDER BY id;
SET TIME ZONE -5;
SHOW TimeZone;
SELECT t FROM tz WHERE id = 2;
SET TIME ZONE '5.5';
SHOW TimeZone;
SELECT t FROM tz WHERE id = 2;
SET TimeZone = 'UTC+3';
SHOW TimeZone;
SELECT t, extract(timezone FROM t) FROM tz WHERE id = 2;
SET TimeZone = 'Foo/Bar';
SELECT '2024-01-01 12:00 Foo/Bar'::timestamptz;
SELECT timestamptz '2024-01-01 12:00' AT TIME ZONE 'Mars/Base';
BEGIN;
SET LOCAL TimeZone = 'Asia/Tokyo';
SELECT t FROM tz WHERE id = 1;
COMMIT;
SELECT t FROM tz WHERE id = 1;
RESET TimeZone;
SHOW TimeZone;
SELECT t FROM tz WHERE id = 1;
-- Zone abbreviations (PostgreSQL's Default set): fixed offsets in input,
-- ignored by timestamp without time zone, in AT TIME ZONE and timetz.
SELECT '2024-07-01 12:00 PDT'::timestamptz, '2024-01-01 12:00 pst'::timestamptz,
       '2024-07-01 12:00 CEST'::timestamptz, '2024-01-15 08:30:00 EST'::timestamptz;
SELECT timestamp '2024-01-01 12:00 PST' AS ignored, '12:00 PST'::timetz, '12:00 IST'::timetz;
SELECT timestamp '2024-01-01 12:00' AT TIME ZONE 'PST' AS from_pst,
       timestamptz '2024-01-01 12:00+00' AT TIME ZONE 'CEST' AS in_cest,
       timestamptz '2024-01-01 12:00+00' AT TIME ZONE 'zulu' AS in_zulu;
SELECT '2024-07-01 12:00 XYZT'::timestamptz;
SELECT timestamp '2024-01-01 12:00' AT TIME ZONE 'XYZT';
SET TimeZone = 'PST';
DROP TABLE tz;
