-- ALTER TABLE ... ADD CHECK / FOREIGN KEY (existing rows checked unless
-- NOT VALID), VALIDATE CONSTRAINT, RENAME CONSTRAINT, DROP CONSTRAINT
-- [IF EXISTS].
create table alt_parent (id int primary key, code text unique);
create table alt_child (id int primary key, pid int, code text, n int);
insert into alt_parent values (1, 'a'), (2, 'b');
insert into alt_child values (1, 1, 'a', 5), (2, 2, 'b', -1), (3, null, null, null);
-- existing rows are checked
alter table alt_child add check (n > 0);
alter table alt_child add constraint n_positive check (n > 0) not valid;
insert into alt_child values (4, 1, 'a', 0);
alter table alt_child add foreign key (pid) references alt_parent;
insert into alt_child values (5, 3, 'a', 1);
insert into alt_child values (6, 2, 'b', 1);
alter table alt_child add constraint code_fk foreign key (code) references alt_parent (code)
  on delete cascade;
select conname, contype, convalidated, pg_get_constraintdef(oid) from pg_constraint
  where conrelid = 'alt_child'::regclass order by conname;
\d alt_child
-- a referencing row that is missing its parent
insert into alt_parent values (3, 'c');
create table alt_orphans (pid int);
insert into alt_orphans values (1), (9), (null);
alter table alt_orphans add constraint orphans_fk foreign key (pid) references alt_parent;
alter table alt_orphans add constraint orphans_fk foreign key (pid) references alt_parent not valid;
insert into alt_orphans values (8);
-- VALIDATE
alter table alt_child validate constraint n_positive;
update alt_child set n = 1 where n <= 0;
alter table alt_child validate constraint n_positive;
alter table alt_orphans validate constraint orphans_fk;
delete from alt_orphans where pid = 9;
alter table alt_orphans validate constraint orphans_fk;
alter table alt_child validate constraint alt_child_pkey;
alter table alt_child validate constraint nope;
select conname, convalidated from pg_constraint
  where conrelid in ('alt_child'::regclass, 'alt_orphans'::regclass) order by conname;
-- RENAME
alter table alt_child rename constraint n_positive to n_above_zero;
alter table alt_child rename constraint nope to other;
alter table alt_child rename constraint n_above_zero to code_fk;
insert into alt_child values (7, 1, 'a', -7);
-- duplicate names
alter table alt_child add constraint code_fk check (n < 100);
alter table alt_child add check (n < 100), add check (n < 200);
select conname, pg_get_constraintdef(oid) from pg_constraint
  where conrelid = 'alt_child'::regclass and contype = 'c' order by conname;
-- DROP
alter table alt_child drop constraint n_above_zero;
alter table alt_child drop constraint n_above_zero;
alter table alt_child drop constraint if exists n_above_zero;
alter table alt_child drop constraint code_fk;
delete from alt_parent where code = 'a';
alter table alt_child drop constraint alt_child_pid_fkey;
delete from alt_parent where code = 'a';
delete from alt_orphans where pid = 1;
delete from alt_parent where code = 'a';
select * from alt_child order by id;
\d alt_child
drop table alt_orphans;
drop table alt_child;
drop table alt_parent;
