#!/usr/bin/env bash
# pgbench end to end: `pgbench -i -s 1` (CREATE TABLE ... WITH (fillfactor),
# TRUNCATE of four tables in a transaction, COPY ... FROM STDIN WITH (FREEZE
# ON), VACUUM ANALYZE, ALTER TABLE ... ADD PRIMARY KEY), then the built-in
# scripts in every query mode, each for a few seconds, with no failed or
# aborted transaction; then the primary keys it added reject duplicates.
source "$(dirname "$0")/../client/lib.sh"
PGBENCH=/usr/lib/postgresql/15/bin/pgbench
[[ -x $PGBENCH ]] || PGBENCH=$(command -v pgbench) ||
  { echo "pgbench is missing: apt-get install postgresql-client" >&2; exit 1; }
basalt_start "$1"

"$PGBENCH" -i -s 1 >"$WORK_DIR/init.log" 2>&1 || { cat "$WORK_DIR/init.log" >&2; fail "pgbench -i"; }
grep -q "^done in" "$WORK_DIR/init.log" || fail "pgbench -i did not finish: $(cat "$WORK_DIR/init.log")"
[[ $(psql -X -At -c "select count(*) from pgbench_accounts") == 100000 ]] || fail "accounts loaded"
[[ $(psql -X -At -c "select count(*) from pgbench_tellers") == 10 ]] || fail "tellers loaded"

# pgbench's partition probe (its GetTableInfo) must find pgbench_accounts,
# in the second schema of current_schemas(true) and not partitioned.
probe=$(psql -X -At -F ' ' -c "select o.n, p.partstrat, pg_catalog.count(i.inhparent)
  from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace)
  cross join lateral (select pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname)) as o(n)
  left join pg_catalog.pg_partitioned_table as p on (p.partrelid = c.oid)
  left join pg_catalog.pg_inherits as i on (c.oid = i.inhparent)
  where c.relname = 'pgbench_accounts' and o.n is not null group by 1, 2 order by 1 asc limit 1")
[[ $probe == "2  0" ]] || fail "partition probe answered '$probe'"

run_mode() {  # <label> <pgbench options...>
  local label=$1 out="$WORK_DIR/run.log"
  shift
  "$PGBENCH" -T 3 -c 2 -j 2 "$@" >"$out" 2>&1 || { cat "$out" >&2; fail "pgbench $label exited non-zero"; }
  grep -q "number of failed transactions: 0 (0.000%)" "$out" ||
    { cat "$out" >&2; fail "pgbench $label had failed transactions"; }
  local processed
  processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")
  [[ ${processed:-0} -gt 0 ]] || { cat "$out" >&2; fail "pgbench $label processed nothing"; }
  echo "pgbench $label: $processed transactions, 0 failed"
}
run_mode "-M simple" -M simple
run_mode "-M extended" -M extended
run_mode "-M prepared" -M prepared
run_mode "-S" -S
run_mode "-S -M prepared" -S -M prepared

# The balances moved as the transactions say: every tpcb-like transaction
# adds the same delta to one account, one teller and one branch (each run
# starts by truncating pgbench_history, so it is not compared).
read -r accounts tellers branches < <(psql -X -At -F ' ' -c \
  "select (select sum(abalance) from pgbench_accounts), (select sum(tbalance) from pgbench_tellers),
          (select sum(bbalance) from pgbench_branches)")
[[ -n $accounts && $accounts == "$tellers" && $accounts == "$branches" ]] ||
  fail "balances disagree: accounts $accounts tellers $tellers branches $branches"

# ADD PRIMARY KEY made a real unique key.
out=$(psql -X -c "insert into pgbench_accounts values (1, 1, 0, '')" 2>&1) && fail "duplicate aid accepted"
grep -q 'duplicate key value violates unique constraint "pgbench_accounts_pkey"' <<<"$out" ||
  fail "unexpected error: $out"
basalt_stop
