-- DEFERRABLE foreign keys and UNIQUE constraints, SET CONSTRAINTS: the
-- forms and their errors, checks at the statement's end or at COMMIT (the
-- transaction rolled back, 23503 / 23505 with their DETAIL),
-- SET CONSTRAINTS ... IMMEDIATE checking what is pending, savepoints,
-- pg_constraint, pg_get_constraintdef, information_schema and psql's \d.
create table df_parent (id int primary key, code text unique);
-- every form
create table df_child (
  a int constraint df_a references df_parent deferrable initially deferred,
  b int constraint df_b references df_parent deferrable,
  c int constraint df_c references df_parent not deferrable,
  d int constraint df_d references df_parent initially deferred,
  e int constraint df_e references df_parent deferrable initially immediate,
  f text,
  constraint df_f foreign key (f) references df_parent (code) on delete cascade
    initially deferred deferrable,
  constraint df_g foreign key (e) references df_parent not deferrable initially immediate);
\d df_child
select conname, contype, condeferrable, condeferred, pg_get_constraintdef(oid)
  from pg_constraint where conrelid = 'df_child'::regclass order by conname;
select constraint_name, constraint_type, is_deferrable, initially_deferred
  from information_schema.table_constraints where table_name = 'df_child'
  order by constraint_name;
alter table df_child add constraint df_h foreign key (b) references df_parent
  deferrable initially deferred not valid;
alter table df_child add constraint df_i foreign key (c) references df_parent initially deferred;
select conname, condeferrable, condeferred, convalidated, pg_get_constraintdef(oid)
  from pg_constraint where conname in ('df_h', 'df_i') order by conname;
alter table df_child drop constraint df_h;
alter table df_child drop constraint df_i;
-- errors
create table df_bad (a int check (a > 0) deferrable);
create table df_bad (a int not null deferrable);
create table df_bad (a int deferrable);
create table df_bad (a int default 1 initially deferred);
create table df_bad (a int null not deferrable);
create table df_bad (a int, check (a > 0) deferrable);
create table df_bad (a int, check (a > 0) initially deferred);
create table df_bad (a int references df_parent not deferrable initially deferred);
create table df_bad (a int references df_parent initially deferred not deferrable);
create table df_bad (a int references df_parent deferrable not deferrable);
create table df_bad (a int references df_parent deferrable deferrable);
create table df_bad (a int references df_parent initially deferred initially immediate);
create table df_bad (a int, foreign key (a) references df_parent deferrable not deferrable);
create table df_bad (a int, foreign key (a) references df_parent not deferrable initially deferred);
create table df_bad (a int, foreign key (a) references df_parent initially immediate initially deferred);
alter table df_child add constraint df_bad check (a > 0) deferrable;
alter table df_child add constraint df_bad foreign key (a) references df_parent
  not deferrable initially deferred;
-- accepted and meaning what they say
create table df_ok (a int check (a > 0), b int not null,
  check (b > 0) not deferrable initially immediate);
create table df_bad (a int check (a > 0) not deferrable);
select conname, condeferrable, condeferred from pg_constraint
  where conrelid = 'df_ok'::regclass order by conname;
drop table df_ok;
-- a child before its parent, in one transaction
begin;
insert into df_child (a) values (1);
select * from df_child;
insert into df_parent values (1, 'one');
commit;
select a from df_child;
-- checked at COMMIT: 23503, and the transaction is rolled back
begin;
insert into df_child (a) values (2);
insert into df_parent values (3, 'three');
commit;
select * from df_parent order by id;
select a from df_child order by a;
-- an implicit transaction checks at its end too
insert into df_child (a) values (4);
-- not deferred: checked at the statement's end
begin;
insert into df_child (b) values (5);
rollback;
begin;
insert into df_child (c) values (5);
rollback;
-- a deleted child, a changed key, the parent deleted again
begin;
insert into df_child (a) values (6);
delete from df_child where a = 6;
commit;
begin;
insert into df_child (a) values (7);
update df_child set a = 1 where a = 7;
commit;
begin;
insert into df_parent values (8, 'eight');
insert into df_child (a) values (8);
delete from df_parent where id = 8;
commit;
select a from df_child order by a;
-- the parent side: NO ACTION waits for COMMIT, a key given back passes
begin;
delete from df_parent where id = 1;
insert into df_parent values (1, 'one again');
commit;
begin;
delete from df_parent where id = 1;
commit;
select * from df_parent order by id;
-- CASCADE acts at once even when deferred (df_f)
insert into df_parent values (9, 'nine');
insert into df_child (f) values ('nine');
begin;
delete from df_parent where id = 9;
select count(*) from df_child where f = 'nine';
commit;
-- SET CONSTRAINTS
begin;
set constraints df_b deferred;
insert into df_child (b) values (10);
insert into df_parent values (10, 'ten');
commit;
begin;
set constraints all deferred;
insert into df_child (b) values (11);
set constraints df_b immediate;
rollback;
begin;
set constraints all deferred;
insert into df_child (e) values (12);
set constraints all immediate;
rollback;
begin;
insert into df_child (a) values (13);
set constraints df_a immediate;
rollback;
begin;
set constraints df_a immediate;
insert into df_child (a) values (14);
rollback;
begin;
set constraints df_a, public.df_d immediate;
set constraints df_a deferred;
insert into df_child (a) values (15);
set constraints all immediate;
rollback;
begin;
set constraints df_c deferred;
rollback;
begin;
set constraints df_c immediate;
set constraints df_parent_pkey immediate;
set constraints df_parent_pkey deferred;
rollback;
begin;
set constraints no_such immediate;
rollback;
begin;
set constraints no_schema.df_a immediate;
rollback;
set constraints all deferred;
set constraints df_a immediate;
set constraints no_such deferred;
-- the mode lasts for the transaction only
begin;
set constraints all immediate;
commit;
begin;
insert into df_child (a) values (16);
insert into df_parent values (16, 'sixteen');
commit;
-- savepoints: checks queued after one are dropped with it
begin;
insert into df_child (a) values (17);
savepoint s;
insert into df_child (a) values (18);
rollback to s;
insert into df_parent values (17, 'seventeen');
commit;
select a from df_child where a between 17 and 18;
begin;
insert into df_child (a) values (19);
savepoint s;
insert into df_parent values (19, 'nineteen');
rollback to s;
commit;
begin;
savepoint s;
set constraints df_b deferred;
rollback to s;
insert into df_child (b) values (20);
rollback;
begin;
insert into df_child (a) values (21);
savepoint s;
select 1 / 0;
rollback to s;
insert into df_parent values (21, 'twenty-one');
release s;
commit;
select a from df_child order by a;
-- several rows, the first missing parent reported
begin;
insert into df_child (a) values (22), (23), (24);
insert into df_parent values (22, 'x');
commit;
-- MATCH FULL, multi-column keys
create table df_pair (x int, y int, primary key (x, y));
create table df_pair_child (x int, y int,
  constraint df_pair_fk foreign key (x, y) references df_pair initially deferred);
