-- DateStyle and IntervalStyle output: every style and order for date,
-- timestamp, timestamptz (the zone's abbreviation in SQL, German and
-- Postgres), BC years and infinities; time and timetz keep ISO.
CREATE TABLE styles (id int PRIMARY KEY, d date, ts timestamp, tstz timestamptz, t time, tz timetz);
INSERT INTO styles VALUES
  (1, '2024-01-02', '2024-01-02 03:04:05', '2024-01-02 03:04:05+00', '03:04:05', '03:04:05+02'),
  (2, '2024-07-15', '2024-07-15 13:14:15.25', '2024-07-15 13:14:15.25+00', '13:14:15.25', '13:14:15-05:30'),
  (3, '0044-03-15 BC', '0044-03-15 12:00 BC', '0044-03-15 12:00+00 BC', '00:00', '00:00+00'),
  (4, 'infinity', '-infinity', 'infinity', '24:00', '24:00-15:59');
SET TimeZone = 'Europe/Berlin';
SHOW DateStyle;
SELECT * FROM styles ORDER BY id;
SET DateStyle = 'ISO, DMY';
SELECT * FROM styles ORDER BY id;
SET DateStyle = 'SQL';
SHOW DateStyle;
SELECT * FROM styles ORDER BY id;
SET DateStyle = 'SQL, DMY';
SELECT * FROM styles ORDER BY id;
SET DateStyle = 'Postgres';
SELECT * FROM styles ORDER BY id;
SET DateStyle = 'Postgres, DMY';
SELECT * FROM styles ORDER BY id;
SET DateStyle = 'Postgres, YMD';
SELECT * FROM styles ORDER BY id;
SET DateStyle = 'German';
SHOW DateStyle;
SELECT * FROM styles ORDER BY id;
SET DateStyle = 'German, MDY';
SHOW DateStyle;
SET DateStyle = 'US';
SHOW DateStyle;
SET DateStyle = 'European, SQL';
SHOW DateStyle;
SET DateStyle = 'NonEuropean';
SHOW DateStyle;
SET DateStyle = 'default';
SHOW DateStyle;
SET DateStyle = 'iso, iso, ymd';
SHOW DateStyle;
SET DateStyle = 'ISO, SQL';
SET DateStyle = 'DMY, MDY';
SET DateStyle = 'Klingon';
SET DateStyle = 'ISO DMY';
SHOW DateStyle;
-- text casts, to_json and the timestamp's own zone follow the setting
SET DateStyle = 'SQL, DMY';
SELECT ts::text, tstz::text, d::text, to_json(ts), to_jsonb(tstz), json_build_object('d', d)
FROM styles WHERE id = 1;
SET TimeZone = 'Asia/Kolkata';
SELECT tstz FROM styles ORDER BY id;
SET TimeZone = '+05';
SELECT tstz FROM styles ORDER BY id;
RESET TimeZone;
RESET DateStyle;
DROP TABLE styles;
-- IntervalStyle
CREATE TABLE spans (id int PRIMARY KEY, i interval);
INSERT INTO spans VALUES (1, '1 year 2 months 3 days 04:05:06'), (2, '-1 day'), (3, '0'),
  (4, '-1 year -2 months'), (5, '1 day -02:00:00'), (6, '-3 days -04:05:06.5'),
  (7, '1.5 seconds'), (8, '-0.25 seconds'), (9, '2 hours'), (10, '-1 year 3 days'),
  (11, '1 sec'), (12, '1 mon 1 min'), (13, '100 years'), (14, '-1 second');
SELECT * FROM spans ORDER BY id;
SET IntervalStyle = 'postgres_verbose';
SHOW IntervalStyle;
SELECT * FROM spans ORDER BY id;
SET IntervalStyle = 'sql_standard';
SELECT * FROM spans ORDER BY id;
SELECT interval '-1 2:03:04', interval '-1 +2:03:04', interval '1-2', interval '-1-2',
       interval '3 4:05:06';
SET IntervalStyle = 'iso_8601';
SELECT * FROM spans ORDER BY id;
SET IntervalStyle = 'ISO_8601';
SHOW IntervalStyle;
SET IntervalStyle = 'french';
RESET IntervalStyle;
SELECT interval '-1 2:03:04';
DROP TABLE spans;
