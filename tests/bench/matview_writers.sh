#!/usr/bin/env bash
# What materialized views cost writers (issues 16 and 17): pgbench tpcb-like,
# 8 clients, prepared protocol, on Basalt with no view, with incremental
# (deferred) views and with immediate views over pgbench_accounts: the sum
# of abalance per branch and per bucket of 1,000 aids. Each run starts from
# a fresh `pgbench -i -s 10`. TPS medians over ROUNDS; ratio = TPS / TPS
# without a view (pg_ivm's authors measured 0.014 for an aggregate view).
# Usage: matview_writers.sh <basalt port> <report file>   (run.sh runs it)
set -euo pipefail
BASALT_PORT=$1
REPORT=$2
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_PER_RUN=${BENCH_PGBENCH_SECONDS:-10}
PG_BIN=/usr/lib/postgresql/15/bin
OUT=$(mktemp /tmp/basalt-matview-writers.XXXXXX)
trap 'rm -f "$OUT"' EXIT

sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$BASALT_PORT" -U basalt -d basalt -c "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
views() {  # mode
  sql "CREATE MATERIALIZED VIEW branch_balance WITH (refresh_mode = $1) AS
         SELECT bid, sum(abalance) AS total, count(*) AS accounts
         FROM pgbench_accounts GROUP BY bid"
  sql "CREATE MATERIALIZED VIEW bucket_balance WITH (refresh_mode = $1) AS
         SELECT aid / 1000 AS bucket, sum(abalance) AS total
         FROM pgbench_accounts GROUP BY aid / 1000"
}
check() {  # the views equal their queries
  local d
  d=$(psql -X -A -t -h 127.0.0.1 -p "$BASALT_PORT" -U basalt -d basalt -c "
    SELECT (SELECT count(*) FROM ((SELECT bid, sum(abalance), count(*) FROM pgbench_accounts
             GROUP BY bid) EXCEPT ALL (SELECT * FROM branch_balance)) x) +
           (SELECT count(*) FROM ((SELECT aid / 1000, sum(abalance) FROM pgbench_accounts
             GROUP BY aid / 1000) EXCEPT ALL (SELECT * FROM bucket_balance)) y)")
  [[ $d == 0 ]] || { echo "the views differ from their queries by $d rows" >&2; exit 1; }
}
run() {  # mode: none | incremental | immediate
  sql "DROP MATERIALIZED VIEW IF EXISTS branch_balance, bucket_balance" 2>/dev/null
  "$PG_BIN/pgbench" -i -s 10 -q -h 127.0.0.1 -p "$BASALT_PORT" -U basalt basalt >/dev/null 2>&1
  [[ $1 == none ]] || views "$1"
  "$PG_BIN/pgbench" -h 127.0.0.1 -p "$BASALT_PORT" -U basalt -M prepared -c 8 -j 2 \
    -T "$SECONDS_PER_RUN" basalt > "$OUT" 2>&1 || { cat "$OUT" >&2; exit 1; }
  grep -q "number of failed transactions: 0 " "$OUT" ||
    { echo "pgbench had failed transactions ($1)" >&2; cat "$OUT" >&2; exit 1; }
  if [[ $1 == incremental ]]; then
    sql "REFRESH MATERIALIZED VIEW branch_balance"
    sql "REFRESH MATERIALIZED VIEW bucket_balance"
  fi
  [[ $1 == none ]] || check
  sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT"
}

declare -A tps
for mode in none incremental immediate; do
  results=()
  for _ in $(seq 1 "$ROUNDS"); do results+=("$(run "$mode")"); done
  tps[$mode]=$(printf '%s\n' "${results[@]}" | median | xargs printf '%.0f')
  echo "tpcb-like, $mode: ${tps[$mode]} TPS"
done
ratio() { awk -v a="${tps[$1]}" -v b="${tps[none]}" 'BEGIN {printf "%.2f", a / b}'; }
{
  echo
  echo "## Writers with materialized views"
  echo
  echo "pgbench tpcb-like on Basalt (\`-s 10 -M prepared -c 8 -j 2\`, ${SECONDS_PER_RUN} s runs,"
  echo "medians over $ROUNDS, fresh \`pgbench -i\` each), with two views over pgbench_accounts:"
  echo "sum(abalance) and count(*) per branch, sum(abalance) per bucket of 1,000 aids. After"
  echo "each run the views equal their queries (the incremental ones after a REFRESH)."
  echo "Ratio = TPS / TPS without a view; pg_ivm's authors measured 0.014 with an aggregate view."
  echo
  echo "| views | TPS | ratio |"
  echo "|---|---:|---:|"
  echo "| none | ${tps[none]} | 1.00 |"
  echo "| incremental (deferred: writers log their changes) | ${tps[incremental]} | $(ratio incremental) |"
  echo "| immediate (writers maintain the views) | ${tps[immediate]} | $(ratio immediate) |"
} >> "$REPORT"
