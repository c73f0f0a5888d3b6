-- pg_class, pg_namespace, pg_partitioned_table, pg_inherits and the
-- functions pgbench uses to find its tables' schema and partitioning.
create table pgbench_accounts (aid int primary key, bid int, abalance int, filler char(84));
select o.n, p.partstrat, pg_catalog.count(i.inhparent) from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace) cross join lateral (select pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname)) as o(n) left join pg_catalog.pg_partitioned_table as p on (p.partrelid = c.oid) left join pg_catalog.pg_inherits as i on (c.oid = i.inhparent) where c.relname = 'pgbench_accounts' and o.n is not null group by 1, 2 order by 1 asc limit 1;
select o.n, p.partstrat, pg_catalog.count(i.inhparent) from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace) cross join lateral (select pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname)) as o(n) left join pg_catalog.pg_partitioned_table as p on (p.partrelid = c.oid) left join pg_catalog.pg_inherits as i on (c.oid = i.inhparent) where c.relname = 'no_such_table' and o.n is not null group by 1, 2 order by 1 asc limit 1;
select relname, relkind, relnatts, relhasindex, relpersistence, relispopulated, relhasrules
  from pg_class where relnamespace = 'public'::regnamespace order by relname;
select nspname, nspowner::regrole from pg_namespace where nspname in ('public', 'pg_catalog') order by oid;
select current_schemas(true), current_schemas(false), current_schema(), current_schema;
select array_position(current_schemas(true), 'public'), array_position(current_schemas(true), 'nope');
set search_path = pg_catalog, public;
select current_schemas(true), current_schemas(false);
reset search_path;
select 'pgbench_accounts'::regclass, 'pgbench_accounts_pkey'::regclass, 'public.pgbench_accounts'::regclass::text;
select 'pg_class'::regclass::oid, 'pg_namespace'::regclass::oid, 'pg_catalog.pg_type'::regclass;
select 'nope'::regclass;
select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'pg_catalog' and c.relname in ('pg_class', 'pg_namespace', 'pg_attribute', 'pg_type', 'pg_index', 'pg_roles', 'pg_tables')
  order by 1;
select pg_typeof(relname), pg_typeof(relkind), pg_typeof(oid), pg_typeof(current_schemas(true)) from pg_class where relname = 'pg_class';
drop table pgbench_accounts;
