-- Set-returning functions in FROM (generate_series, unnest, WITH ORDINALITY)
-- and LATERAL: functions and subqueries reading the FROM items before them.
select * from generate_series(1, 5);
select * from generate_series(1, 10, 3) as g;
select g.x from generate_series(5, 1, -2) as g(x);
select * from generate_series(1.5, 3) with ordinality;
select * from generate_series(1, 3) with ordinality as t(v, n);
select * from generate_series(1, 0);
select * from generate_series(1, null);
select * from generate_series(1, 3, 0);
select * from unnest(array[3,1,2]) with ordinality;
create table t (id int, n int);
insert into t values (1, 2), (2, 3), (3, 0);
select t.id, g from t, generate_series(1, t.n) g order by 1, 2;
select t.id, s.c from t left join lateral (select count(*) as c from generate_series(1, t.n)) s on true order by 1;
select t.id, s.m from t, lateral (select max(x) m from generate_series(t.id, t.id + t.n) x) s order by 1;
insert into t select g, g % 3 from generate_series(10, 15) g;
select count(*), sum(id) from t;
select * from generate_series(2147483646, 2147483647);
select * from generate_series('1', '3');
select * from generate_series(1, 'a');
select * from generate_series(1::bigint, 3);
select * from t join lateral generate_series(1, t.n) g on g > 1 where t.id < 3 order by 1, 2;
-- set-returning functions as a whole target
select generate_series(1, 3);
select generate_series(1, 3) as n order by n desc;
select id, generate_series(1, n) as k from t where id < 3 order by 1, 2;
select unnest(array[5, 6]), 'x' as c;
select count(*) from (select generate_series(1, 1000)) s;
drop table t;
