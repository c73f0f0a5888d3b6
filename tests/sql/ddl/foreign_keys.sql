-- FOREIGN KEY constraints: column and table forms, default names, the
-- referenced key's checks at CREATE TABLE, 23503 on child writes, every ON
-- DELETE / ON UPDATE action, MATCH SIMPLE and FULL, multi-column keys,
-- self-referencing tables, DROP and TRUNCATE of referenced tables,
-- pg_constraint and psql's \d.
create table fk_parent (id int primary key, code text unique, name text);
create table fk_child (id int primary key, parent_id int references fk_parent,
  parent_code text references fk_parent (code) on delete cascade on update cascade);
\d fk_parent
\d fk_child
select conname, contype, confrelid::regclass, conkey, confkey, confupdtype, confdeltype,
       confmatchtype, conindid::regclass, convalidated, pg_get_constraintdef(oid)
  from pg_constraint where contype = 'f' order by conname;
select relname, relhastriggers from pg_class where relname like 'fk_%' and relkind = 'r' order by 1;
insert into fk_parent values (1, 'a', 'one'), (2, 'b', 'two'), (3, 'c', 'three');
-- child writes
insert into fk_child values (10, 1, 'a');
insert into fk_child values (11, 5, 'a');
insert into fk_child values (12, 1, 'zz');
insert into fk_child values (13, null, null);
insert into fk_child values (14, 2, 'b'), (15, 9, 'b');
update fk_child set parent_id = 7 where id = 10;
update fk_child set parent_id = 3 where id = 10;
select * from fk_child order by id;
-- parent writes: NO ACTION on parent_id, CASCADE on parent_code
delete from fk_parent where id = 3;
delete from fk_parent where id = 2;
update fk_parent set id = 30 where id = 3;
update fk_parent set code = 'aa' where code = 'a';
select * from fk_child order by id;
delete from fk_parent where id = 1;
update fk_child set parent_id = null where parent_id = 3;
delete from fk_parent where id = 3;
select * from fk_parent order by id;
select * from fk_child order by id;
-- NO ACTION passes when the key is there again at the end of the statement;
-- RESTRICT does not
create table fk_swap_parent (k int primary key);
create table fk_swap_child (k int references fk_swap_parent);
create table fk_swap_parent2 (k int primary key);
create table fk_swap_restrict (k int references fk_swap_parent2 on update restrict);
insert into fk_swap_parent values (1), (3);
insert into fk_swap_child values (1);
update fk_swap_parent set k = case k when 1 then 2 else 1 end;
select * from fk_swap_parent order by k;
insert into fk_swap_child values (2);
update fk_swap_parent set k = k + 10 where k = 2;
insert into fk_swap_parent2 values (1), (3);
insert into fk_swap_restrict values (1);
update fk_swap_parent2 set k = case k when 1 then 2 else 1 end;
-- ON DELETE SET DEFAULT to a key that does not exist fails
create table fk_def (x int default 99 references fk_swap_parent on delete set default);
insert into fk_def values (2);
delete from fk_swap_child where k = 2;
delete from fk_swap_parent where k = 2;
select * from fk_def;
-- SET NULL, SET DEFAULT, column lists, multi-column keys, MATCH FULL
create table fk_pair (a int, b int, label text, primary key (a, b));
insert into fk_pair values (1, 1, 'x'), (1, 2, 'y'), (2, 2, 'z'), (0, 0, 'default');
create table fk_pair_child (id int primary key, a int default 0, b int default 0,
  foreign key (a, b) references fk_pair on delete set null on update set default);
create table fk_pair_full (id int primary key, a int, b int,
  constraint full_key foreign key (b, a) references fk_pair (b, a) match full
    on delete set default (a) on update cascade);
create table fk_pair_list (id int primary key, a int, b int,
  foreign key (a, b) references fk_pair on delete set null (b));
