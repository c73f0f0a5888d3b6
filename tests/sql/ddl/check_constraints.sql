-- CHECK constraints: column and table constraints, named and default-named
-- as PostgreSQL names them, enforced on INSERT, UPDATE and COPY FROM (23514
-- with the failing row), NULL passing, pg_constraint and psql's \d.
create table chk (a int check (a > 0), b int, c text,
  check (a < b), constraint b_not_five check (b <> 5), check (b > 0) not valid,
  check (length(c) < 4));
create table chk_more (x numeric check (x > 0) check (x < 100), y int check (y > x));
\d chk
\d chk_more
select conname, contype, convalidated, conkey, confrelid, pg_get_constraintdef(oid),
       pg_get_constraintdef(oid, true)
  from pg_constraint where conrelid = 'chk'::regclass order by conname;
select conname, pg_get_constraintdef(oid) from pg_constraint
  where conrelid = 'chk_more'::regclass order by conname;
select relname, relchecks from pg_class where relname in ('chk', 'chk_more') order by 1;
-- enforcement
insert into chk values (1, 2, 'x');
insert into chk values (-1, 3, 'x');
insert into chk values (1, 5, 'x');
insert into chk values (3, 2, 'x');
insert into chk values (1, 2, 'long');
insert into chk values (null, null, null);
insert into chk values (null, 7, null);
insert into chk (b) values (0);
insert into chk values (1, 2, 'a'), (2, 1, 'b');
select * from chk order by a nulls first, b;
update chk set a = -5 where a = 1;
update chk set b = 5 where b = 7;
update chk set a = a + 1 where a = 1;
update chk set c = 'abcd';
select * from chk order by a nulls first, b;
delete from chk where a is null;
-- a failed statement keeps nothing of its rows
insert into chk select g, g + 1, 'z' from generate_series(1, 3) g union all select 0, 1, 'z';
select count(*) from chk;
-- COPY FROM checks each row too
copy chk from stdin;
4	6	ab
\.
copy chk from stdin;
7	8	ok
9	1	no
\.
select * from chk order by a;
insert into chk_more values (50, 60);
insert into chk_more values (0, 1);
insert into chk_more values (100, 1);
insert into chk_more values (5, 1);
insert into chk_more values (null, null);
-- errors at CREATE TABLE
create table chk_bad (a int check (a));
create table chk_bad (a int check (sum(a) > 0));
create table chk_bad (a int check ((select 1) > 0));
create table chk_bad (a int check (a in (select 1)));
create table chk_bad (a int, check (nope > 0));
create table chk_bad (a int check (a > 0) not valid);
-- names: an unnamed constraint takes the next free name of the schema
create table chk_names (a int, b int, check (a > 0), check (a > 1), check (a + b > 0),
  constraint chk_names_check2 check (b > 0));
select conname, pg_get_constraintdef(oid) from pg_constraint
  where conrelid = 'chk_names'::regclass order by oid;
create table chk_names2 (a int check (a > 0));
create table "Chk Quoted" ("Col" int check ("Col" > 0), constraint "My Check" check ("Col" < 9));
\d "Chk Quoted"
insert into "Chk Quoted" values (10);
drop table chk;
drop table chk_more;
drop table chk_names;
drop table chk_names2;
drop table "Chk Quoted";
