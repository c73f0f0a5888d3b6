-- Window functions over partitions far larger than work_mem (64kB): every
-- function and frame kind, summed or hashed over 30,000 rows so the output
-- stays short. Basalt spills such partitions to encrypted temp files.
SET work_mem = '64kB';
CREATE TABLE ws (id int, g int, t text, n numeric, d date);
INSERT INTO ws SELECT i, i % 997, md5(i::text), i / 8.0, date '2020-01-01' + (i % 400)
FROM generate_series(1, 30000) i;
INSERT INTO ws VALUES (NULL, NULL, NULL, NULL, NULL), (30001, NULL, 'last', 1, NULL);
-- Ranking over two partitions of 15,000 rows, peers in the key.
SELECT count(*), sum(rn), sum(rk), sum(dr), round(sum(pr)::numeric, 6), round(sum(cd)::numeric, 6),
       sum(nt)
FROM (SELECT row_number() OVER w AS rn, rank() OVER w AS rk, dense_rank() OVER w AS dr,
             percent_rank() OVER w AS pr, cume_dist() OVER w AS cd, ntile(7) OVER w AS nt
      FROM ws WINDOW w AS (PARTITION BY id % 2 ORDER BY g)) s;
-- Values of rows far from the current one.
SELECT md5(string_agg(concat_ws('|', id, l3, l5, lv, fv, lv2, nv), ',' ORDER BY id))
FROM (SELECT id, lag(t, 3) OVER w AS l3, lead(t, 5, 'none') OVER w AS l5,
             lag(n, id % 500) OVER w AS lv, first_value(t) OVER w AS fv, last_value(n) OVER w AS lv2,
             nth_value(t, 70) OVER w AS nv
      FROM ws WINDOW w AS (ORDER BY id ROWS BETWEEN 50 PRECEDING AND 80 FOLLOWING)) s;
-- Frames growing from the partition's start, with FILTER.
SELECT sum(s), sum(c), md5(string_agg(m, ',' ORDER BY id))
FROM (SELECT id, sum(n) OVER w AS s, count(*) FILTER (WHERE g % 3 = 0) OVER w AS c,
             max(t) OVER w AS m
      FROM ws WINDOW w AS (ORDER BY g, id)) s;
-- RANGE offsets (NULL keys first, and last), GROUPS, EXCLUDE.
SELECT sum(a), sum(b), round(sum(c), 6)
FROM (SELECT sum(n) OVER (ORDER BY g NULLS FIRST RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS a,
             count(*) OVER (ORDER BY g GROUPS BETWEEN 1 PRECEDING AND 2 FOLLOWING EXCLUDE TIES) AS b,
             avg(id) OVER (ORDER BY id DESC RANGE BETWEEN 30 PRECEDING AND 30 FOLLOWING
                           EXCLUDE CURRENT ROW) AS c
      FROM ws) s;
SELECT sum(c), md5(string_agg(x, ';' ORDER BY id))
FROM (SELECT id, count(*) OVER (ORDER BY d RANGE BETWEEN '3 days' PRECEDING AND CURRENT ROW) AS c,
             string_agg(left(t, 4), ',') OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING
                                               EXCLUDE GROUP) AS x
      FROM ws) s;
DROP TABLE ws;
