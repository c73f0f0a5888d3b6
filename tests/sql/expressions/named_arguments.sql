-- Named notation in function calls (name => value, name := value), for the
-- functions whose parameters PostgreSQL names; left-out parameters take
-- their defaults.
SELECT make_interval(days => 2);
SELECT make_interval(hours := 3, mins => 4, secs => 5.5);
SELECT make_interval(1, 2, days => 10);
SELECT make_interval(secs => 1.25, years => 1);
SELECT make_date(year => 2024, month => 2, day => 29);
SELECT make_date(2024, day => 1, month => 3);
SELECT make_time(hour => 12, min => 30, sec => 0.5);
SELECT make_timestamp(2024, 1, 2, hour => 3, min => 4, sec => 5);
SET TimeZone = 'UTC';
SELECT make_timestamptz(2024, 1, 2, 3, 4, 5, timezone => 'Europe/Berlin');
RESET TimeZone;
SELECT jsonb_set('{"a": 1}', '{b}', '2', create_if_missing => false);
SELECT jsonb_set('{"a": 1}', '{b}', '2', create_if_missing => true);
SELECT jsonb_set(jsonb_in => '{"a": 1}', path => '{a}', replacement => '3');
SELECT jsonb_insert('[1, 2]', '{0}', '0', insert_after => true);
-- A view keeps the call as written.
CREATE VIEW named_arguments_v AS SELECT make_interval(weeks => 1, days => 2) AS span;
SELECT * FROM named_arguments_v;
DROP VIEW named_arguments_v;
-- Errors: an unknown name, a name twice, a positional argument after a
-- named one, a parameter given twice, a missing one, an aggregate.
SELECT make_interval(dayz => 2);
SELECT make_interval(days => 1, days => 2);
SELECT make_interval(days => 1, 2);
SELECT make_interval(1, years => 2);
SELECT make_date(year => 2024, day => 1);
SELECT count(x => 1);
SELECT lower(s => 'A');
