-- ALTER TABLE ... ADD COLUMN [IF NOT EXISTS]: rows stored before the column
-- existed read NULL or its constant DEFAULT without being rewritten; a
-- volatile DEFAULT fills each row; NOT NULL and the column's constraints
-- are checked against the existing rows.
create table atc (id int primary key, a text);
insert into atc values (1, 'one'), (2, 'two');
alter table atc add column b int;
select * from atc order by id;
alter table atc add c int default 7;
insert into atc (id, a) values (3, 'three');
insert into atc values (4, 'four', 40, 41);
select * from atc order by id;
select * from atc where c = 7 order by id;
alter table atc add column c int;
alter table atc add column if not exists c int;
alter table atc add column d int not null;
alter table atc add column d int not null default 0;
select id, d from atc order by id;
alter table atc add column e text default 'e' || 'x' || 'y';
-- now() is stable: one value for every existing row
alter table atc add column f timestamptz default now();
select count(distinct f), count(*) from atc;
-- random() is volatile: each existing row gets its own value
alter table atc add column g float8 default random();
select count(distinct g) = count(*) as each_row_its_own from atc;
alter table atc add column h int default 0 check (h > 0);
alter table atc add column h int default 1 check (h > 0);
alter table atc add column u int unique;
alter table atc add column v int default 5 unique;
alter table atc add column w int default 5 references atc (id);
alter table atc add column w int default 1 references atc (id);
alter table atc add column x int default 'x';
alter table atc add column x int default a;
alter table atc add column x nosuchtype;
update atc set b = 100 where id = 1;
delete from atc where id = 2;
select id, a, b, c, d, e, h, u, w from atc order by id;
-- the rows stored before keep the value the default had at ADD COLUMN
alter table atc alter column e drop default;
insert into atc (id, a) values (5, 'five');
select id, e from atc order by id;
\d atc
select attname, attnum, attnotnull, atthasdef from pg_attribute
  where attrelid = 'atc'::regclass and attnum > 0 order by attnum;
select column_name, ordinal_position, column_default, is_nullable
  from information_schema.columns where table_name = 'atc' order by ordinal_position;
alter table nosuch add column x int;
alter table if exists nosuch add column x int;
-- a DEFAULT drawing from a sequence fills each existing row
create sequence atc_seq;
create table atc_s (k int);
insert into atc_s values (10), (20), (30);
alter table atc_s add column n bigint default nextval('atc_seq');
select k, n from atc_s order by k;
insert into atc_s (k) values (40);
select k, n from atc_s order by k;
-- serial and identity columns: each existing row draws from the new sequence
create table atc_ser (k text);
insert into atc_ser values ('a'), ('b');
alter table atc_ser add column id serial;
alter table atc_ser add column ident bigint generated always as identity (start with 10);
insert into atc_ser (k) values ('c');
insert into atc_ser (k, ident) values ('d', 1);
select * from atc_ser order by k;
\d atc_ser
select relname from pg_class where relname like 'atc_ser%' order by relname;
alter table atc_ser alter column id drop default;
alter table atc_ser alter column ident set default 5;
alter table atc_ser alter column ident drop default;
alter table atc_ser alter column ident drop not null;
-- an empty table takes NOT NULL without a default
create table atc_empty (k int);
alter table atc_empty add column n int not null;
insert into atc_empty values (1, null);
insert into atc_empty values (1, 2);
select * from atc_empty;

-- ALTER TABLE ... DROP COLUMN [IF EXISTS] [RESTRICT | CASCADE]: the rows
-- are not rewritten; indexes and constraints on the column go with it.
create table atd (id int primary key, a int, b text, c int);
insert into atd values (1, 10, 'x', 100), (2, 20, 'y', 200);
create index atd_c on atd (c);
create index atd_a_c on atd (a, c);
create index atd_a on atd (a);
alter table atd drop column b;
select * from atd order by id;
insert into atd values (3, 30, 300);
select * from atd order by id;
alter table atd drop column b;
alter table atd drop column if exists b;
alter table atd add column b text default 'new';
select * from atd order by id;
insert into atd values (4, 40, 400, 'four');
alter table atd drop column c;
select * from atd order by id;
select * from atd where a = 20;
alter table atd alter column b drop default;
\d atd
copy atd to stdout;
copy atd from stdin;
5	50	five
\.
insert into atd values (6, 60, 'six');
select * from atd order by id;
update atd set b = 'updated' where id = 1;
delete from atd where id = 2;
select * from atd order by id;
-- views reading the column refuse the drop unless CASCADE
create view atd_v as select id, a from atd;
create view atd_vv as select a from atd_v;
create view atd_other as select id, b from atd;
create materialized view atd_mv as select a, count(*) from atd group by a;
alter table atd drop column a;
alter table atd drop column a restrict;
alter table atd drop column a cascade;
select * from atd order by id;
select * from atd_other order by id;
select relname from pg_class where relname like 'atd%' order by relname;
-- a view over every column (*) reads each of them, and only those it had
create view atd_star as select * from atd;
alter table atd drop column b;
alter table atd add column z int default 26;
select * from atd_star order by id;
\d atd_star
drop view atd_star;
alter table atd drop column z;
-- CHECK constraints and foreign keys on the column go with it
create table atd_parent (k int primary key);
insert into atd_parent values (1);
create table atd_child (x int check (x > 0), y int, z int references atd_parent,
  check (y > x));
