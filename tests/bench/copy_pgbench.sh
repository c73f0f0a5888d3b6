#!/usr/bin/env bash
# Sourced by run.sh (PG_PORT, BASALT_PORT, ROUNDS, REPORT, WORK, PG_BIN set):
# COPY of 1M pgbench-shaped rows in (into an existing table, and with FREEZE
# after a TRUNCATE in the same transaction, pgbench -i's way) and out, then
# pgbench itself: `pgbench -i -s 10`, select-only and tpcb-like runs with 8
# clients, prepared protocol. Medians over ROUNDS; both servers durable.
COPY_ROWS=1000000
# Both servers over the same transport: the reference PostgreSQL offers no
# TLS, Basalt does by default (psql would take it). Basalt's COPY in over
# TLS is measured on its own below.
export PGSSLMODE=disable
COPY_FILE=$WORK/accounts.copy
PGBENCH_SECONDS=${BENCH_PGBENCH_SECONDS:-10}
/usr/bin/python3 - "$COPY_FILE" "$COPY_ROWS" <<'PY'
import sys
filler = " " * 84
with open(sys.argv[1], "w") as f:
    for i in range(1, int(sys.argv[2]) + 1):
        f.write(f"{i}\t{(i - 1) // 100000 + 1}\t0\t{filler}\n")
PY
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() {  # command... -> wall seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f", e - s}'
}
sql() {  # port statement... (each -c)
  local port=$1
  shift
  local args=()
  for s in "$@"; do args+=(-c "$s"); done
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U basalt -d basalt "${args[@]}"
}
copy_in() { sql "$1" "COPY copy_bench FROM STDIN" < "$COPY_FILE"; }
copy_in_tls() { PGSSLMODE=require copy_in "$1"; }
copy_freeze() {
  sql "$1" "BEGIN" "TRUNCATE copy_bench" "COPY copy_bench FROM STDIN WITH (FREEZE)" "COMMIT" \
    < "$COPY_FILE"
}
copy_out() { sql "$1" "COPY copy_bench TO STDOUT" > "$WORK/copy.out"; }
pgbench_init() { "$PG_BIN/pgbench" -i -s 10 -q -h 127.0.0.1 -p "$1" -U basalt basalt; }
pgbench_tps() {  # port options...
  local port=$1
  shift
  "$PG_BIN/pgbench" -h 127.0.0.1 -p "$port" -U basalt -M prepared -c 8 -j 2 \
    -T "$PGBENCH_SECONDS" "$@" basalt 2>/dev/null | tee "$WORK/pgbench.out" |
    sed -n 's/^tps = \([0-9.]*\).*/\1/p'
  grep -q "number of failed transactions: 0 " "$WORK/pgbench.out" ||
    { echo "pgbench had failed transactions on port $port" >&2; exit 1; }
}

{
  echo
  echo "## COPY and pgbench"
  echo
  echo "COPY: $COPY_ROWS rows shaped like pgbench_accounts (\`aid int not null, bid int,"
  echo "abalance int, filler char(84)\`, 96 MB of text) through psql, medians over $ROUNDS rounds;"
  echo "ratio = Basalt time / PostgreSQL time. \"in\" loads into an existing table (one"
  echo "transaction, rows written through it); \"in, FREEZE\" is pgbench -i's way: TRUNCATE and"
  echo "COPY ... WITH (FREEZE) in one transaction (Basalt writes the new relation as sorted files"
  echo "taken in whole). pgbench: \`-i -s 10\` wall time; runs of ${PGBENCH_SECONDS} s with"
  echo "\`-M prepared -c 8 -j 2\`, TPS (ratio = Basalt TPS / PostgreSQL TPS, above 1.00 Basalt"
  echo "is faster), 0 failed transactions on both."
  echo
  echo "| workload | PostgreSQL 15 | Basalt | ratio |"
  echo "|---|---:|---:|---:|"
} >> "$REPORT"
declare -A copy_results
for port in "$PG_PORT" "$BASALT_PORT"; do
  sql "$port" "DROP TABLE IF EXISTS copy_bench" \
    "CREATE TABLE copy_bench (aid int not null, bid int, abalance int, filler char(84))"
  for kind in in freeze out; do
    times=()
    for _ in $(seq 1 "$ROUNDS"); do
      [[ $kind == in ]] && sql "$port" "TRUNCATE copy_bench"
      case $kind in
        in) times+=("$(seconds copy_in "$port")") ;;
        freeze) times+=("$(seconds copy_freeze "$port")") ;;
        out) times+=("$(seconds copy_out "$port")") ;;
      esac
    done
    copy_results[$port.$kind]=$(printf '%s\n' "${times[@]}" | median)
  done
  [[ $(wc -l < "$WORK/copy.out") == "$COPY_ROWS" ]] || { echo "COPY out lost rows" >&2; exit 1; }
  if [[ $port == "$BASALT_PORT" ]]; then
    times=()
    for _ in $(seq 1 "$ROUNDS"); do
      sql "$port" "TRUNCATE copy_bench"
      times+=("$(seconds copy_in_tls "$port")")
    done
    copy_results[$port.in_tls]=$(printf '%s\n' "${times[@]}" | median)
  fi
  sql "$port" "DROP TABLE copy_bench"
  times=()
  for _ in $(seq 1 "$ROUNDS"); do times+=("$(seconds pgbench_init "$port")"); done
  copy_results[$port.init]=$(printf '%s\n' "${times[@]}" | median)
  for mode in select tpcb; do
    tps=()
    for _ in $(seq 1 "$ROUNDS"); do
      if [[ $mode == select ]]; then tps+=("$(pgbench_tps "$port" -S)"); else tps+=("$(pgbench_tps "$port")"); fi
    done
    copy_results[$port.$mode]=$(printf '%s\n' "${tps[@]}" | median | xargs printf '%.0f')
  done
done
row() {  # label key unit(time|tps)
  local pg=${copy_results[$PG_PORT.$2]} basalt=${copy_results[$BASALT_PORT.$2]} ratio
  ratio=$(awk -v b="$basalt" -v p="$pg" 'BEGIN {printf "%.2f", b / p}')
  if [[ $3 == time ]]; then
    echo "| $1 | $pg s | $basalt s | $ratio |" >> "$REPORT"
  else
    echo "| $1 | $pg TPS | $basalt TPS | $ratio |" >> "$REPORT"
  fi
  echo "$1: PostgreSQL $pg, Basalt $basalt ($ratio)"
}
row "COPY $COPY_ROWS rows in (existing table)" in time
row "COPY $COPY_ROWS rows in, TRUNCATE + FREEZE in one transaction" freeze time
row "COPY $COPY_ROWS rows out (TO STDOUT)" out time
row "pgbench -i -s 10" init time
row "pgbench -S -M prepared -c 8 -j 2 (select only)" select tps
row "pgbench -M prepared -c 8 -j 2 (tpcb-like)" tpcb tps
{
  echo
  echo "Basalt's COPY $COPY_ROWS rows in over TLS (sslmode=require): ${copy_results[$BASALT_PORT.in_tls]} s."
} >> "$REPORT"
