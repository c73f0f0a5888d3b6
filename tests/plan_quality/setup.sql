DROP TABLE IF EXISTS pq_orders, pq_customers, pq_products, pq_regions;
CREATE TABLE pq_regions (id int PRIMARY KEY, name text);
CREATE TABLE pq_customers (id int PRIMARY KEY, region_id int, tier text, name text);
CREATE TABLE pq_products (id int PRIMARY KEY, category int, price numeric);
CREATE TABLE pq_orders (id int PRIMARY KEY, customer_id int, product_id int, qty int, status text);
INSERT INTO pq_regions SELECT i, 'region' || i FROM generate_series(1, 20) i;
INSERT INTO pq_customers SELECT i, 1 + (i * 7) % 20, CASE WHEN i % 100 = 0 THEN 'gold' WHEN i % 10 = 0 THEN 'silver' ELSE 'basic' END, 'c' || i FROM generate_series(1, 20000) i;
INSERT INTO pq_products SELECT i, i % 50, (i % 97) + 0.5 FROM generate_series(1, 2000) i;
-- skewed: a few customers and products take most orders
INSERT INTO pq_orders SELECT i, CASE WHEN i % 3 = 0 THEN 1 + i % 10 ELSE 1 + (i * 7919) % 20000 END,
  CASE WHEN i % 2 = 0 THEN 1 + i % 5 ELSE 1 + (i * 31) % 2000 END, 1 + i % 9,
  CASE WHEN i % 50 = 0 THEN 'returned' WHEN i % 7 = 0 THEN 'open' ELSE 'shipped' END
  FROM generate_series(1, 200000) i;
CREATE INDEX pq_orders_customer ON pq_orders (customer_id);
CREATE INDEX pq_orders_product ON pq_orders (product_id);
CREATE INDEX pq_customers_region ON pq_customers (region_id);
-- Vacuumed too: PostgreSQL's plans differ before and after the visibility
-- map is set (index-only scans), which its autovacuum would do at any time.
VACUUM ANALYZE pq_regions, pq_customers, pq_products, pq_orders;
