#!/usr/bin/env bash
# Plans from ANALYZE's statistics (the statistics themselves are compared
# with PostgreSQL's in tests/sql/select/analyze_statistics.sql): before
# ANALYZE every table is guessed at 1000 rows and a join hashes its right
# input, however large; after it a join hashes the smaller input and probes
# with the larger (PostgreSQL 15 chooses the same shapes here), a few rows
# reach a large table through its primary key (PostgreSQL's Nested Loop
# with an inner Index Scan), a prepared plan is planned again, and the
# answers stay the same throughout.
source "$(dirname "$0")/lib.sh"
basalt_start "$1"

q() { psql -X -A -t -v ON_ERROR_STOP=1 -c "$1"; }
# The plan's lines (leading spaces and arrows kept) must appear in order.
expect_plan() {  # <query> <what> <line>...
  local query=$1 what=$2
  shift 2
  local plan
  plan=$(q "EXPLAIN (COSTS OFF) $query")
  local rest=$plan
  for line in "$@"; do
    grep -qF -- "$line" <<<"$rest" || fail "$what: no '$line' (in order) in:
$plan"
    rest=$(sed -n "/$(printf '%s' "$line" | sed 's/[][\/.*^$]/\\&/g')/,\$p" <<<"$rest" | tail -n +2)
  done
}

run_psql <<'SQL' || fail "setup failed"
CREATE TABLE big (id int PRIMARY KEY, grp int, val text);
INSERT INTO big SELECT i, i % 100, md5(i::text) FROM generate_series(1, 20000) i;
CREATE TABLE small (x int, y int, label text);
INSERT INTO small SELECT i * 7, i % 10, 'l' || i FROM generate_series(1, 50) i;
CREATE TABLE mid (k int, w int);
INSERT INTO mid SELECT i % 300, i FROM generate_series(1, 3000) i;
CREATE TABLE buyers (id int PRIMARY KEY, tier text);
INSERT INTO buyers SELECT i, CASE WHEN i % 100 = 0 THEN 'gold' ELSE 'basic' END
  FROM generate_series(1, 3000) i;
CREATE TABLE purchases (id int PRIMARY KEY, buyer int);
INSERT INTO purchases SELECT i, i % 3000 + 1 FROM generate_series(1, 30000) i;
CREATE INDEX purchases_buyer ON purchases (buyer);
SQL

join_small_big="SELECT count(*) FROM small JOIN big ON big.grp = small.y"
lookup="SELECT big.id, big.val FROM small JOIN big ON big.id = small.x WHERE small.label = 'l3'"
three_way="SELECT count(*) FROM mid JOIN big ON big.grp = mid.k JOIN small ON small.y = mid.k"
every_buyer="SELECT count(*) FROM buyers b JOIN purchases p ON p.buyer = b.id"
gold_buyers="SELECT count(*) FROM buyers b JOIN purchases p ON p.buyer = b.id WHERE b.tier = 'gold'"
answers() { q "$join_small_big"; q "$lookup"; q "$three_way"; q "$every_buyer"; q "$gold_buyers"; }
before=$(answers)

# Not analyzed: the written order, the right input hashed.
expect_plan "$join_small_big" "guessed sizes" "Hash Join" "->  Seq Scan on small" "->  Hash" \
  "->  Seq Scan on big"
[[ $(q "SELECT reltuples FROM pg_class WHERE relname = 'big'") == -1 ]] ||
  fail "reltuples before ANALYZE"

psql -X -q -v ON_ERROR_STOP=1 -c "PREPARE p AS $join_small_big" \
  -c "EXECUTE p" -c "ANALYZE" -c "EXECUTE p" >/dev/null || fail "prepared statement across ANALYZE"
[[ $(q "SELECT reltuples FROM pg_class WHERE relname = 'big'") == 20000 ]] ||
  fail "reltuples after ANALYZE"

expect_plan "$join_small_big" "the smaller input hashed" "Hash Join" "->  Seq Scan on big" \
  "->  Hash" "->  Seq Scan on small"
expect_plan "$lookup" "key reads for a few rows" "Nested Loop" "->  Seq Scan on small" \
  "->  Index Scan using big_pkey on big"
expect_plan "$three_way" "largest input probes" "Hash Join" "->  Seq Scan on big" "->  Hash" \
  "->  Hash Join" "->  Seq Scan on mid" "->  Hash" "->  Seq Scan on small"
# A filter that keeps few rows makes the input small.
expect_plan "SELECT count(*) FROM big JOIN mid ON mid.k = big.grp WHERE big.id < 50" \
  "a selective range" "Hash Join" "->  Seq Scan on mid" "->  Hash" "->  Index Scan using big_pkey on big"

# Through a non-unique index, each row reaches its key's share of the
# table: 3,000 buyers reach all 30,000 purchases (hashed, as PostgreSQL),
# the 30 gold buyers 300 of them (read by key).
expect_plan "$every_buyer" "key reads of the whole table" "Hash Join" "->  Seq Scan on purchases" \
  "->  Hash" "->  Seq Scan on buyers"
expect_plan "$gold_buyers" "key reads of a few rows" "Nested Loop" "->  Seq Scan on buyers" \
  "using purchases_buyer on purchases"

[[ "$(answers)" == "$before" ]] || fail "answers changed with the plans: $before / $(answers)"
basalt_stop
echo "analyze plans: OK"
