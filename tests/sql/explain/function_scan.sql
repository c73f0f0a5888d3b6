-- EXPLAIN names a set-returning function in FROM and its alias.
EXPLAIN (COSTS OFF) SELECT * FROM generate_series(1, 3) g;
EXPLAIN (COSTS OFF) SELECT * FROM generate_series(1, 3);
EXPLAIN (COSTS OFF) SELECT * FROM generate_series(1, 3) generate_series;
EXPLAIN (COSTS OFF) SELECT * FROM unnest(ARRAY[1, 2]) WITH ORDINALITY AS u(a, n);
EXPLAIN (COSTS OFF) SELECT * FROM json_to_record('{}') AS x(a int);
EXPLAIN (COSTS OFF, FORMAT JSON) SELECT * FROM json_each('{}') AS j;
EXPLAIN (COSTS OFF, FORMAT JSON) SELECT * FROM jsonb_array_elements_text('[]');
