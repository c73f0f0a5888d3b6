-- interval: input forms, output (IntervalStyle postgres), comparison by
-- span, arithmetic with timestamps, dates and times, errors, storage
SELECT interval '1 day 2 hours', interval '1-2', interval '-1-2', interval 'P1Y2M', interval 'P1Y2M3DT4H5M6.5S';
SELECT interval '@ 1 hour ago', interval '10:00', interval '-10:00:01.25', interval '1 2:03:04', interval '1d 2h 3m 4s';
SELECT interval '1.5 years', interval '1.5 months', interval '1.5 days', interval '1.5 weeks', interval '0.5 hours';
SELECT interval '2 decades 1 century 1 millennium', interval '3 microseconds', interval '4 milliseconds', interval '1 mon -1 day';
SELECT interval '1' day, interval '2' hour, interval '3' year, interval '1 day 02:03:04' hour to minute, interval '10:30' minute to second;
SELECT interval '0', interval '-0 days', interval '+1 day -1 hour', interval '1 day ago', interval '1 year 2 mons ago';
SELECT '1 week'::interval, '100 hours'::interval, '-100 hours'::interval, '1 year 13 months'::interval, 'P1W'::interval;
SELECT interval '2147483647 days', interval '-2147483648 days', interval '178956970 years';
SELECT interval 'garbage';
SELECT interval '1 day 1 day';
SELECT interval '2147483648 days';
SELECT interval '1 quarter';
SELECT interval '1:60';
-- comparison: 30-day months and 24-hour days
SELECT interval '1 mon' = interval '30 days', interval '1 day' = interval '24 hours', interval '1 year' > interval '360 days', interval '1 year' < interval '366 days';
SELECT interval '-1 day' < interval '0', interval '1 hour' <> interval '60 minutes', interval '25 hours' > interval '1 day';
-- arithmetic
SELECT date '2020-01-31' + interval '1 month', date '2020-01-31' + interval '2 months', date '2021-01-31' + interval '1 month', date '2020-02-29' + interval '1 year';
SELECT timestamp '2020-01-31 10:00' + interval '1 month 1 day 1 hour', timestamp '2020-03-31 10:00' - interval '1 month', interval '1 day' + timestamp '2020-01-01';
SELECT timestamptz '2020-01-01 00:00+00' + interval '36 hours', timestamptz '2020-01-01 00:00+00' - interval '1 year';
SELECT timestamp '2020-03-01' - timestamp '2020-01-01', timestamp '2020-01-01' - timestamp '2020-03-01 12:00', timestamptz '2021-01-01' - timestamptz '2020-01-01 00:00:01';
SELECT date '2020-03-01' - date '2020-01-01', date '2020-03-01' - interval '1 day', date '2020-03-01' + time '10:30', time '10:30' + date '2020-03-01';
SELECT interval '1 day' + interval '2 hours', interval '1 day' - interval '2 hours', - interval '1 day 2 hours', -interval '-1 year';
SELECT interval '1 day' * 2, 2 * interval '1 day', interval '1 mon' * 1.5, interval '1 day' * 0.5, interval '1 hour' / 3, interval '1 year' / 5;
SELECT interval '1 mon 1 day' * 0.1, interval '3 days' / 2, interval '-1 day' * 1.5;
SELECT time '10:00' + interval '3 hours', time '23:00' + interval '2 hours', time '01:00' - interval '2 hours', time '12:00' - time '10:30', interval '1 hour' + time '10:00';
SELECT timestamp '2020-01-01' + '1 day', timestamp '2020-01-01' - '2019-12-31', interval '1 day' + '1 hour', interval '1 day' * '3';
SELECT interval '1 day' / 0;
SELECT timestamp 'infinity' - timestamp '2020-01-01';
SELECT timestamp 'infinity' + interval '1 day', timestamp '-infinity' - interval '1 day';
SELECT timestamp '294276-12-31' + interval '1 day';
SELECT interval '2147483647 days' + interval '1 day';
SELECT interval '1 day' + 1;
-- justify, age
SELECT justify_hours(interval '50 hours'), justify_hours(interval '-50 hours'), justify_days(interval '35 days'), justify_days(interval '-35 days');
SELECT justify_interval(interval '1 mon -1 hour'), justify_interval(interval '-1 mon 1 hour'), justify_interval(interval '40 days 30 hours');
SELECT age(timestamp '2020-03-31', timestamp '2020-02-29'), age(timestamp '2020-02-29', timestamp '2020-03-31'), age(timestamp '2001-04-10', timestamp '1957-06-13');
SELECT age(timestamp '2020-01-01 10:00', timestamp '2020-01-01 12:30'), age(timestamptz '2024-03-01', timestamptz '2023-02-28'), age(date '2020-03-01', date '2020-01-31');
-- casts
SELECT '1 day'::text::interval, (interval '1 day 2 hours')::text, interval '26 hours'::time, time '10:30'::interval, timestamp '2020-01-01 10:30:05'::time;
SELECT pg_typeof(interval '1 day'), pg_typeof(timestamp '2020-01-01' - timestamp '2019-01-01'), pg_typeof(date '2020-01-01' + interval '1 day'), pg_typeof(time '10:00');
-- aggregates, ORDER BY, DISTINCT, GROUP BY and a primary key on interval
CREATE TABLE intervals (i interval PRIMARY KEY, n int);
INSERT INTO intervals VALUES ('1 day', 1), ('2 hours', 2), ('1 mon', 3), ('-1 year', 4), ('00:00:00.5', 5);
INSERT INTO intervals VALUES ('30 days', 6);
INSERT INTO intervals VALUES ('24 hours', 6);
SELECT * FROM intervals ORDER BY i;
SELECT * FROM intervals WHERE i > interval '1 hour' ORDER BY i DESC;
SELECT sum(i), avg(i), min(i), max(i), count(i) FROM intervals;
SELECT sum(i) FROM intervals WHERE n > 100;
CREATE TABLE spans (s interval, t time);
CREATE INDEX spans_s ON spans (s);
INSERT INTO spans VALUES ('1 mon', '10:00'), ('30 days', '09:00'), ('720 hours', '23:59:59.999999'), ('1 day', '00:00'), (NULL, NULL);
SELECT s, count(*) FROM spans GROUP BY s ORDER BY s;
SELECT DISTINCT s FROM spans ORDER BY s;
SELECT * FROM spans WHERE s = interval '1 mon' ORDER BY t;
SELECT min(t), max(t), min(s), max(s) FROM spans;
SELECT t, t + interval '1 minute' FROM spans ORDER BY t;
DROP TABLE intervals;
DROP TABLE spans;
-- time
SELECT time '10:30', time '10:30:05.123456', time '23:59:59.9999999', time '24:00:00', time '04:05 PM', time 'allballs';
SELECT time '25:00';
SELECT time 'noon';
