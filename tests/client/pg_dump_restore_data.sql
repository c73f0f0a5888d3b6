-- The rows of pg_dump_restore_test.sh (no now(): both sides must hold equal rows).
INSERT INTO app.customers (email, name, created_at) VALUES ('a@x.org', 'Ann', '2024-03-04 05:06:07+00'), ('b@x.org', 'Bob', '2024-03-04 05:06:08.5+00');
INSERT INTO app.customers (email, created_at) VALUES ('c@x.org', NULL);
INSERT INTO app.orders (customer_id, amount, status, placed_on, note) VALUES
  (1, 10.50, 'new', '2024-01-02', 'first'), (1, 250, 'paid', '2024-02-03', NULL),
  (2, 99.99, 'new', NULL, E'tab\there'), (3, 1000, 'shipped', '2023-12-31', 'line
break');
INSERT INTO every_type (b, s, i, big, r, d, n, n2, t, vc, dt, ts, ts3, tstz, tm, iv, u, by, js, jb, o) VALUES
  (true, 1, 2, 3, 1.5, 2.25, 12345.678901, 1.5, 'text \ back', 'short', '2024-05-06', '2024-05-06 07:08:09',
   '2024-05-06 07:08:09.123', '2024-05-06 07:08:09+02', '13:14:15', '1 day 2 hours', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
   '\xdeadbeef', '{"a": [1, 2]}', '{"b": {"c": null}}', 42),
  (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO pair VALUES (1, 2), (3, NULL);
SELECT nextval('counter'), nextval('counter');
REFRESH MATERIALIZED VIEW app.customer_totals;
