-- Every relation of pg_catalog PostgreSQL 15 has exists, with its kind and
-- its columns in order (Basalt's own basalt_matview_status and
-- pg_stat_progress_refresh_matview aside); relations of objects Basalt
-- does not have are empty.
select c.relname, c.relkind,
       string_agg(a.attname, ',' order by a.attnum) as columns
  from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0
 where c.relnamespace = 'pg_catalog'::regnamespace and c.relkind in ('r', 'v')
   and c.relname not in ('basalt_matview_status', 'pg_stat_progress_refresh_matview')
 group by c.relname, c.relkind
 order by c.relname;
select count(*) from pg_stat_replication;
select count(*) from pg_replication_slots;
select count(*) from pg_prepared_xacts;
select count(*) from pg_stat_subscription;
select count(*) from pg_stat_wal_receiver;
select datname, confl_tablespace, confl_lock, confl_snapshot, confl_bufferpin, confl_deadlock
  from pg_stat_database_conflicts order by datname;
select gss_authenticated, principal, encrypted from pg_stat_gssapi where pid = pg_backend_pid();
select count(*) from pg_stat_ssl where pid = pg_backend_pid();
create table cat_rel_probe (id serial primary key, v int);
create index cat_rel_probe_v on cat_rel_probe (v);
select relname, indexrelname from pg_statio_user_indexes
 where relname = 'cat_rel_probe' order by indexrelname;
select relname, indexrelname from pg_stat_user_indexes
 where relname = 'cat_rel_probe' order by indexrelname;
select relname from pg_statio_user_sequences where relname = 'cat_rel_probe_id_seq';
select relname from pg_statio_user_tables where relname = 'cat_rel_probe';
select count(*) from pg_statio_sys_sequences;
select schemaname, relname from pg_stat_sys_tables where relname = 'pg_class';
select schemaname, relname from pg_statio_all_tables where relname = 'pg_class';
drop table cat_rel_probe;
