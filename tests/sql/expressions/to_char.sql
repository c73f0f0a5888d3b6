-- to_char for timestamps, intervals and numbers; to_date and to_timestamp
SELECT to_char(timestamp '2020-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.MS US');
SELECT to_char(timestamp '2020-03-05 14:07:09', 'HH12:MI AM am P.M. p.m.'), to_char(timestamp '2020-03-05 00:07:09', 'HH:MI PM'), to_char(timestamp '2020-03-05 12:00', 'HH12 AM');
SELECT to_char(timestamp '2020-03-05', 'Day DAY day Dy DY dy'), to_char(timestamp '2020-03-05', 'FMDay, FMMonth DD'), to_char(timestamp '2020-09-05', 'Month MONTH month Mon MON mon');
SELECT to_char(timestamp '2020-03-05', 'DDD D ID WW IW Q CC J W'), to_char(timestamp '2021-01-01', 'IYYY-IW-ID IDDD'), to_char(timestamp '2020-03-05', 'Y,YYY YYY YY Y');
SELECT to_char(timestamp '2020-03-01', 'DDth DDTH FMDDth'), to_char(timestamp '2020-03-02', 'DDth'), to_char(timestamp '2020-03-03', 'DDth'), to_char(timestamp '2020-03-11', 'DDth'), to_char(timestamp '2020-03-22', 'DDth');
SELECT to_char(timestamp '2020-03-05 01:02:03', 'FMHH24:FMMI:FMSS'), to_char(timestamp '2020-03-05 14:07:09', 'SSSS SSSSS'), to_char(timestamp '2020-03-05 14:07:09.987654', 'FF1 FF2 FF3 FF4 FF5 FF6');
SELECT to_char(timestamp '2020-03-05', '"Year" YYYY "and \"quoted\""'), to_char(timestamp '2020-03-05', 'YYYY\"MM'), to_char(timestamp '2020-08-05', 'RM rm FMRM');
SELECT to_char(timestamp '0044-03-15 BC', 'YYYY-MM-DD AD BC a.d. CC'), to_char(timestamp '2020-03-05', 'AD B.C.');
SELECT to_char(timestamptz '2020-03-05 14:07:09+00', 'YYYY-MM-DD HH24:MI:SS TZ tz TZH:TZM OF');
SELECT to_char(timestamp 'infinity', 'YYYY'), to_char(NULL::timestamp, 'YYYY'), to_char(date '2020-03-05', 'DD.MM.YYYY');
SELECT to_char(interval '1 year 2 mons 3 days 04:05:06.789', 'YYYY MM DD HH24 MI SS MS'), to_char(interval '100 hours 5 minutes', 'HH24:MI:SS'), to_char(interval '15 hours', 'HH12 AM');
SELECT to_char(interval '-1 day -02:03:04', 'DD HH24 MI SS'), to_char(interval '14 months', 'YYYY MM Mon Q');
SELECT to_char(interval '1 day', 'Day');
-- numbers
SELECT to_char(123, '999'), to_char(-123, '999'), to_char(123, '99'), to_char(5, '000'), to_char(-5, '000'), to_char(0, '999'), to_char(0, '990');
SELECT to_char(123.456, '999.99'), to_char(0.5, '9.99'), to_char(0.5, '0.99'), to_char(-0.5, '9.99'), to_char(1.5, 'FM9.99'), to_char(1.5, 'FM9.00'), to_char(10, 'FM99.'), to_char(10, 'FM99.9');
SELECT to_char(1234567.891, '9,999,999.99'), to_char(12, '9,999'), to_char(1234, 'FM9,999'), to_char(1234567, '9G999G999D99'), to_char(-1234.5, 'FM9,999.99');
SELECT to_char(12, 'S999'), to_char(-12, 'S999'), to_char(12, '999S'), to_char(-12, '999MI'), to_char(12, '999MI'), to_char(12, 'PL999'), to_char(-12, 'SG999'), to_char(12, 'FMSG999');
SELECT to_char(123.45::float8, '999.9'), to_char(1.0/3, '0.999999'), to_char(2.5::float4, '9.9'), to_char(9999999999::bigint, '9999999999'), to_char(42::smallint, '000');
SELECT to_char(123.45, 'L999');
-- to_date, to_timestamp
SELECT to_date('2020-03-05', 'YYYY-MM-DD'), to_date('05 Mar 2020', 'DD Mon YYYY'), to_date('20200305', 'YYYYMMDD'), to_date('March 5, 2020', 'Month DD, YYYY');
SELECT to_timestamp('2020-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS'), to_timestamp('05/03/2020 02:07 PM', 'DD/MM/YYYY HH12:MI AM'), to_timestamp('2020-03-05 14:07:09.123', 'YYYY-MM-DD HH24:MI:SS.MS');
SELECT to_timestamp('2020 065', 'YYYY DDD'), to_date('2020-3-5', 'YYYY-MM-DD'), to_timestamp('12:30', 'HH24:MI'), to_date('44 BC', 'YYYY BC');
SELECT to_date('2020-02-30', 'YYYY-MM-DD');
SELECT to_date('2020-xx-05', 'YYYY-MM-DD');
SELECT to_timestamp('13:00 PM', 'HH12:MI AM');
SELECT to_date('05 Foo 2020', 'DD Mon YYYY');
SELECT to_date('0000-01-01', 'YYYY-MM-DD'), to_date('5 3', 'DD MM');
