-- Ordered-set aggregates WITHIN GROUP (ORDER BY ...): percentile_cont over
-- double precision and interval, percentile_disc over any sortable type,
-- mode; DESC keys, NULL keys, empty groups, GROUP BY, FILTER, the fraction's
-- checks and PostgreSQL's errors for misuse
CREATE TABLE os (id int PRIMARY KEY, g text, i int, n numeric, f float8, t text, d date, iv interval);
INSERT INTO os VALUES
  (1, 'a', 10, 1.5, 0.5, 'pear', '2024-01-31', '1 day'),
  (2, 'a', 20, 2.25, 1.5, 'apple', '2023-06-15', '2 hours'),
  (3, 'a', NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 'b', -5, 1.0, -2, 'fig', '2025-12-01', '1 mon 3 days'),
  (5, 'b', 20, 1.005, 1e10, 'apple', '2023-06-15', '-5 minutes'),
  (6, 'c', 7, 7, 7, 'kiwi', '2020-02-29', '36 hours'),
  (7, 'a', 20, 3, 4.25, 'pear', '2024-01-31', '1 day');
CREATE TABLE os_empty (i int, f float8, t text);

-- percentile_cont
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont(0) WITHIN GROUP (ORDER BY i), percentile_cont(1) WITHIN GROUP (ORDER BY i), percentile_cont(0.25) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont(0.1) WITHIN GROUP (ORDER BY f), percentile_cont(0.9) WITHIN GROUP (ORDER BY f DESC) FROM os;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n), pg_typeof(percentile_cont(0.5) WITHIN GROUP (ORDER BY n)) FROM os;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY iv), percentile_cont(0.3) WITHIN GROUP (ORDER BY iv DESC), pg_typeof(percentile_cont(0.5) WITHIN GROUP (ORDER BY iv)) FROM os;
SELECT percentile_cont(0.75) WITHIN GROUP (ORDER BY x) FROM generate_series(1, 10) x;
SELECT percentile_cont('0.5') WITHIN GROUP (ORDER BY i), percentile_cont(0.5) WITHIN GROUP (ORDER BY '3.5') FROM os;
-- percentile_disc: any sortable type, the key's type
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY i), percentile_disc(0.5) WITHIN GROUP (ORDER BY n), percentile_disc(0.5) WITHIN GROUP (ORDER BY t) FROM os;
SELECT percentile_disc(0) WITHIN GROUP (ORDER BY d), percentile_disc(1) WITHIN GROUP (ORDER BY d), percentile_disc(0.34) WITHIN GROUP (ORDER BY d DESC) FROM os;
SELECT pg_typeof(percentile_disc(0.5) WITHIN GROUP (ORDER BY n)), pg_typeof(percentile_disc(0.5) WITHIN GROUP (ORDER BY t)), pg_typeof(percentile_disc(0.5) WITHIN GROUP (ORDER BY iv)) FROM os;
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY 'x') FROM os;
-- mode: the most frequent, the first in order among ties
SELECT mode() WITHIN GROUP (ORDER BY i), mode() WITHIN GROUP (ORDER BY t), mode() WITHIN GROUP (ORDER BY d) FROM os;
SELECT mode() WITHIN GROUP (ORDER BY g), mode() WITHIN GROUP (ORDER BY g DESC) FROM os;
SELECT mode() WITHIN GROUP (ORDER BY x) FROM (VALUES (3), (1), (2), (1), (3)) v(x);
SELECT mode() WITHIN GROUP (ORDER BY x DESC) FROM (VALUES (3), (1), (2), (1), (3)) v(x);
-- NULL keys are skipped; no rows or only NULLs give NULL
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i), percentile_disc(0.5) WITHIN GROUP (ORDER BY t), mode() WITHIN GROUP (ORDER BY f) FROM os WHERE id = 3;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY f), percentile_disc(0.5) WITHIN GROUP (ORDER BY t), mode() WITHIN GROUP (ORDER BY i) FROM os_empty;
SELECT percentile_cont(NULL) WITHIN GROUP (ORDER BY i), percentile_disc(NULL) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i) FROM os WHERE id = 6;
-- grouped, FILTER, HAVING, ORDER BY
SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY i), percentile_disc(0.5) WITHIN GROUP (ORDER BY t DESC), mode() WITHIN GROUP (ORDER BY d), count(*) FROM os GROUP BY g ORDER BY g;
SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY f) FILTER (WHERE id > 1) FROM os GROUP BY g ORDER BY g;
SELECT g FROM os GROUP BY g HAVING percentile_cont(0.5) WITHIN GROUP (ORDER BY i) > 10 ORDER BY g;
SELECT g, mode() WITHIN GROUP (ORDER BY t) AS m FROM os GROUP BY g ORDER BY m, g;
SELECT i, percentile_disc(0.5) WITHIN GROUP (ORDER BY id) FROM os GROUP BY i ORDER BY i;
SELECT i, percentile_cont(i / 100.0) WITHIN GROUP (ORDER BY f) FROM os WHERE i > 0 GROUP BY i ORDER BY i;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i) + 1 AS plus, sum(i) FROM os;

-- the fraction must be between 0 and 1, even without rows
SELECT percentile_cont(2) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_disc(-0.5) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY f) FROM os_empty;
SELECT percentile_cont('NaN') WITHIN GROUP (ORDER BY f) FROM os;

-- misuse
SELECT percentile_cont(0.5) FROM os;
SELECT mode() FROM os;
SELECT percentile_cont(0.5 ORDER BY i) FROM os;
SELECT sum(i) WITHIN GROUP (ORDER BY id) FROM os;
SELECT abs(i) WITHIN GROUP (ORDER BY id) FROM os;
SELECT mode(i) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i, f) FROM os;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM os;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM os;
SELECT percentile_cont('x') WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY 'x') FROM os;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i) OVER () FROM os;
SELECT count(DISTINCT i) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont(f) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont(f) WITHIN GROUP (ORDER BY i) FROM os GROUP BY i;
SELECT id FROM os WHERE mode() WITHIN GROUP (ORDER BY i) > 1;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY sum(i)) FROM os;

-- Arrays of fractions: an array of results in their shape, NULL for a
-- NULL fraction, NULL without rows, each fraction checked.
SELECT percentile_cont(ARRAY[0, 0.25, 0.5, 1]) WITHIN GROUP (ORDER BY f) FROM os;
SELECT percentile_disc(ARRAY[0.1, NULL, 0.9]) WITHIN GROUP (ORDER BY t) FROM os;
SELECT percentile_disc(ARRAY[[0.1, 0.2], [0.8, 1]]) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont('{0.5,0.75}'::float8[]) WITHIN GROUP (ORDER BY d - date '2020-01-01') FROM os;
SELECT g, percentile_disc(ARRAY[0.5]) WITHIN GROUP (ORDER BY i DESC) FROM os GROUP BY g ORDER BY g;
SELECT percentile_cont(ARRAY[0.5]) WITHIN GROUP (ORDER BY f) FROM os_empty;
SELECT percentile_cont(NULL::float8[]) WITHIN GROUP (ORDER BY f) FROM os;
SELECT percentile_cont(ARRAY[]::float8[]) WITHIN GROUP (ORDER BY f) FROM os;
SELECT percentile_disc(ARRAY[0.5, 1.5]) WITHIN GROUP (ORDER BY i) FROM os;
SELECT percentile_cont(ARRAY['a']) WITHIN GROUP (ORDER BY i) FROM os;
SELECT pg_typeof(percentile_disc(ARRAY[0.5]) WITHIN GROUP (ORDER BY t)) FROM os;

DROP TABLE os;
DROP TABLE os_empty;
