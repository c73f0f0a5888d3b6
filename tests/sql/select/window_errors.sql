-- Window function errors: where they may appear, nesting, unknown and
-- inherited windows, frames and their offsets, function arguments
CREATE TABLE we (id int PRIMARY KEY, g int, x int, s text);
INSERT INTO we VALUES (1, 1, 10, 'a'), (2, 1, 20, 'b'), (3, 2, 30, 'c');
-- Where window functions are not allowed
SELECT id FROM we WHERE row_number() OVER () > 1;
SELECT g FROM we GROUP BY row_number() OVER ();
SELECT row_number() OVER () FROM we GROUP BY 1;
SELECT g FROM we GROUP BY g HAVING rank() OVER (ORDER BY g) > 1;
SELECT id FROM we LIMIT row_number() OVER ();
SELECT id FROM we JOIN we w2 ON row_number() OVER () = 1;
SELECT count(*) FILTER (WHERE row_number() OVER () > 1) FROM we;
UPDATE we SET x = row_number() OVER ();
INSERT INTO we VALUES (4, 1, rank() OVER (), 'd');
VALUES (row_number() OVER ());
SELECT row_number() OVER () FROM we FOR UPDATE;
-- Nesting
SELECT sum(row_number() OVER ()) FROM we;
SELECT row_number() OVER (ORDER BY rank() OVER ()) FROM we;
SELECT sum(sum(x) OVER ()) OVER () FROM we;
SELECT lag(row_number() OVER ()) OVER () FROM we;
SELECT id, sum(x) OVER (PARTITION BY count(*) OVER ()) FROM we;
SELECT sum(x) FILTER (WHERE row_number() OVER () > 1) OVER () FROM we;
SELECT sum(x) FILTER (WHERE sum(x) > 1) OVER () FROM we;
-- Grouped queries
SELECT g, sum(x) OVER () FROM we GROUP BY g;
SELECT g, row_number() OVER (ORDER BY x) FROM we GROUP BY g;
SELECT count(*), row_number() OVER (PARTITION BY g) FROM we;
-- Calls
SELECT row_number() FROM we;
SELECT lag(x) FROM we;
SELECT abs(x) OVER () FROM we;
SELECT row_number(1) OVER () FROM we;
SELECT ntile() OVER () FROM we;
SELECT lag(x, 1::bigint) OVER () FROM we;
SELECT lag(x, 1, 'z') OVER () FROM we;
SELECT lag('x') OVER () FROM we;
SELECT first_value(NULL) OVER () FROM we;
SELECT nth_value(x) OVER () FROM we;
SELECT count(DISTINCT x) OVER () FROM we;
SELECT string_agg(s, ',' ORDER BY s) OVER () FROM we;
SELECT rank() FILTER (WHERE x > 1) OVER () FROM we;
SELECT sum(s) OVER () FROM we;
SELECT count() OVER () FROM we;
-- Run-time argument errors
SELECT ntile(0) OVER () FROM we;
SELECT ntile(-1) OVER (ORDER BY id) FROM we;
SELECT nth_value(x, 0) OVER () FROM we;
SELECT ntile(0) OVER () FROM we WHERE false;
-- Windows by name
SELECT sum(x) OVER nosuch FROM we;
SELECT sum(x) OVER (nosuch ORDER BY id) FROM we;
SELECT sum(x) OVER w FROM we WINDOW w AS (ORDER BY id), w AS (ORDER BY g);
SELECT sum(x) OVER (w PARTITION BY g) FROM we WINDOW w AS (ORDER BY id);
SELECT sum(x) OVER (w ORDER BY g) FROM we WINDOW w AS (ORDER BY id);
SELECT sum(x) OVER (w) FROM we WINDOW w AS (ORDER BY id ROWS CURRENT ROW);
SELECT sum(x) OVER (w ORDER BY id) FROM we WINDOW w AS (PARTITION BY g ROWS CURRENT ROW);
SELECT sum(x) OVER w2 FROM we WINDOW w2 AS (w1), w1 AS (PARTITION BY g);
SELECT sum(x) OVER w FROM we WINDOW w AS (ORDER BY id ROWS CURRENT ROW), w2 AS (w ORDER BY g);
SELECT sum(x) OVER w FROM we WINDOW w AS (ORDER BY nosuch);
SELECT 1 FROM we WINDOW w AS (ORDER BY nosuch);
SELECT g FROM we GROUP BY g WINDOW w AS (ORDER BY id);
SELECT g, count(*) OVER w FROM we GROUP BY g WINDOW w AS (ORDER BY g), unused AS (PARTITION BY x);
SELECT 1 FROM we WINDOW w AS (w);
-- Frames
SELECT sum(x) OVER (ORDER BY id ROWS UNBOUNDED FOLLOWING) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS 1 FOLLOWING) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM we;
SELECT sum(x) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM we;
SELECT sum(x) OVER (ORDER BY id, g RANGE 1 PRECEDING) FROM we;
SELECT sum(x) OVER (GROUPS CURRENT ROW) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS x PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS 'a' PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS 1.5 PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id GROUPS sum(x) PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY s RANGE 1 PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id RANGE 1.5 PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id RANGE BETWEEN 1::float8 PRECEDING AND CURRENT ROW) FROM we;
SELECT sum(x) OVER (ORDER BY id::numeric RANGE BETWEEN CURRENT ROW AND 1::float4 FOLLOWING) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 'x'::text FOLLOWING) FROM we;
SELECT sum(x) OVER (ORDER BY id RANGE 'x' PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id::int8 RANGE 'x' PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id::numeric RANGE 'x' PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY now()::date RANGE 1 PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id GROUPS 'y' PRECEDING) FROM we;
-- Run-time frame offset errors
SELECT sum(x) OVER (ORDER BY id ROWS -1 PRECEDING) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND -1 FOLLOWING) FROM we;
SELECT sum(x) OVER (ORDER BY id GROUPS BETWEEN NULL PRECEDING AND CURRENT ROW) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND NULL FOLLOWING) FROM we;
SELECT sum(x) OVER (ORDER BY id RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM we;
SELECT sum(x) OVER (ORDER BY id ROWS -1 PRECEDING) FROM we WHERE false;
SELECT sum(x) OVER (ORDER BY id RANGE -1 PRECEDING) FROM we WHERE false;
SELECT sum(x) OVER (ORDER BY id::numeric RANGE BETWEEN CURRENT ROW AND -2.5 FOLLOWING) FROM we;
SELECT sum(x) OVER (ORDER BY id::float8 RANGE BETWEEN 'NaN' PRECEDING AND CURRENT ROW) FROM we;
DROP TABLE we;
