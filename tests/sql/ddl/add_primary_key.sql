-- ALTER TABLE ... ADD PRIMARY KEY moves the rows under the new key: rows in
-- ascending key order go to sorted files, the rest in batches; a repeated key
-- is found in either (23505), a NULL key column is refused (23502).
create table pk_ascending (id int, v text);
insert into pk_ascending select g, 'v' || g from generate_series(1, 3000) g;
alter table pk_ascending add primary key (id);
select count(*), min(id), max(id) from pk_ascending;
insert into pk_ascending values (5, 'again');
select * from pk_ascending where id between 1499 and 1501;

-- A repeat right after its twin, while the keys still ascend.
create table pk_adjacent (id int, v text);
insert into pk_adjacent values (1, 'a'), (2, 'b'), (2, 'c'), (3, 'd');
alter table pk_adjacent add primary key (id);

-- A repeat of a key written to the sorted files, met after the order broke.
create table pk_after_sorted (id int, v text);
insert into pk_after_sorted select g, 'v' from generate_series(1, 2000) g;
insert into pk_after_sorted values (2500, 'high'), (700, 'dup');
alter table pk_after_sorted add primary key (id);

-- Repeats among the batched keys: below and above the sorted files' last key.
create table pk_batched (id int, v text);
insert into pk_batched values (50, 'a'), (10, 'b'), (60, 'c'), (30, 'd'), (60, 'e');
alter table pk_batched add primary key (id);
create table pk_batched_low (id int, v text);
insert into pk_batched_low values (50, 'a'), (10, 'b'), (60, 'c'), (30, 'd'), (10, 'e');
alter table pk_batched_low add primary key (id);

-- Out of order but unique: every row moves, in key order afterwards.
create table pk_shuffled (id int, v text);
insert into pk_shuffled select (g * 7919) % 5003, 'v' from generate_series(1, 5002) g;
alter table pk_shuffled add primary key (id);
select count(*), count(distinct id), min(id), max(id) from pk_shuffled;
select id from pk_shuffled order by id limit 3;

-- Composite keys, and a NULL in a key column.
create table pk_pair (a int, b int, v text);
insert into pk_pair values (2, 1, 'x'), (1, 2, 'y'), (1, 1, 'z');
alter table pk_pair add constraint pk_pair_key primary key (a, b);
select * from pk_pair order by a, b;
create table pk_null (id int, v text);
insert into pk_null values (1, 'a'), (null, 'b');
alter table pk_null add primary key (id);
drop table pk_ascending, pk_adjacent, pk_after_sorted, pk_batched, pk_batched_low, pk_shuffled, pk_pair, pk_null;