begin;
insert into df_pair_child values (1, 2), (null, 5);
insert into df_pair values (1, 2);
commit;
begin;
insert into df_pair_child values (3, 4);
commit;
select * from df_pair_child order by x;
drop table df_pair_child, df_pair;
-- a self reference
create table df_tree (id int primary key,
  parent int constraint df_tree_up references df_tree deferrable initially deferred);
begin;
insert into df_tree values (2, 1);
insert into df_tree values (1, null);
commit;
begin;
delete from df_tree where id = 1;
commit;
select * from df_tree order by id;
drop table df_tree;
drop table df_child, df_parent;
-- UNIQUE: DEFERRABLE checks at the statement's end, INITIALLY DEFERRED at COMMIT
create table du (id int constraint du_key unique deferrable initially deferred, w int,
  v int, constraint du_v unique (v) deferrable, u int unique not deferrable initially immediate);
\d du
select conname, contype, condeferrable, condeferred, pg_get_constraintdef(oid)
  from pg_constraint where conrelid = 'du'::regclass order by conname;
select c.relname, i.indisunique, i.indimmediate from pg_index i
  join pg_class c on c.oid = i.indexrelid
  where i.indrelid = 'du'::regclass order by 1;
select constraint_name, constraint_type, is_deferrable, initially_deferred
  from information_schema.table_constraints where table_name = 'du'
  order by constraint_name;
insert into du (id, w, v) values (1, 1, 1), (2, 2, 2), (3, 3, 3);
insert into du (id, w) values (1, 1);
insert into du (v) values (1);
insert into du (id, v) values (4, 4), (5, 4);
update du set v = v + 1;
update du set v = 3 where v = 2;
select id, w, v from du order by id;
begin;
insert into du (id, w) values (1, 10);
select id, w from du order by id, w;
delete from du where w = 1;
commit;
select id, w from du order by id, w;
begin;
insert into du (id, w) values (2, 20);
update du set w = 21 where w = 20;
commit;
begin;
insert into du (id, w) values (3, 30);
set constraints du_key immediate;
rollback;
begin;
set constraints du_v deferred;
update du set v = 4 where id = 2;
update du set v = 3 where id = 3;
commit;
select id, w, v from du order by id;
begin;
set constraints all deferred;
insert into du (v) values (3);
savepoint s;
insert into du (v) values (4);
rollback to s;
delete from du where id = 3;
commit;
select id, w, v from du order by id, v;
begin;
set constraints du_key immediate;
insert into du (id) values (1);
rollback;
-- NULLs never conflict
begin;
insert into du (id, v) values (null, null), (null, null);
commit;
select count(*) from du where id is null;
-- neither referenced by a foreign key nor an ON CONFLICT arbiter
create table du_child (a int references du (id));
insert into du (id) values (9) on conflict (id) do nothing;
insert into du (id) values (9) on conflict on constraint du_key do nothing;
-- ALTER TABLE ADD checks the rows there are
create table dx (a int, b int);
insert into dx values (1, 1), (1, 2), (null, 3), (null, 4);
alter table dx add constraint dx_a unique (a) deferrable;
delete from dx where b = 2;
alter table dx add constraint dx_a unique (a) deferrable initially deferred;
select pg_get_constraintdef(oid) from pg_constraint where conname = 'dx_a';
begin;
update dx set a = 1 where b = 3;
update dx set a = 2 where b = 1;
commit;
select * from dx order by b;
drop table dx, du;
