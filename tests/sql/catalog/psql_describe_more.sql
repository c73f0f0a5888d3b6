-- psql 15's meta-commands over a schema with every constraint kind,
-- indexes, a view, a materialized view, sequences and comments, and the
-- queries psql's tab completion sends for table and column names (as
-- psql 15 sends them, captured from PostgreSQL's statement log).
-- Allowed differences, masked identically on both servers (also listed in
-- docs/sql-reference.md, "psql"):
-- * sizes in \dt+ and \l+: Basalt's are estimates from RocksDB, and an empty
--   PostgreSQL table with a TOAST table takes 8192 bytes for its index.
--   Those commands run with unaligned output through `sed`, sizes replaced
--   by <size>.
-- * \conninfo: the port differs, and Basalt serves TLS where the reference
--   server has none; it runs in a psql with sslmode=disable, its port
--   replaced by <port>.
create schema pm_app;
create table pm_app.pm_customers (id int primary key, email varchar(40) not null unique, name text default 'anon');
create table pm_app.pm_orders (id serial primary key, customer_id int not null references pm_app.pm_customers (id) on delete cascade,
                               qty int check (qty > 0), total numeric(8,2) default 0, note text,
                               constraint pm_orders_qty_note unique (qty, note));
create index pm_orders_total on pm_app.pm_orders (total desc);
create view pm_app.pm_big as select id, total from pm_app.pm_orders where total > 100;
create materialized view pm_app.pm_counts as select customer_id, count(*) as n from pm_app.pm_orders group by customer_id;
create sequence pm_app.pm_seq;
create role pm_reader;
create role pm_writer login createdb connection limit 5;
comment on table pm_app.pm_orders is 'orders placed';
comment on column pm_app.pm_orders.qty is 'how many';
comment on view pm_app.pm_big is 'large orders';
comment on sequence pm_app.pm_seq is 'numbers';
comment on schema pm_app is 'application schema';
comment on constraint pm_orders_qty_check on pm_app.pm_orders is 'positive';
comment on index pm_app.pm_orders_total is 'by total';
set search_path = pm_app, public;

-- Relations.
\d
\d+ pm_orders
\d pm_customers
\d pm_orders_total
\d pm_orders_pkey
\d pm_big
\d+ pm_big
\d pm_counts
\dt
\di
\dv
\dm
\ds
\dt pm_app.pm_c*
\dp
\dp pm_app.pm_orders
\dd pm_*

-- Schemas, roles, databases, extensions.
\dn
\dn+ pm_app
\du
\dg
\du pm_*
\l
\dx

-- Functions and types (PostgreSQL has thousands: patterns naming functions
-- Basalt has every overload of; lower() also takes ranges, which it lacks).
\df pg_catalog.ltrim
\df pg_catalog.generate_series
\df pg_catalog.now
\df pg_catalog.array_length
\df pg_catalog.count
\df public.*
\df+ pg_catalog.ltrim
\df+ pg_catalog.now
\dT pg_catalog.int?
\dT pg_catalog.bool
\dT pg_catalog.any*
\dT+ pg_catalog.text
\dT public.*
-- The pseudo-types those signatures name, both ways through regtype.
select 2283::regtype, 2276::regtype, 'anyelement'::regtype::oid, '"any"'::regtype::oid,
       'pg_catalog.record'::regtype::oid, 'void'::regtype::oid;

-- Sizes, masked (see the header).
\pset format unaligned
\o | sed -E 's/[0-9]+ (bytes|kB|MB|GB)/<size>/'
\dt+
\l+
\o
\pset format aligned

-- \conninfo, its port masked (see the header).
\! PGSSLMODE=disable psql -X -c '\conninfo' | sed -E 's/port "[0-9]+"/port "<port>"/'

-- Tab completion: "select * from pm_<tab>", "insert into pm_<tab>",
-- "\d pm_<tab>", "select * from pm_app.pm<tab>", then columns of a table
-- and of a schema-qualified one. psql sorts the names it offers; the
-- queries, which have no ORDER BY, are wrapped in one here.
select * from (SELECT c.relname, NULL::pg_catalog.text FROM pg_catalog.pg_class c WHERE c.relkind IN ('r', 'S', 'v', 'm', 'f', 'p') AND (c.relname) LIKE 'pm\_%' AND pg_catalog.pg_table_is_visible(c.oid) AND c.relnamespace <> (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'pg_catalog')
	UNION ALL
	SELECT NULL::pg_catalog.text, n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname LIKE 'pm\_%' AND n.nspname NOT LIKE E'pg\\_%'
	LIMIT 1000) completions order by 1, 2;
select * from (SELECT c.relname, NULL::pg_catalog.text FROM pg_catalog.pg_class c WHERE c.relkind IN ('r', 'f', 'v', 'p') AND (c.relname) LIKE 'pm\_%' AND pg_catalog.pg_table_is_visible(c.oid) AND c.relnamespace <> (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'pg_catalog')
	UNION ALL
	SELECT NULL::pg_catalog.text, n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname LIKE 'pm\_%' AND n.nspname NOT LIKE E'pg\\_%'
	LIMIT 1000) completions order by 1, 2;
select * from (SELECT c.relname, NULL::pg_catalog.text FROM pg_catalog.pg_class c WHERE (c.relname) LIKE 'pm\_o%' AND pg_catalog.pg_table_is_visible(c.oid) AND c.relnamespace <> (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'pg_catalog')
	UNION ALL
	SELECT NULL::pg_catalog.text, n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname LIKE 'pm\_o%' AND n.nspname NOT LIKE E'pg\\_%'
	LIMIT 1000) completions order by 1, 2;
select * from (SELECT c.relname, n.nspname FROM pg_catalog.pg_class c, pg_catalog.pg_namespace n WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'S', 'v', 'm', 'f', 'p') AND (c.relname) LIKE 'pm%' AND n.nspname = 'pm_app'
	LIMIT 1000) completions order by 1, 2;
select * from (SELECT a.attname, NULL::pg_catalog.text FROM pg_catalog.pg_attribute a, pg_catalog.pg_class c WHERE c.oid = a.attrelid and a.attnum > 0 and not a.attisdropped AND (a.attname) LIKE 't%' AND c.relname = 'pm_orders' AND pg_catalog.pg_table_is_visible(c.oid)
	LIMIT 1000) completions order by 1, 2;
select * from (SELECT a.attname, NULL::pg_catalog.text FROM pg_catalog.pg_attribute a, pg_catalog.pg_class c, pg_catalog.pg_namespace nr WHERE c.oid = a.attrelid and a.attnum > 0 and not a.attisdropped AND (a.attname) LIKE '%' AND c.relname = 'pm_customers' AND c.relnamespace = nr.oid AND nr.nspname = 'pm_app'
	LIMIT 1000) completions order by 1, 2;

reset search_path;
drop view pm_app.pm_big;
drop materialized view pm_app.pm_counts;
drop table pm_app.pm_orders;
drop table pm_app.pm_customers;
drop sequence pm_app.pm_seq;
drop schema pm_app;
drop role pm_reader;
drop role pm_writer;
-- \dconfig reads pg_settings.
\dconfig work_mem
\dconfig+ max_*_keys
set statement_timeout = '5s';
\dconfig statement*
reset statement_timeout;
