-- psql's meta-commands over a schema with tables, keys, indexes and views:
-- the catalog queries psql 15 sends, answered as PostgreSQL 15 answers them.
-- The other meta-commands (\d+, \dt+, \dm, \ds, \df, \dT, \dg, \l, \l+,
-- \dp, \dd, \dx, \conninfo) and tab completion: psql_describe_more.sql.
create table psql_orders (id int primary key, customer varchar(20) not null, total numeric(8,2), code text unique);
create table psql_items (order_id int, line int, qty int, primary key (order_id, line));
create index psql_orders_customer on psql_orders (customer desc);
create view psql_big_orders as select id, total from psql_orders where total > 100;
\dt
\dt psql_*
\di
\dv
\d
\dn
\du
\dt pg_catalog.pg_clas*
\dv pg_catalog.pg_ro*
\d psql_orders
\d psql_items
\d psql_big_orders
\d psql_orders_pkey
\d psql_orders_customer
drop view psql_big_orders;
drop table psql_items;
drop table psql_orders;
