-- What pg_dump reads besides the catalog tables: aclitem and aclitem[]
-- (text in and out), acldefault for every object kind, the ACLs initdb
-- gives the schemas, array_remove, name subscripts, pg_options_to_table,
-- pg_rewrite's _RETURN rules of views and the pg_depend rows pg_dump orders
-- by, pg_get_expr of serial defaults under an empty search_path.
select acldefault('n', 10), acldefault('r', 10), acldefault('s', 10);
select acldefault('f', 10), acldefault('T', 10), acldefault('l', 10), acldefault('d', 10);
select acldefault('c', 10), acldefault('L', 10), acldefault('t', 10), acldefault('F', 10), acldefault('S', 10), acldefault('p', 10);
select acldefault('x', 10);
select pg_typeof(acldefault('n', 10)), acldefault('r', 10) = acldefault('r', 10), acldefault('r', 10) = acldefault('s', 10);
select 'basalt=r*w/basalt'::aclitem, '=U/basalt'::aclitem, '{basalt=UC/basalt,=U/basalt}'::aclitem[];
select '{}'::aclitem[], acldefault('c', 10);
select 'basalt=q/basalt'::aclitem;
select 'nobody=r/basalt'::aclitem;
select 'basalt r/basalt'::aclitem;
select nspname, nspacl from pg_namespace where nspname in ('public', 'pg_catalog', 'information_schema') order by 1;
select objoid::regnamespace, classoid::regclass, objsubid, privtype, initprivs from pg_init_privs where classoid = 'pg_namespace'::regclass order by 1;
select array_remove(array['a', 'b', 'a'], 'a'), array_remove(array[1, null, 2], null), array_remove(null::text[], 'x');
select typname, typname[0], typname[1], typname[63], typname[64] from pg_type where typname in ('int4', '_int4') order by 1;
select * from pg_options_to_table(array['fillfactor=70', 'autovacuum_enabled=false', 'bare']);
select count(*) from pg_options_to_table(null);
create schema dump_s;
create table dump_s.t (id serial primary key, v int);
create view dump_s.v as select id from dump_s.t;
create materialized view dump_s.m as select v from dump_s.t;
select rulename, ev_class::regclass, ev_type, ev_enabled, is_instead from pg_rewrite where ev_class in ('dump_s.v'::regclass, 'dump_s.m'::regclass) order by 2;
-- (PostgreSQL also records the rule's dependencies on the view's own
-- columns, 'n'; Basalt does not.)
select classid::regclass, refclassid::regclass, refobjid::regclass, deptype from pg_depend d where d.classid = 'pg_rewrite'::regclass and d.objid in (select oid from pg_rewrite where ev_class = 'dump_s.v'::regclass) and not (refobjid = 'dump_s.v'::regclass and deptype = 'n') group by 1, 2, 3, 4 order by 3;
select count(*) from pg_depend where classid = 'pg_attrdef'::regclass and refobjid = 'dump_s.t_id_seq'::regclass and deptype = 'n';
select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'dump_s.t'::regclass;
set search_path = dump_s;
select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'dump_s.t'::regclass;
set search_path = '';
select pg_get_expr(adbin, adrelid) from pg_catalog.pg_attrdef where adrelid = 'dump_s.t'::pg_catalog.regclass;
reset search_path;
select count(*) from pg_seclabels;
drop schema dump_s cascade;
-- A default prints coerced to its column's type, as PostgreSQL stores it.
create table dump_defaults (a varchar(10) default 'new', b text default 'x', c date default '2020-01-01', d int default -1, e numeric(10,2) default 1.5, f bool default true, g timestamptz default now(), h int default 0, j bigint default 5, k float8 default 2.5, m text default 'a' || 'b', n varchar default 'plain');
select a.attname, pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum where d.adrelid = 'dump_defaults'::regclass order by a.attnum;
select column_name, column_default from information_schema.columns where table_name = 'dump_defaults' order by ordinal_position;
drop table dump_defaults;
