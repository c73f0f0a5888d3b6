-- timestamp with time zone (TimeZone is UTC): input with offsets, output
-- with +00, casts with timestamp and date, comparisons, table columns
SHOW TimeZone;
SELECT '2026-11-30 05:40:00.123456'::timestamptz, '2026-11-30 05:40:00+02'::timestamptz, '2026-11-30 05:40:00-05:30'::timestamptz;
SELECT '2026-11-30 05:40:00Z'::timestamptz, '2026-11-30 05:40:00+0200'::timestamptz, '2024-01-01 10:00 UTC'::timestamptz, '2024-01-01 10:00 gmt'::timestamptz;
SELECT '2024-01-01 10:00:00.5+05:45:30'::timestamptz, '2024-01-01T10:00:00+02:00'::timestamptz, '2024-01-01 10:00 +2'::timestamptz, '2024-01-01 10:00+15:59'::timestamptz;
SELECT '0044-03-15 BC'::timestamptz, '2024-01-01 10:00 +02 BC'::timestamptz, 'infinity'::timestamptz, '-infinity'::timestamptz, 'epoch'::timestamptz;
SELECT '2024-01-01'::timestamptz, '2024-01-01 00:30+01'::timestamptz;
SELECT TIMESTAMP WITH TIME ZONE '2024-06-01 12:00:00-07', timestamptz '2024-06-01 12:00:00+07';
SELECT '2024-01-01 10:00:00.123456789+02'::timestamptz(2), '2024-01-01 10:00:00.5'::timestamptz(0), CAST('2024-01-01 10:00:00.55' AS timestamp(1) with time zone);
SELECT 'x'::timestamptz;
SELECT '2024-13-01'::timestamptz;
SELECT '2024-02-30 10:00+02'::timestamptz;
SELECT '2024-01-01 10:00+16'::timestamptz;
SELECT '2024-01-01 10:00+15:60'::timestamptz;
SELECT '2024-01-01 10:00+16'::timestamp;
SELECT '2024-01-01 10:00+02'::timestamp;
SELECT pg_typeof('2024-01-01'::timestamptz), pg_typeof('2024-01-01'::timestamptz(3)), pg_typeof('2024-01-01'::timestamp with time zone);
SELECT pg_typeof(now()), pg_typeof(current_timestamp), pg_typeof(localtimestamp), now() = current_timestamp, now() > '2024-01-01'::timestamptz;
SELECT '2024-01-01 10:00+02'::timestamptz::timestamp, '2024-01-01 22:00-05'::timestamptz::date, '2024-01-01'::date::timestamptz, '2024-01-01 10:00'::timestamp::timestamptz;
SELECT '2024-01-01 10:00+02'::timestamptz::text, 'infinity'::timestamptz::timestamp, '2024-01-01 10:00'::text::timestamptz;
SELECT '2024-01-01 10:00:00'::timestamp = '2024-01-01 10:00:00+00'::timestamptz, '2024-01-01'::date < '2024-01-01 10:00+00'::timestamptz;
SELECT '2024-01-01 10:00+02'::timestamptz = '2024-01-01 08:00Z', '2024-01-01 10:00+02'::timestamptz < '2024-01-01 09:00+00'::timestamptz;
SELECT pg_typeof(coalesce('2024-01-01'::timestamp, now())), pg_typeof(CASE WHEN true THEN '2024-01-01'::date ELSE now() END);
SELECT greatest('2024-01-01 10:00+02'::timestamptz, '2024-01-01 09:00'::timestamp);
SELECT '2024-01-01'::timestamptz::int8;
CREATE TABLE stamps (at timestamptz PRIMARY KEY, plain timestamp, p0 timestamptz(0));
INSERT INTO stamps VALUES ('2024-01-01 10:00+02', '2024-01-01 10:00', '2024-01-01 10:00:00.7'),
  ('2024-01-01 09:00+00', '2024-01-01 09:00+05', '2024-01-01'), ('infinity', NULL, '-infinity');
INSERT INTO stamps VALUES ('2024-01-01 08:00Z', NULL, NULL);
INSERT INTO stamps (at) VALUES ('2023-12-31'::date), ('2023-12-30 12:00'::timestamp);
SELECT * FROM stamps ORDER BY at;
SELECT at FROM stamps ORDER BY at DESC;
SELECT at FROM stamps WHERE at = '2024-01-01 12:00+04';
SELECT at FROM stamps WHERE at > plain ORDER BY at;
UPDATE stamps SET plain = at WHERE at = '2023-12-31';
SELECT plain, pg_typeof(plain) FROM stamps WHERE at = '2023-12-31 00:00+00';
DROP TABLE stamps;
