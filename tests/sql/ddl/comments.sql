-- COMMENT ON every kind of object Basalt keeps comments on, read back
-- through pg_description / pg_shdescription, obj_description,
-- col_description, shobj_description and psql's meta-commands; NULL and ''
-- removing a comment; errors; rollback; dropping an object (or a column)
-- dropping its comments.
create schema cm_app;
create table cm_app.cm_orders (id int primary key, qty int unique, price int check (price > 0),
                               note int, constraint cm_qty_positive check (qty > 0));
create table cm_app.cm_lines (order_id int references cm_app.cm_orders (id), line int);
create index cm_orders_note on cm_app.cm_orders (note);
create view cm_app.cm_big as select id, qty from cm_app.cm_orders where qty > 10;
create materialized view cm_app.cm_totals as select id as n from cm_app.cm_orders;
create sequence cm_app.cm_seq;
set search_path = cm_app, public;

-- Every object kind.
comment on table cm_orders is 'orders placed';
comment on column cm_orders.qty is 'how many';
comment on column cm_app.cm_orders.price is 'unit price';
comment on index cm_orders_note is 'by note';
comment on index cm_orders_pkey is 'the key''s index';
comment on view cm_big is 'large orders';
comment on column cm_big.qty is 'view column';
comment on materialized view cm_totals is 'order count';
comment on column cm_totals.n is 'the count';
comment on sequence cm_seq is 'numbers';
comment on constraint cm_orders_pkey on cm_orders is 'primary key';
comment on constraint cm_orders_qty_key on cm_orders is 'unique qty';
comment on constraint cm_qty_positive on cm_orders is 'check';
comment on constraint cm_lines_order_id_fkey on cm_lines is 'foreign key';
comment on schema cm_app is 'application schema';
comment on table cm_lines is E'two\nlines';

select d.objoid::regclass as object, d.objsubid, d.description
  from pg_description d
 where d.classoid = 'pg_class'::regclass and d.objoid::regclass::text like 'cm_%'
 order by d.objoid::regclass::text, 2;
select c.conname, d.description
  from pg_description d join pg_constraint c on c.oid = d.objoid
 where d.classoid = 'pg_constraint'::regclass and c.conname like 'cm_%'
 order by 1;
select n.nspname, d.description
  from pg_description d join pg_namespace n on n.oid = d.objoid
 where d.classoid = 'pg_namespace'::regclass
 order by 1;

-- The functions.
select obj_description('cm_orders'::regclass, 'pg_class') as table_comment,
       obj_description('cm_orders'::regclass) as any_catalog,
       obj_description('cm_orders'::regclass, 'pg_namespace') as wrong_catalog,
       obj_description('cm_orders'::regclass, 'no_such_catalog') as unknown_catalog,
       col_description('cm_orders'::regclass, 2) as qty,
       col_description('cm_orders'::regclass, 1) as id,
       col_description('cm_orders'::regclass, 0) as zero;
select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = 'cm_app';
select obj_description(oid, 'pg_constraint') from pg_constraint where conname = 'cm_qty_positive';
select attname, col_description(attrelid, attnum)
  from pg_attribute where attrelid = 'cm_big'::regclass and attnum > 0 order by attnum;
select obj_description(null), col_description(null, 1), shobj_description(null, 'pg_database');

-- psql's meta-commands.
\d+ cm_orders
\dt+ cm_app.cm_orders
\dv+ cm_app.cm_big
\dm+ cm_app.cm_totals
\dn+ cm_app
\dd cm_*

-- NULL and '' remove a comment; a new one replaces the old.
comment on table cm_orders is 'replaced';
select obj_description('cm_orders'::regclass, 'pg_class');
comment on table cm_orders is null;
comment on column cm_orders.qty is '';
comment on constraint cm_qty_positive on cm_orders is null;
select obj_description('cm_orders'::regclass, 'pg_class'), col_description('cm_orders'::regclass, 2);
select count(*) from pg_description d join pg_constraint c on c.oid = d.objoid
 where c.conname = 'cm_qty_positive';
comment on table cm_orders is null;

-- Transactional: rolled back with the transaction or a savepoint.
begin;
comment on table cm_orders is 'in a transaction';
select obj_description('cm_orders'::regclass, 'pg_class');
rollback;
select obj_description('cm_orders'::regclass, 'pg_class');
begin;
comment on table cm_orders is 'kept';
savepoint s;
comment on table cm_orders is 'undone';
comment on column cm_orders.note is 'undone too';
rollback to savepoint s;
commit;
select obj_description('cm_orders'::regclass, 'pg_class'), col_description('cm_orders'::regclass, 4);