alter table atd_child drop column x;
insert into atd_child values (-5, 1);
alter table atd_child drop column z;
insert into atd_child values (-5);
select * from atd_child;
\d atd_child
-- a serial column's sequence goes with it
create table atd_serial (id serial, v int);
insert into atd_serial (v) values (1);
alter table atd_serial drop column id;
select relname from pg_class where relname like 'atd_serial%';
select * from atd_serial;
-- a primary key column: the key goes with it (and frees its name)
create table atd_pk (id int primary key, v text);
insert into atd_pk values (1, 'a'), (2, 'b');
create table atd_fk (r int references atd_pk);
alter table atd_pk drop column id;
drop table atd_fk;
alter table atd_pk drop column id;
insert into atd_pk values ('c'), ('a');
select * from atd_pk order by v;
create index atd_pk_pkey on atd_pk (v);
select * from atd_pk where v = 'a';
\d atd_pk
-- the last column may go too
create table atd_last (only_col int);
insert into atd_last values (1), (2);
alter table atd_last drop column only_col;
select count(*) from atd_last;
alter table atd_last add column again int default 3;
select * from atd_last;

-- ALTER COLUMN ... SET / DROP DEFAULT, SET / DROP NOT NULL
create table atn (id int primary key, a int, b text default 'b');
insert into atn values (1, null, default), (2, 2, 'z');
alter table atn alter column a set not null;
update atn set a = 1 where id = 1;
alter table atn alter column a set not null;
insert into atn (id) values (3);
alter table atn alter column a drop not null;
insert into atn (id) values (3);
alter table atn alter column id drop not null;
alter table atn alter column a set default 42;
insert into atn (id) values (4);
alter table atn alter b drop default;
insert into atn (id) values (5);
alter table atn alter column a set default 'x';
alter table atn alter column a set default b;
alter table atn alter column nosuch set default 1;
alter table atn alter column nosuch set not null;
select * from atn order by id;
\d atn

-- ALTER COLUMN ... [SET DATA] TYPE ... [USING expr]: the rows are
-- rewritten and the indexes rebuilt
create table att (id int primary key, n text, m int, k text);
insert into att values (1, '10', 5, 'a'), (2, '20', 6, 'b'), (3, null, 7, 'c');
create index att_n on att (n);
create unique index att_m on att (m);
alter table att alter column n type int;
alter table att alter column n type int using n::int;
select * from att where n = 20;
select * from att order by n desc;
alter table att alter m type bigint;
alter table att alter column m set data type numeric(10,2);
alter table att alter column k type int using length(k);
alter table att alter column k type date;
alter table att alter column k type int using (select 1);
select * from att order by id;
select * from att where m = 6;
insert into att values (4, 40, 6, 1);
\d att
alter table att alter column n set not null;
alter table att alter column id type bigint;
insert into att values (5000000000, 50, 50, 1);
select * from att order by id;
create view att_v as select n from att;
alter table att alter column n type bigint;
alter table att alter column n type date;
alter table att alter column k type bigint;
-- views and materialized views have no column actions
alter table att_v add column z int;
create materialized view att_mv as select k from att;
alter table att_mv drop column k;
alter table att_mv alter column k set not null, add column z int;
drop materialized view att_mv;
-- foreign keys on the column must still compare
create table att_parent (id int primary key);
create table att_child (pid int references att_parent);
insert into att_parent values (1);
insert into att_child values (1);
alter table att_child alter column pid type text;
alter table att_parent alter column id type text;
alter table att_child alter column pid type bigint;
alter table att_parent alter column id type smallint;
insert into att_child values (2);
insert into att_child values (1);
select * from att_child;
drop table att_child, att_parent;
-- a new type that makes two keys equal
create table att_dup (x numeric primary key, y numeric unique);
insert into att_dup values (1.2, 1), (1.4, 2);
alter table att_dup alter column x type int;
alter table att_dup alter column y type int using 5;
alter table att_dup alter column y type int using y * 2;
select * from att_dup order by x;

-- several actions in one statement, applied together or not at all
create table atm (a int, b int, c int);
insert into atm values (1, 2, 3);
alter table atm add column d int default 4, drop column b, alter column c set not null;
select * from atm;
alter table atm add column e int, add column e int;
alter table atm add column f int default 1, alter column a set not null,
  add column g int not null;
select * from atm;
\d atm
alter table atm rename column d to dd;
select * from atm;

-- ALTER TABLE is transactional
begin;
alter table atm add column e int default 5, drop column c;
insert into atm values (2, 8, 9);
select * from atm order by a;
rollback;
select * from atm order by a;
begin;
alter table atm alter column a type text using 'a' || a;
select * from atm;
rollback;
select * from atm;
begin;
alter table atm drop column c;
savepoint s;
alter table atm add column z int default 26;
rollback to savepoint s;
select * from atm;
commit;
select * from atm;

-- prepared statements see the new definition
prepare atm_all as select * from atm;
execute atm_all;
alter table atm add column p int default 16;
execute atm_all;
prepare atm_a as select a, p from atm;
execute atm_a;
alter table atm drop column dd;
execute atm_a;
deallocate all;

-- the rows a rewrite writes are read by the next statements of a
-- REPEATABLE READ transaction
begin isolation level repeatable read;
select * from atm;
alter table atm alter column a type bigint, add column q float8 default random();
select a, p, q is not null as q_set from atm;
commit;
select a, p from atm;

drop table atc, atc_s, atc_ser, atc_empty, atd, atd_parent, atd_child, atd_serial, atd_pk,
  atd_last, atn, att, att_dup, atm cascade;
drop sequence atc_seq;
