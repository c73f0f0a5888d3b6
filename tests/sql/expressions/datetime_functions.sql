-- extract / date_part over every field, date_trunc, make_*, isfinite,
-- date_bin, to_timestamp(double), the clock functions (relations only)
SELECT extract(year FROM timestamp '2020-02-29 13:14:15.123456'), extract(month FROM timestamp '2020-02-29 13:14:15.123456'), extract(day FROM timestamp '2020-02-29 13:14:15.123456');
SELECT extract(hour FROM timestamp '2020-02-29 13:14:15.123456'), extract(minute FROM timestamp '2020-02-29 13:14:15.123456'), extract(second FROM timestamp '2020-02-29 13:14:15.123456');
SELECT extract(milliseconds FROM timestamp '2020-02-29 13:14:15.123456'), extract(microseconds FROM timestamp '2020-02-29 13:14:15.123456'), extract(epoch FROM timestamp '2020-02-29 13:14:15.123456');
SELECT extract(dow FROM timestamp '2020-02-29'), extract(isodow FROM timestamp '2020-03-01'), extract(doy FROM timestamp '2020-12-31'), extract(quarter FROM timestamp '2020-08-01');
SELECT extract(week FROM timestamp '2021-01-01'), extract(isoyear FROM timestamp '2021-01-01'), extract(week FROM timestamp '2020-12-31'), extract(week FROM date '2026-12-31');
SELECT extract(decade FROM timestamp '2020-01-01'), extract(century FROM timestamp '2000-12-31'), extract(century FROM timestamp '2001-01-01'), extract(millennium FROM timestamp '2001-01-01');
SELECT extract(julian FROM timestamp '2020-01-01 12:00'), extract(julian FROM date '2020-01-01'), extract(epoch FROM date '2020-01-01'), extract(epoch FROM timestamptz '1970-01-01 00:00:01+00');
SELECT extract(year FROM timestamp '0044-03-15 BC'), extract(century FROM timestamp '0044-03-15 BC'), extract(decade FROM timestamp '0044-03-15 BC'), extract(millennium FROM date '0001-01-01 BC');
SELECT extract(timezone FROM timestamptz '2020-01-01 10:00+02'), extract(timezone_hour FROM timestamptz '2020-01-01'), extract(hour FROM timestamptz '2020-01-01 10:00+02');
SELECT extract(day FROM date '2020-02-29'), extract(year FROM date '2020-02-29'), extract(dow FROM date '2020-02-29');
SELECT extract(hour FROM date '2020-02-29');
SELECT extract(timezone FROM timestamp '2020-02-29');
SELECT extract(foo FROM timestamp '2020-02-29');
SELECT extract(year FROM interval '1 year 2 mons 3 days 04:05:06.7'), extract(month FROM interval '14 months'), extract(day FROM interval '40 days'), extract(hour FROM interval '100 hours');
SELECT extract(minute FROM interval '-01:02:03'), extract(second FROM interval '-01:02:03.5'), extract(epoch FROM interval '1 year'), extract(epoch FROM interval '1 mon 1 day 1 second');
SELECT extract(quarter FROM interval '7 months'), extract(decade FROM interval '25 years'), extract(century FROM interval '-250 years'), extract(millennium FROM interval '2500 years');
SELECT extract(dow FROM interval '1 day');
SELECT extract(hour FROM time '13:14:15.5'), extract(second FROM time '13:14:15.5'), extract(epoch FROM time '01:00'), extract(milliseconds FROM time '00:00:01.5');
SELECT extract(day FROM time '13:14');
SELECT date_part('year', timestamp '2020-02-29 13:14:15.5'), date_part('second', timestamp '2020-02-29 13:14:15.5'), date_part('epoch', timestamp '2020-02-29 13:14:15.5'), date_part('hour', date '2020-02-29');
SELECT date_part('julian', timestamp '2020-01-01 06:00'), date_part('milliseconds', timestamp '2020-01-01 00:00:01.5'), date_part('DAY', interval '3 days'), date_part('epoch', interval '1 day 1 hour');
SELECT date_part('year', timestamp 'infinity'), date_part('month', timestamp 'infinity'), date_part('epoch', timestamp '-infinity'), extract(month FROM date 'infinity');
SELECT date_part('epoch', time '10:00'), date_part('minute', timestamptz '2020-01-01 10:20+00'), pg_typeof(date_part('day', date '2020-01-01')), pg_typeof(extract(day FROM date '2020-01-01'));
SELECT date_part('years', timestamp '2020-01-01'), date_part('secs', timestamp '2020-01-01 00:00:03'), date_part('microseconds', interval '1.5 seconds');
-- date_trunc
SELECT date_trunc('year', timestamp '2020-05-17 13:14:15.5'), date_trunc('quarter', timestamp '2020-05-17 13:14:15.5'), date_trunc('month', timestamp '2020-05-17 13:14:15.5');
SELECT date_trunc('week', timestamp '2020-05-17 13:14:15.5'), date_trunc('day', timestamp '2020-05-17 13:14:15.5'), date_trunc('hour', timestamp '2020-05-17 13:14:15.5');
SELECT date_trunc('minute', timestamp '2020-05-17 13:14:15.5'), date_trunc('second', timestamp '2020-05-17 13:14:15.5'), date_trunc('milliseconds', timestamp '2020-05-17 13:14:15.123456');
SELECT date_trunc('decade', timestamp '2020-05-17'), date_trunc('century', timestamp '2000-05-17'), date_trunc('millennium', timestamp '2020-05-17'), date_trunc('century', timestamp '0044-03-15 BC');
SELECT date_trunc('day', timestamptz '2020-05-17 13:14:15+00'), date_trunc('month', date '2020-05-17'), date_trunc('year', timestamp 'infinity');
SELECT date_trunc('hour', interval '1 year 2 mons 3 days 04:05:06'), date_trunc('year', interval '1 year 2 mons 3 days'), date_trunc('quarter', interval '5 months 3 days'), date_trunc('minute', interval '-04:05:06');
SELECT date_trunc('hour', time '10:30');
SELECT date_trunc('week', interval '10 days');
SELECT date_trunc('dow', timestamp '2020-01-01');
SELECT date_trunc('fortnight', timestamp '2020-01-01');
-- make_*
SELECT make_date(2020, 2, 29), make_date(-44, 3, 15), make_time(10, 30, 5.5), make_timestamp(2020, 1, 31, 23, 59, 59.999999), make_timestamptz(2020, 1, 31, 1, 2, 3);
SELECT make_interval(1), make_interval(1, 2), make_interval(0, 0, 1, 2), make_interval(0, 0, 0, 0, 1, 30, 10.5), make_interval();
SELECT make_date(2021, 2, 29);
SELECT make_date(0, 1, 1);
SELECT make_time(24, 0, 1);
SELECT make_time(10, 60, 0);
SELECT make_timestamp(2020, 13, 1, 0, 0, 0);
SELECT make_timestamp(2020, 1, 1, 25, 0, 0);
-- isfinite, to_timestamp(double), date_bin
SELECT isfinite(date '2020-01-01'), isfinite(date 'infinity'), isfinite(timestamp '-infinity'), isfinite(timestamptz '2020-01-01'), isfinite(interval '1 day');
SELECT to_timestamp(0), to_timestamp(1583020800.5), to_timestamp(-1), to_timestamp('Infinity'::float8), to_timestamp('-Infinity'::float8);
SELECT to_timestamp('NaN'::float8);
SELECT date_bin(interval '15 minutes', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01'), date_bin(interval '1 day', timestamptz '2020-02-11 15:44:17+00', timestamptz '2020-01-01 12:00+00');
SELECT date_bin(interval '10 minutes', timestamp '2020-02-11 15:44:17', timestamp '2020-02-11 15:46:00'), date_bin(interval '1 hour', timestamp 'infinity', timestamp '2020-01-01');
SELECT date_bin(interval '1 month', timestamp '2020-02-11', timestamp '2020-01-01');
SELECT date_bin(interval '0 days', timestamp '2020-02-11', timestamp '2020-01-01');
-- the clock: relations only
BEGIN;
SELECT now() = transaction_timestamp(), now() = current_timestamp, now() = statement_timestamp(), clock_timestamp() >= now(), current_date = now()::date, localtimestamp = now()::timestamp;
SELECT localtime = now()::time, pg_typeof(localtime), pg_typeof(current_date), pg_typeof(timeofday()), length(timeofday()) > 20, age(now()::timestamp) >= interval '0';
COMMIT;
SELECT now() = statement_timestamp(), age(current_date::timestamp) = interval '0', current_date - date '2020-01-01' > 0;
-- generate_series over timestamps
SELECT * FROM generate_series(timestamp '2020-01-30', timestamp '2020-05-01', interval '1 month');
SELECT * FROM generate_series(timestamptz '2020-01-01 00:00+00', timestamptz '2020-01-01 02:00+00', interval '45 minutes');
SELECT * FROM generate_series(timestamp '2020-01-03', timestamp '2020-01-01', interval '-1 day');
SELECT count(*) FROM generate_series(timestamp '2020-01-01', timestamp '2020-12-31', interval '1 day');
SELECT * FROM generate_series(timestamp '2020-01-01', timestamp '2020-01-02', interval '0 days');
-- OVERLAPS
SELECT (timestamp '2020-01-01', timestamp '2020-02-01') OVERLAPS (timestamp '2020-01-15', timestamp '2020-03-01'), (date '2020-01-01', date '2020-02-01') OVERLAPS (date '2020-02-01', date '2020-03-01');
SELECT (timestamp '2020-02-01', timestamp '2020-01-01') OVERLAPS (timestamp '2020-01-15', NULL::timestamp), (timestamp '2020-01-01', interval '10 days') OVERLAPS (timestamp '2020-01-05', interval '1 day');
SELECT (time '10:00', time '11:00') OVERLAPS (time '10:30', time '12:00'), (timestamp '2020-01-01', NULL::timestamp) OVERLAPS (timestamp '2020-01-01', NULL::timestamp), (NULL::timestamp, NULL::timestamp) OVERLAPS (timestamp '2020-01-01', timestamp '2020-01-02');
SELECT (timestamp '2020-01-01', timestamp '2020-01-02', timestamp '2020-01-03') OVERLAPS (timestamp '2020-01-01', timestamp '2020-01-02');
-- AT TIME ZONE 'UTC'
SELECT timestamp '2020-01-01 10:00' AT TIME ZONE 'UTC', timestamptz '2020-01-01 10:00+02' AT TIME ZONE 'utc', pg_typeof(timestamp '2020-01-01' AT TIME ZONE 'UTC');
