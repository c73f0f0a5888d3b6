-- psql's \dm, \d and \d+ on materialized views, and pg_get_viewdef /
-- pg_matviews.definition / pg_views.definition printing a view's query as
-- PostgreSQL 15's ruleutils does (qualified columns, parenthesized
-- operators, typed constants, one clause per line), plain and pretty.
CREATE TABLE md_orders (id int PRIMARY KEY, customer varchar(20) NOT NULL, total numeric(8,2), status text, qty int);
CREATE TABLE md_customers (name varchar(20), region text, since int);
INSERT INTO md_orders VALUES (1, 'ann', 10.50, 'open', 2), (2, 'bob', 200, 'paid', 1), (3, 'ann', 75, 'paid', 5);
INSERT INTO md_customers VALUES ('ann', 'north', 2019), ('bob', 'south', 2021);
CREATE MATERIALIZED VIEW md_totals AS
  SELECT customer, count(*) AS n, sum(total) AS total_sum
  FROM md_orders WHERE status = 'paid' GROUP BY customer;
CREATE UNIQUE INDEX md_totals_customer ON md_totals (customer);
CREATE INDEX md_totals_n ON md_totals (n DESC);
CREATE MATERIALIZED VIEW md_joined AS
  SELECT o.id, c.region, o.total * 2 AS doubled, o.qty + 1 AS next_qty
  FROM md_orders o JOIN md_customers c ON c.name = o.customer
  WHERE o.total > 50 AND (c.region = 'north' OR c.since < 2020)
  ORDER BY o.id DESC;
CREATE MATERIALIZED VIEW md_empty AS SELECT id, status FROM md_orders WITH NO DATA;
CREATE MATERIALIZED VIEW md_shapes AS
  SELECT id,
         CASE WHEN qty > 2 THEN 'many' WHEN qty = 2 THEN 'two' ELSE 'one' END AS size,
         coalesce(status, 'none') AS st, -qty AS neg, 'lit' AS lit, 1.5 AS dec,
         (SELECT max(since) FROM md_customers m WHERE m.name = md_orders.customer) AS since
  FROM md_orders
  WHERE id IN (1, 2, 3) AND status LIKE 'p%' AND total IS NOT NULL AND qty BETWEEN 1 AND 9
    AND EXISTS (SELECT 1 FROM md_customers WHERE region <> 'west')
    AND customer NOT IN (SELECT name FROM md_customers WHERE since > 2020);
CREATE MATERIALIZED VIEW md_union AS
  SELECT id FROM md_orders UNION ALL SELECT since FROM md_customers;
CREATE MATERIALIZED VIEW md_distinct AS
  SELECT DISTINCT s.customer, r.region FROM (SELECT customer FROM md_orders WHERE qty > 1) s
  LEFT JOIN (SELECT name AS customer, region FROM md_customers) r USING (customer);
CREATE MATERIALIZED VIEW md_series AS
  SELECT g.n, v.label FROM generate_series(1, 3) g(n)
  JOIN (VALUES (1, 'one'), (2, 'two')) v(n, label) ON v.n = g.n;
CREATE VIEW md_plain AS SELECT id, total::text AS total_text FROM md_orders WHERE total > 10 LIMIT 5;
\dm
\dm md_t*
\d md_totals
\d+ md_totals
\d md_empty
\d+ md_joined
\d+ md_shapes
\d+ md_union
\d+ md_distinct
\d+ md_series
\d+ md_plain
SELECT schemaname, matviewname, matviewowner, tablespace, hasindexes, ispopulated
  FROM pg_matviews WHERE matviewname LIKE 'md%' ORDER BY matviewname;
SELECT matviewname, definition FROM pg_matviews WHERE matviewname LIKE 'md%' ORDER BY matviewname;
SELECT viewname, definition FROM pg_views WHERE viewname = 'md_plain';
SELECT pg_get_viewdef('md_joined'::regclass);
SELECT pg_get_viewdef('md_joined'::regclass, true);
SELECT pg_get_viewdef('md_totals');
SELECT pg_get_viewdef('md_totals'::regclass::oid, false);
SELECT relname, relkind, relispopulated FROM pg_class WHERE relname LIKE 'md%' AND relkind = 'm' ORDER BY relname;
DROP MATERIALIZED VIEW md_totals, md_joined, md_empty, md_shapes, md_union, md_distinct, md_series;
DROP VIEW md_plain;
DROP TABLE md_orders, md_customers;
