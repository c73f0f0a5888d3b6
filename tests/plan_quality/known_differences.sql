-- Queries of queries.sql whose join tree differs from PostgreSQL 15's, each
-- with the reason. plan_quality_test fails when any other query differs, and
-- when one of these starts to match (then it leaves this list).
--
-- 40 products of category 7 reach ~2,000 orders through pq_orders_product:
-- Basalt reads them by key (3 ms), PostgreSQL hashes all 200,000 orders
-- (its cost model prices each heap row read through an index as a random
-- page); the same two hash joins take 100 ms on Basalt's storage.
SELECT count(*) FROM pq_orders o JOIN pq_customers c ON c.id = o.customer_id JOIN pq_products p ON p.id = o.product_id WHERE c.tier = 'gold' AND p.category = 7;
