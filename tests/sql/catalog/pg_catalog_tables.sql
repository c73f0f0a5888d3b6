-- pg_attribute, pg_type, pg_index, pg_constraint, pg_attrdef, pg_am,
-- pg_database, pg_roles and the functions over them, joined by name (OIDs
-- of user objects differ between servers).
create table cat_orders (id int primary key, customer varchar(20) not null default 'x', total numeric(8,2), code text unique, placed timestamp, flag bool);
create table cat_items (order_id int, line smallint, qty bigint, primary key (order_id, line));
create index cat_orders_customer on cat_orders (customer desc, total nulls first);
create unique index cat_orders_placed on cat_orders (placed);
create view cat_view as select id, total from cat_orders;
select a.attname, a.attnum, t.typname, a.atttypmod, a.attlen, a.attnotnull, a.atthasdef,
       a.attidentity = '' as no_identity, a.attgenerated = '' as not_generated, a.attisdropped,
       format_type(a.atttypid, a.atttypmod), a.attbyval, a.attalign, a.attstorage
  from pg_attribute a join pg_type t on t.oid = a.atttypid
  where a.attrelid = 'cat_orders'::regclass and a.attnum > 0 order by a.attnum;
select c.relname, a.attname, a.attnum from pg_attribute a join pg_class c on c.oid = a.attrelid
  where c.relname in ('cat_orders_pkey', 'cat_items_pkey', 'cat_orders_customer') order by 1, 3;
select i.indexrelid::regclass, i.indrelid::regclass, i.indnatts, i.indisunique, i.indisprimary,
       i.indkey, i.indoption, i.indkey::text, pg_get_indexdef(i.indexrelid)
  from pg_index i where i.indrelid in ('cat_orders'::regclass, 'cat_items'::regclass) order by i.indexrelid::regclass::text;
select pg_get_indexdef('cat_orders_customer'::regclass, 2, true);
select conname, contype, conrelid::regclass, conkey, condeferrable, condeferred, convalidated,
       conindid::regclass, pg_get_constraintdef(oid), confupdtype, confdeltype, confmatchtype
  from pg_constraint where conrelid in ('cat_orders'::regclass, 'cat_items'::regclass) order by conname;
select c.relname, a.attname from pg_attrdef d join pg_class c on c.oid = d.adrelid
  join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum;
select relname, relkind, relhasindex, relnatts, relam = (select oid from pg_am where amname = 'heap') as heap
  from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'v') order by 1;
select c.relname, am.amname from pg_class c join pg_am am on am.oid = c.relam
  where c.relname like 'cat_%' order by 1;
select typname, typlen, typbyval, typtype, typcategory, typdelim, typelem::regtype, typarray::regtype,
       typinput, typoutput, typreceive, typsend, typalign, typstorage
  from pg_type where typname in ('int4', '_int4', 'text', '_text', 'name', 'bool', 'numeric', 'varchar', 'oid', 'timestamp', 'char', 'int2vector')
  order by typname;
select count(*) > 0 from pg_type where typinput = 'array_in'::regproc;
select 'integer'::regtype::oid, 'int4'::regtype, 'character varying'::regtype, 'text[]'::regtype::oid, 'pg_catalog.int8'::regtype;
select 23::regtype, 1043::regtype, 1009::regtype, 2205::regtype, 19::regtype;
select format_type(1043, 24), format_type(1700, 655366), format_type(23, null), format_type(1007, -1), format_type(18, -1);
select datname, pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datallowconn, datistemplate
  from pg_database where datname = current_database();
select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolconnlimit, rolpassword
  from pg_roles where rolname = current_user;
select usename, usesuper from pg_user where usename = current_user;
select amname, amtype from pg_am order by oid;
select spcname from pg_tablespace order by oid;
select collname from pg_collation where oid in (100, 950, 951) order by oid;
select extname, extversion from pg_extension;
select schemaname, tablename, tableowner, hasindexes from pg_tables where schemaname = 'public' order by 2;
select schemaname, viewname, viewowner from pg_views where schemaname = 'public';
select schemaname, tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 3;
select count(*) from pg_description where objoid = 'cat_orders'::regclass;
select count(*) from pg_inherits;
select count(*) from pg_trigger;
select obj_description('cat_orders'::regclass, 'pg_class'), col_description('cat_orders'::regclass, 1);
select has_table_privilege('cat_orders', 'select'), has_schema_privilege('public', 'usage'), pg_table_is_visible('cat_orders'::regclass);
select pg_get_userbyid(10), current_user, session_user;
select 'basalt'::regrole, 'public'::regnamespace, 'pg_catalog'::regnamespace::oid;
select 'cat_orders'::regclass = 'public.cat_orders'::regclass, 'cat_orders'::regclass::oid = (select oid from pg_class where relname = 'cat_orders');
select pg_size_pretty(10::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(1000000::bigint), pg_size_pretty(1073741824::bigint);
select array_to_string(array['a', 'b', 'c'], ', '), quote_ident('Ab'), quote_ident('select'), quote_ident('ok');
select 'abc' ~ '^a', 'abc' !~ 'b', 'ABC' ~* 'abc', 'abc' !~* 'B';
select 'x' operator(pg_catalog.~) 'x' collate pg_catalog.default;
select array(select relname from pg_class where relname like 'cat_items%' order by 1);
-- int2vector and oidvector count from 0 (indkey[0] is the first key column).
select ('3 1 2'::int2vector)[0] as first, ('3 1 2'::int2vector)[2] as last,
       ('3 1 2'::int2vector)[3] as past, array_lower('3 1 2'::int2vector, 1),
       array_upper('3 1 2'::int2vector, 1), array_position('3 1 2'::int2vector, 1::int2),
       ('26 23'::oidvector)[1] as second_oid;
select generate_subscripts('5 6'::int2vector, 1);
drop view cat_view;
drop table cat_items;
drop table cat_orders;
