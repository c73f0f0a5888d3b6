-- Date and time input in every form PostgreSQL reads (datetime.c's field
-- decoding), under each DateStyle field order.
SELECT d, d::date AS date FROM (VALUES ('1999-01-08'), ('January 8, 1999'), ('1/8/1999'),
  ('1/18/1999'), ('01/02/03'), ('1999-Jan-08'), ('Jan-08-1999'), ('08-Jan-1999'), ('08-Jan-99'),
  ('Jan-08-99'), ('19990108'), ('990108'), ('1999.008'), ('J2451187'), ('January 8, 99 BC'),
  ('Jan 8 1999'), ('8 Jan 1999'), ('Friday, January 8, 1999'), ('1999 Jan 8'), ('2024-1-5 bc'),
  ('2000-02-29'), ('epoch'), ('infinity'), ('-infinity'), ('  2024-01-02  '), ('y2001m02d04'),
  ('2024-01-02 10:00'), ('2024/01/02'), ('2024.01.02'), ('Sat Jan 01 2000'), ('5874897-12-31'),
  ('4714-11-24 BC'), ('on Jan 8 1999')) AS v(d);
SELECT date '99-Jan-08';
SELECT date '2023-02-29';
SELECT date '13/01/2024';
SELECT date '2024-13-01';
SELECT date 'Jan 8';
SELECT date 'banana';
SELECT date '0000-01-01';
SELECT date '5874898-01-01';
SELECT date '4714-11-23 BC';
SELECT date '1999-01-08 Europe/Nowhere';
SELECT date '2024-01-02 04:05:06 +16';
SELECT t, t::timestamp AS ts FROM (VALUES ('2024-01-02 03:04:05'), ('2024-01-02T03:04:05Z'),
  ('Wed Dec 17 07:37:16 1997 PST'), ('12/17/1997 07:37:16.00 PST'), ('17.12.1997 07:37:16.00'),
  ('1997.351 07:37'), ('allballs'), ('2024-01-02 3pm'), ('2024-01-02 03:04 am'),
  ('2024-01-02 12:00 pm'), ('2024-01-02 12:00 am'), ('040506'), ('J2451187 04:05'),
  ('J2451187.25'), ('20011225T040506.789'), ('2001-12-25T04:05:06.789-07'), ('2024-01-02 24:00'),
  ('2024-01-02 23:59:60'), ('Jan 8 1999 04:05 America/New_York'), ('2024-01-02 04:05:06.5'),
  ('2024-01-02 12:34.5'), ('2024-01-02 10:00 at'), ('1999-01-08 04:05:06 -8:00'),
  ('1999-01-08 040506'), ('2024-01-02 0405'), ('epoch'), ('y2001m02d04h05mm06s07')) AS v(t);
SELECT timestamp '2024-01-02 25:00';
SELECT timestamp '2024-01-02 13:00 pm';
SELECT timestamp '2024-01-02 10:60';
SELECT timestamp '2024-01-02 24:00:01';
SELECT timestamp '2024-01-02 10:00 10:00';
SELECT timestamp '10:00';
SELECT timestamp '294277-01-01';
SELECT timestamp '2024-01-02 03:04:05 xyz';
SET TimeZone = 'America/New_York';
SELECT t, t::timestamptz AS tstz FROM (VALUES ('2024-01-02 03:04:05'), ('2024-07-02 03:04:05'),
  ('2024-01-02 03:04:05+02'), ('2024-01-02 03:04:05 +5'), ('2024-01-02 03:04:05-0530'),
  ('2024-01-02 03:04:05 PST'), ('2024-01-02 03:04:05 CEST'), ('2024-01-02 03:04:05 UTC'),
  ('2024-01-02 03:04:05 Europe/Berlin'), ('2024-07-02 03:04:05 europe/berlin'),
  ('2024-01-02 03:04:05 MET DST'), ('2024-01-02 03:04:05 z'), ('2024-01-02 03:04:05 zulu'),
  ('2024-03-10 02:30'), ('2024-11-03 01:30'), ('20240102T030405-08'),
  ('2024-01-02 03:04:05 Etc/GMT+5'), ('2024-01-02 03:04:05 EST5EDT')) AS v(t);
SELECT timestamptz '2024-01-02 03:04:05+16';
SELECT timestamptz '2024-01-02 03:04:05 Mars/Olympus';
SELECT timestamptz '2024-01-02 03:04:05 DST';
SELECT timestamptz '2024-01-02 03:04:05 Europe/Berlin DST';
RESET TimeZone;
SELECT t, t::time AS time, t::timetz AS timetz FROM (VALUES ('04:05:06.789'), ('04:05'),
  ('040506'), ('04:05 PM'), ('12:00 am'), ('04:05:06-08:00'), ('04:05:06 PST'), ('allballs'),
  ('2024-01-02 04:05:06'), ('2024-01-02 04:05:06 Europe/Berlin'), ('04:05:06 UTC'),
  ('T040506'), ('04:05:06.5+05:30'), ('24:00:00'), ('23:59:60'), ('12:34.5'),
  ('04:05:06 Etc/GMT-3'), ('0405'), ('h04mm05s06')) AS v(t);
SELECT time '24:00:01';
SELECT time '04:05 Europe/Berlin';
SELECT timetz '04:05:06 Europe/Berlin';
SELECT time 'Jan 8 04:05';
SELECT time '25:00';
-- now, today, ... read the transaction's start
BEGIN;
SELECT pg_sleep(0.1);
SELECT timestamptz 'now' = now() AS now_tz, timestamp 'now' = localtimestamp AS now_ts,
       time 'now' = localtime AS now_time, timetz 'now' = current_time AS now_timetz,
       date 'today' = current_date AS today, date 'tomorrow' - date 'yesterday' AS two_days,
       timestamp 'today' = current_date AS midnight, timestamptz 'today' = current_date AS tz_midnight;
COMMIT;
-- numeric dates follow DateStyle's order
SET DateStyle = 'DMY';
SHOW DateStyle;
SELECT date '01/02/2024', date '01-02-03', date '1/2/3', date 'Jan 02 03', date '02 Jan 03',
       date '2024-01-02', timestamp '01/02/2024 10:00';
SELECT date '13/01/2024', date '01/13/2024';
SET DateStyle = 'YMD';
SHOW DateStyle;
SELECT date '01/02/03', date '24-01-02', date '03 Jan 02', date '02-Jan-2003';
SET DateStyle = 'MDY';
SELECT date '01/02/03', date '01/02/2024', date '02 Jan 03';
RESET DateStyle;