-- Errors.
comment on table cm_big is 'x';
comment on view cm_orders is 'x';
comment on materialized view cm_big is 'x';
comment on index cm_orders is 'x';
comment on sequence cm_orders is 'x';
comment on table cm_seq is 'x';
comment on table cm_orders_note is 'x';
comment on table no_such_table is 'x';
comment on table cm_app.no_such_table is 'x';
comment on table no_such_schema.t is 'x';
comment on column cm_orders.no_such_column is 'x';
comment on column cm_orders is 'x';
comment on column no_such_table.c is 'x';
comment on column cm_orders_note.note is 'x';
comment on column cm_orders_note.qty is 'x';
comment on column cm_seq.x is 'x';
comment on constraint no_such on cm_orders is 'x';
comment on constraint cm_qty_positive on no_such_table is 'x';
comment on schema no_such_schema is 'x';
comment on role no_such_role is 'x';
comment on database no_such_database is 'x';
comment on table cm_orders is 5;
comment on table cm_orders;

-- Ownership: a role that owns nothing (in public, where every role may
-- look names up).
create role cm_other login;
create role cm_manager login createrole;
create table public.cm_pub (a int primary key, b int constraint cm_pub_b check (b > 0));
create index cm_pub_b_idx on public.cm_pub (b);
create view public.cm_pub_v as select a from public.cm_pub;
create table public.cm_owned (a int);
alter table public.cm_owned owner to cm_other;
\c - cm_other
comment on table public.cm_pub is 'x';
comment on column public.cm_pub.b is 'x';
comment on view public.cm_pub_v is 'x';
comment on index public.cm_pub_b_idx is 'x';
comment on constraint cm_pub_b on public.cm_pub is 'x';
comment on schema cm_app is 'x';
comment on database basalt is 'x';
comment on role cm_manager is 'x';
comment on role basalt is 'x';
comment on table public.cm_owned is 'mine';
comment on column public.cm_owned.a is 'my column';
\c - cm_manager
comment on role cm_other is 'by a CREATEROLE role';
comment on role basalt is 'x';
\c - basalt
set search_path = cm_app, public;
select obj_description('cm_owned'::regclass, 'pg_class'), col_description('cm_owned'::regclass, 1);
drop table cm_owned;
drop view cm_pub_v;
drop table cm_pub;

-- Databases and roles: pg_shdescription.
comment on role cm_other is 'another role';
comment on database basalt is 'the test database';
select r.rolname, d.description from pg_shdescription d join pg_roles r on r.oid = d.objoid
 where r.rolname like 'cm_%';
select shobj_description(oid, 'pg_database') from pg_database where datname = 'basalt';
select shobj_description(oid, 'pg_authid') from pg_roles where rolname = 'cm_other';
select shobj_description(oid, 'pg_class') from pg_roles where rolname = 'cm_other';
comment on database basalt is null;
select shobj_description(oid, 'pg_database') from pg_database where datname = 'basalt';

-- Dropping an object drops its comments.
drop index cm_orders_note;
comment on column cm_orders.note is 'going';
alter table cm_orders drop column note;
comment on column cm_orders.price is 'price stays';
select objsubid, description from pg_description where objoid = 'cm_orders'::regclass
 order by 1;
select col_description('cm_orders'::regclass, 1), col_description('cm_orders'::regclass, 2),
       col_description('cm_orders'::regclass, 3);
alter table cm_orders drop constraint cm_qty_positive;
select c.conname, d.description
  from pg_description d join pg_constraint c on c.oid = d.objoid
 where c.conname like 'cm_%' order by 1;
drop view cm_big;
drop sequence cm_seq;
select d.objoid::regclass, d.objsubid, d.description from pg_description d
 where d.classoid = 'pg_class'::regclass and d.objoid >= 16384
 order by d.objoid::regclass::text, 2;
-- CREATE OR REPLACE VIEW keeps the comments of the columns it keeps.
create view cm_v as select id, qty from cm_orders;
comment on view cm_v is 'replaced view';
comment on column cm_v.qty is 'kept column';
create or replace view cm_v as select id, qty, price from cm_orders;
select obj_description('cm_v'::regclass, 'pg_class'), col_description('cm_v'::regclass, 2),
       col_description('cm_v'::regclass, 3);
drop role cm_other;
drop role cm_manager;
select count(*) from pg_shdescription where description like '%role%';
drop schema cm_app cascade;
select count(*) from pg_description d where d.objoid >= 16384;
comment on schema public is 'changed';
select obj_description('public'::regnamespace, 'pg_namespace');
comment on schema public is 'standard public schema';
reset search_path;