\d fk_pair_child
\d fk_pair_full
\d fk_pair
insert into fk_pair_child values (1, 1, 1), (2, 1, 2), (3, null, 5), (4, 2, 2);
insert into fk_pair_child values (5, 3, 3);
insert into fk_pair_full values (1, 1, 1), (2, null, null), (3, 2, 2);
insert into fk_pair_full values (4, 1, null);
insert into fk_pair_full values (5, 3, 3);
insert into fk_pair_list values (1, 1, 2), (2, 2, 2);
delete from fk_pair where a = 1 and b = 1;
select * from fk_pair_child order by id;
select * from fk_pair_full order by id;
update fk_pair set b = 20 where a = 2;
delete from fk_pair_list where id = 2;
update fk_pair set b = 20 where a = 2;
select * from fk_pair_child order by id;
select * from fk_pair_full order by id;
delete from fk_pair where a = 1 and b = 2;
select * from fk_pair_child order by id;
select * from fk_pair_list order by id;
delete from fk_pair where a = 0;
select * from fk_pair_child order by id;
-- self-referencing table: order within a statement does not matter
create table fk_tree (id int primary key, parent int references fk_tree on delete cascade);
insert into fk_tree values (2, 1), (1, null), (3, 2), (4, 3), (5, 1);
insert into fk_tree values (6, 60);
delete from fk_tree where id = 2;
select * from fk_tree order by id;
create table fk_node (id int primary key, up int references fk_node);
insert into fk_node values (1, null), (2, 1);
delete from fk_node where id = 1;
delete from fk_node;
select count(*) from fk_node;
-- referencing rows found through an index led by the referencing columns
create table fk_ix_parent (id int primary key);
create table fk_ix_child (id int primary key, pid int references fk_ix_parent on delete cascade);
create index fk_ix_child_pid on fk_ix_child (pid);
create table fk_ix_restrict (a int, b int references fk_ix_parent);
create index on fk_ix_restrict (b, a);
insert into fk_ix_parent select g from generate_series(1, 5) g;
insert into fk_ix_child select g, g % 5 + 1 from generate_series(1, 20) g;
insert into fk_ix_restrict values (1, 5), (2, null);
delete from fk_ix_parent where id in (1, 2);
select pid, count(*) from fk_ix_child group by pid order by pid;
delete from fk_ix_parent where id = 5;
update fk_ix_restrict set b = 4;
delete from fk_ix_parent where id = 5;
select * from fk_ix_restrict order by a;
drop table fk_ix_restrict, fk_ix_child, fk_ix_parent;
-- integer widths may differ between the two sides
create table fk_wide (id bigint references fk_parent);
insert into fk_parent values (7, 'g', 'seven');
insert into fk_wide values (7);
insert into fk_wide values (4294967297);
-- COPY FROM checks the keys of its rows at the end
create table fk_copy (pid int references fk_parent);
copy fk_copy from stdin;
7
\N
\.
copy fk_copy from stdin;
7
8
\.
select * from fk_copy order by pid;
drop table fk_copy;
-- errors at CREATE TABLE
create table fk_bad (x text references fk_parent);
create table fk_bad (x int references fk_pair);
create table fk_bad (x int references fk_parent (name));
create table fk_bad (x int, foreign key (x) references fk_parent (id, code));
create table fk_bad (x int references fk_missing);
create table fk_bad (x int references fk_parent (nope));
create table fk_bad (x int, foreign key (nope) references fk_parent);
create table fk_bad (x int, y int, foreign key (x) references fk_parent on delete set null (y));
create table fk_bad (x int references fk_parent on update set null (x));
create table fk_bad (x int references fk_parent match partial);
create table fk_ok (x int references fk_parent not deferrable initially immediate);
drop table fk_ok;
-- DROP and TRUNCATE of a referenced table
drop table fk_parent;
truncate fk_parent;
truncate fk_parent, fk_child, fk_wide;
truncate fk_parent cascade;
drop table fk_parent cascade;
\d fk_child
insert into fk_child values (99, 12345, 'nothing');
drop table fk_child;
drop table fk_wide;
drop table fk_swap_child, fk_swap_restrict, fk_def, fk_swap_parent, fk_swap_parent2;
drop table fk_pair_child;
drop table fk_pair_full;
drop table fk_pair_list;
drop table fk_pair;
drop table fk_tree;
drop table fk_node;
