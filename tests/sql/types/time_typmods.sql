-- time(p), timetz(p), interval(p) and interval fields: column types, casts
-- and literals round and truncate as PostgreSQL's typmods; format_type.
CREATE TABLE tm (t time(2), tz timetz(0), i interval(1), d interval day, h interval day to hour,
                 ym interval year to month, s interval minute to second(3), y interval year,
                 m interval month, hs interval hour to second);
INSERT INTO tm VALUES ('12:34:56.789', '12:34:56.789+02', '1 day 02:03:04.56', '3 days 04:05:06',
  '3 days 04:05:06', '1 year 2 months 3 days', '12:34.56789', '2 years 11 months',
  '2 years 11 months 3 days', '1 day 02:03:04.5');
INSERT INTO tm (t, d, h, y, s, hs) VALUES ('23:59:59.999', '5', '5', '5', '5', '5');
SELECT * FROM tm ORDER BY t;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
WHERE attrelid = 'tm'::regclass AND attnum > 0 ORDER BY attnum;
SELECT '12:34:56.789'::time(1) AS a, '23:59:59.99'::time(1) AS b, '12:34:56.789'::time(0) AS c,
       time(3) '10:00:00.12345' AS d, '10:00:00.5+02'::timetz(0) AS e;
SELECT interval '1 day 02:03:04.5678'::interval(2) AS a, interval '3 days 04:05' day to hour AS b,
       '1 year 2 months'::interval year AS c, interval '1' day AS d, interval '1' hour to minute AS e,
       interval '-1.5' second(0) AS f, interval '2 years 3 months' month AS g,
       interval '-1 day -02:03:04.56' day to second(1) AS h;
SELECT timestamp '2024-01-02 03:04:05.678'::time(1) AS a, interval '26:30:00.55'::time(1) AS b,
       timetz '10:00:00.5+02'::time(0) AS c, time '10:00:00.25'::interval(1) AS d,
       interval '5 days 10:00'::interval hour AS e;
SELECT pg_typeof(interval '1' day), pg_typeof('10:00'::time(2)), pg_typeof(time(2) '10:00');
CREATE TABLE tm2 AS SELECT interval '1' day AS d, '10:00:00.12345'::time(3) AS t,
                           '1 day'::interval(2) AS p;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
WHERE attrelid = 'tm2'::regclass AND attnum > 0 ORDER BY attnum;
SELECT * FROM tm2;
DROP TABLE tm, tm2;
