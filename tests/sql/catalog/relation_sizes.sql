-- pg_relation_size, pg_table_size, pg_indexes_size, pg_total_relation_size
-- and pg_database_size. Basalt's are estimates from RocksDB, PostgreSQL's
-- page counts (docs/sql-reference.md): the queries ask what holds for both.
create table rs_rows (id int primary key, v text, w int);
create index rs_rows_w on rs_rows (w);
create view rs_view as select id, w from rs_rows;
select pg_relation_size('rs_rows') as empty_table, pg_relation_size('rs_view') as view,
       pg_total_relation_size('rs_view') as view_total, pg_indexes_size('rs_view') as view_indexes;
insert into rs_rows select g, md5(g::text), g % 100 from generate_series(1, 20000) g;
select pg_relation_size('rs_rows') > 100000 as table_bytes,
       pg_table_size('rs_rows') >= pg_relation_size('rs_rows') as table_size_covers,
       pg_relation_size('rs_rows_w') > 0 as index_bytes,
       pg_indexes_size('rs_rows') >= pg_relation_size('rs_rows_w') as indexes_cover,
       pg_total_relation_size('rs_rows') >= pg_relation_size('rs_rows') + pg_relation_size('rs_rows_w') as total_covers,
       pg_database_size(current_database()) >= pg_total_relation_size('rs_rows') as database_covers,
       pg_database_size('basalt') = pg_database_size((select oid from pg_database where datname = 'basalt')) as by_name_or_oid;
select pg_relation_size(0) as no_relation, pg_database_size(0::oid) as no_database;
select pg_database_size('rs_no_such_database');
drop view rs_view;
drop table rs_rows;
