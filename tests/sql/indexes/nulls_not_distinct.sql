-- UNIQUE ... NULLS [NOT] DISTINCT (PostgreSQL 15): column and table
-- constraints, CREATE [UNIQUE] INDEX, ALTER TABLE ADD CONSTRAINT over
-- existing rows, deferrable constraints, ON CONFLICT over a NULL key,
-- updates into and out of NULL keys, CREATE TABLE LIKE; 23505 with
-- `(null)` in the DETAIL; pg_index.indnullsnotdistinct, pg_get_indexdef,
-- pg_get_constraintdef, information_schema's nulls_distinct and psql's \d.
create table nnd (x int unique nulls not distinct, y int, z int,
  constraint nnd_yz unique nulls not distinct (y, z),
  constraint nnd_z unique nulls distinct (z));
insert into nnd values (null, null, null);
insert into nnd values (null, 1, null);
insert into nnd values (1, null, null);
insert into nnd values (2, 1, null);
insert into nnd values (3, 1, 5), (4, 2, 5);
insert into nnd values (5, 1, null);
insert into nnd values (6, null, 7), (7, null, 8);
select * from nnd order by x nulls first;
\d nnd
select indexrelid::regclass, indisunique, indnullsnotdistinct, pg_get_indexdef(indexrelid)
  from pg_index where indrelid = 'nnd'::regclass order by 1;
select conname, pg_get_constraintdef(oid) from pg_constraint
  where conrelid = 'nnd'::regclass order by 1;
select constraint_name, nulls_distinct from information_schema.table_constraints
  where table_name = 'nnd' order by 1;
-- updates into and out of a NULL key
update nnd set x = null where x = 7;
update nnd set x = 10 where x is null;
update nnd set x = null where x = 7;
select x, y, z from nnd order by x nulls first;
-- ON CONFLICT finds the row with the NULL key
insert into nnd values (null, 40, 40) on conflict (x) do update set z = 99;
insert into nnd values (null, 41, 41) on conflict (x) do nothing;
insert into nnd values (null, 42, 42) on conflict do nothing;
select x, y, z from nnd order by x nulls first;
-- CREATE INDEX forms
create unique index nnd_y_nnd on nnd (y) nulls not distinct;
create unique index nnd_y_nd on nnd (y) nulls distinct;
create index on nnd (z) nulls not distinct;
create unique index nnd_x_again on nnd (x) nulls not distinct where z > 0;
select indexrelid::regclass, indisunique, indnullsnotdistinct, pg_get_indexdef(indexrelid)
  from pg_index where indrelid = 'nnd'::regclass order by 1;
-- PRIMARY KEY takes no null treatment
create table nnd_pk (a int primary key nulls not distinct);
create table nnd_pk (a int, primary key nulls not distinct (a));
-- a unique constraint equal to an earlier one but for its null treatment
-- is a second index
create table nnd_two (a int, unique (a), unique nulls not distinct (a), unique (a));
\d nnd_two
-- ALTER TABLE ADD CONSTRAINT over existing rows
create table nnd_add (a int, b int);
insert into nnd_add values (null, 1), (null, 2), (1, 3);
alter table nnd_add add constraint nnd_add_a unique nulls not distinct (a);
alter table nnd_add add constraint nnd_add_a unique nulls distinct (a);
delete from nnd_add where b = 2;
alter table nnd_add add constraint nnd_add_b unique nulls not distinct (a);
insert into nnd_add values (null, 4);
create unique index nnd_add_idx on nnd_add (b) nulls not distinct;
insert into nnd_add values (2, null), (3, null);
-- deferrable: checked at COMMIT
create table nnd_def (a int, constraint nnd_def_a unique nulls not distinct (a)
  deferrable initially deferred);
begin;
insert into nnd_def values (null);
insert into nnd_def values (null);
commit;
begin;
insert into nnd_def values (null);
commit;
select count(*) from nnd_def;
select pg_get_constraintdef(oid) from pg_constraint where conname = 'nnd_def_a';
-- LIKE ... INCLUDING INDEXES keeps it
create table nnd_like (like nnd including indexes);
select indexrelid::regclass, indnullsnotdistinct from pg_index
  where indrelid = 'nnd_like'::regclass order by 1;
insert into nnd_like values (null, 1, 1), (null, 2, 2);
drop table nnd, nnd_two, nnd_add, nnd_def, nnd_like;
