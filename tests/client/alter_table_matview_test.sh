#!/usr/bin/env bash
# ALTER TABLE ... DROP COLUMN, ADD COLUMN and ALTER COLUMN TYPE on a table
# that an incremental and an immediate materialized view watch, on columns
# the views do not read: change records written before an ADD or DROP
# COLUMN still decode after it (docs/formats/row_format.md, "Schema
# evolution") and the next refresh stays incremental; after a rewrite it
# recomputes once; each gives the query's rows; the columns the views read
# cannot be dropped or retyped. Basalt's own refresh modes,
# so nothing to record from PostgreSQL.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
same() {  # <view> <query>: equal as multisets
  [[ $(q "SELECT count(*) FROM (($2) EXCEPT ALL (SELECT * FROM $1)) d") == 0 &&
     $(q "SELECT count(*) FROM ((SELECT * FROM $1) EXCEPT ALL ($2)) d") == 0 ]] ||
    fail "$1 differs from its query after the ALTERs"
}

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE w (id int PRIMARY KEY, g int, v int, note text, extra int);
INSERT INTO w SELECT i, i % 5, i, 'n' || i, i FROM generate_series(1, 100) i;
CREATE MATERIALIZED VIEW w_sum WITH (refresh_mode = incremental) AS
  SELECT g, count(*) AS n, sum(v) AS total FROM w GROUP BY g;
CREATE MATERIALIZED VIEW w_now WITH (refresh_mode = immediate) AS
  SELECT g, sum(v) AS total FROM w GROUP BY g;
REFRESH MATERIALIZED VIEW w_sum;
SQL

# Changes recorded under each layout, ADD and DROP COLUMN (no rewrite)
# between them: the refresh reads every record through today's slots.
q "UPDATE w SET v = v + 1 WHERE id <= 10" >/dev/null
q "DELETE FROM w WHERE id = 50" >/dev/null
q "INSERT INTO w VALUES (101, 1, 101, 'n101', 1)" >/dev/null
q "ALTER TABLE w DROP COLUMN note" >/dev/null
q "UPDATE w SET v = v + 1 WHERE id <= 20" >/dev/null
q "ALTER TABLE w ADD COLUMN added int DEFAULT 3" >/dev/null
q "INSERT INTO w VALUES (102, 2, 102, 2, 9)" >/dev/null
q "DELETE FROM w WHERE id IN (60, 7)" >/dev/null
q "ALTER TABLE w DROP COLUMN extra" >/dev/null
q "UPDATE w SET v = v * 2 WHERE id % 7 = 0" >/dev/null
q "REFRESH MATERIALIZED VIEW w_sum" >/dev/null
[[ $(matview_strategy w_sum) == "incremental" ]] || fail "refresh after ADD / DROP: $(matview_strategy w_sum)"
same w_sum "SELECT g, count(*), sum(v) FROM w GROUP BY g"
same w_now "SELECT g, sum(v) FROM w GROUP BY g"
# 99 rows; all but 102 (stored after the ADD, with its own value) read the
# default.
[[ $(q "SELECT count(*), sum(added) FROM w") == "99|303" ]] ||
  fail "the added column: $(q "SELECT count(*), sum(added) FROM w")"

# The slots, dropped columns and missing values are the catalog's: after a
# restart the rows stored under each layout still read the same.
before=$(q "SELECT * FROM w ORDER BY id")
basalt_stop
basalt_start "$BASALT_BINARY"
[[ $(q "SELECT * FROM w ORDER BY id") == "$before" ]] || fail "rows differ after a restart"
q "INSERT INTO w VALUES (104, 4, 4)" >/dev/null
q "REFRESH MATERIALIZED VIEW w_sum" >/dev/null
[[ $(matview_strategy w_sum) == "incremental" ]] || fail "refresh after a restart: $(matview_strategy w_sum)"
same w_sum "SELECT g, count(*), sum(v) FROM w GROUP BY g"
same w_now "SELECT g, sum(v) FROM w GROUP BY g"

# A rewrite (ALTER COLUMN TYPE, a volatile default) gives the table new
# relations: the next refresh recomputes, saying why; the ones after
# follow the changes again.
q "ALTER TABLE w ALTER COLUMN added TYPE bigint" >/dev/null
q "UPDATE w SET v = v - 1 WHERE id > 90" >/dev/null
q "ALTER TABLE w ADD COLUMN rnd float8 DEFAULT random()" >/dev/null
[[ $(q "SELECT count(DISTINCT rnd) FROM w") == 100 ]] || fail "random() per row"
q "REFRESH MATERIALIZED VIEW w_sum" >/dev/null
[[ $(matview_strategy w_sum) == 'full ("w" was truncated or rewritten)' ]] ||
  fail "refresh after a rewrite: $(matview_strategy w_sum)"
same w_sum "SELECT g, count(*), sum(v) FROM w GROUP BY g"
same w_now "SELECT g, sum(v) FROM w GROUP BY g"
q "UPDATE w SET v = 0 WHERE g = 3" >/dev/null
q "ALTER TABLE w DROP COLUMN rnd" >/dev/null
q "INSERT INTO w VALUES (103, 3, 5, 1)" >/dev/null
q "REFRESH MATERIALIZED VIEW w_sum" >/dev/null
[[ $(matview_strategy w_sum) == "incremental" ]] || fail "refresh after the rewrite: $(matview_strategy w_sum)"
same w_sum "SELECT g, count(*), sum(v) FROM w GROUP BY g"
same w_now "SELECT g, sum(v) FROM w GROUP BY g"

# The columns the views read stay.
expect_error "ALTER TABLE w DROP COLUMN v" 2BP01 \
  "cannot drop column v of table w because other objects depend on it"
expect_error "ALTER TABLE w ALTER COLUMN g TYPE bigint" 0A000 \
  "cannot alter type of a column used by a view or rule"
q "ALTER TABLE w DROP COLUMN v CASCADE" >/dev/null
[[ $(q "SELECT count(*) FROM pg_class WHERE relname IN ('w_sum', 'w_now')") == 0 ]] ||
  fail "CASCADE left a view"
q "UPDATE w SET g = 1 WHERE id = 1" >/dev/null
basalt_stop
echo "alter table under watching views: OK"
