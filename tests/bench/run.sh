#!/usr/bin/env bash
# make bench: a throwaway PostgreSQL 15 and Basalt on loopback ports, the same
# workloads against each (tests/bench/bench_main.cc), medians and ratios
# printed and written to docs/benchmarks.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD_DIR=$ROOT/${1:-build}
ROUNDS=${BENCH_ROUNDS:-5}
PG_BIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/basalt-bench.XXXXXX)
chmod 755 "$WORK"
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PG_PORT=$(free_port)
BASALT_PORT=$(free_port)

as_postgres=()
[[ $(id -u) -eq 0 ]] && as_postgres=(runuser -u postgres --)   # initdb refuses root
BASALT_PID=""
cleanup() {
  [[ -n "$BASALT_PID" ]] && kill -TERM "$BASALT_PID" 2>/dev/null && wait "$BASALT_PID" || true
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir "$WORK/pg" && [[ -z "${as_postgres[*]}" ]] || chown postgres "$WORK/pg"
"${as_postgres[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U basalt >/dev/null
"${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $WORK/pg" start >/dev/null
psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U basalt -d postgres -c "CREATE DATABASE basalt"

(umask 077; openssl rand -hex 32 > "$WORK/master.key")
"$BUILD_DIR/basalt" --listen 127.0.0.1 --port "$BASALT_PORT" --data-dir "$WORK/basalt" \
  --key-file "$WORK/master.key" --log-level warn > "$WORK/basalt.log" 2>&1 &
BASALT_PID=$!
for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p "$BASALT_PORT" && break; sleep 0.1; done

REPORT=$ROOT/docs/benchmarks.md
{
  echo "# Benchmarks: Basalt beside PostgreSQL 15"
  echo
  echo "Produced by \`make bench\` (tests/bench/). Both servers run on this machine on loopback,"
  echo "with durable commits (PostgreSQL: fsync and synchronous_commit on, defaults otherwise;"
  echo "Basalt: WAL synced on commit, every file encrypted). Each round runs every workload on"
  echo "both servers, alternating which goes first; the table gives medians over $ROUNDS rounds."
  echo "Ratio = Basalt time / PostgreSQL time: below 1.00 Basalt is faster."
  echo "Simple query protocol (text SQL) for both, one connection."
  echo
  echo "Last run: $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(uname -sr)."
  echo
} > "$REPORT"
# Plain TCP on both sides: the reference cluster has ssl off, Basalt offers
# TLS by default (which libpq's sslmode=prefer would take).
"$BUILD_DIR/tests/bench/basalt_bench" \
  "host=127.0.0.1 port=$PG_PORT user=basalt dbname=basalt sslmode=disable" \
  "host=127.0.0.1 port=$BASALT_PORT user=basalt dbname=basalt sslmode=disable" "$ROUNDS" "$REPORT"
# Many clients at once: pgbench with custom scripts over the simple protocol,
# the same table and script on both servers, TPS medians.
PGBENCH=$PG_BIN/pgbench
CLIENTS=8
TRANSACTIONS=1000   # per client
pgbench_tps() {  # port script -> tps
  PGSSLMODE=disable "$PGBENCH" -n -h 127.0.0.1 -p "$1" -U basalt -c "$CLIENTS" -j 2 -t "$TRANSACTIONS" \
    --max-tries=1000 -f "$2" basalt 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf 'UPDATE counters SET v = v + 1 WHERE id = 1;\n' > "$WORK/hot.sql"
printf '\\set id random(1, 100)\nUPDATE counters SET v = v + 1 WHERE id = :id;\n' > "$WORK/spread.sql"
printf 'BEGIN ISOLATION LEVEL REPEATABLE READ;\nUPDATE counters SET v = v + 1 WHERE id = 1;\nCOMMIT;\n' \
  > "$WORK/hot_rr.sql"
printf 'BEGIN ISOLATION LEVEL SERIALIZABLE;\nUPDATE counters SET v = v + 1 WHERE id = 1;\nCOMMIT;\n' \
  > "$WORK/hot_ser.sql"
{
  echo
  echo "## $CLIENTS clients at once"
  echo
  echo "pgbench, simple protocol, $CLIENTS clients x $TRANSACTIONS transactions, custom scripts"
  echo 'on `counters(id int primary key, v int)` with 100 rows; REPEATABLE READ and SERIALIZABLE'
  echo "clients retry on 40001 (\`--max-tries\`). Medians over $ROUNDS rounds; ratio = Basalt TPS / PostgreSQL TPS"
  echo "(above 1.00 Basalt is faster). Every counter ends at exactly the number of committed"
  echo "increments on both servers (checked each round)."
  echo
  echo "| workload | PostgreSQL 15 TPS | Basalt TPS | Basalt/PostgreSQL TPS |"
  echo "|---|---:|---:|---:|"
} >> "$REPORT"
for workload in "hot:one hot counter, READ COMMITTED" "spread:100 counters, READ COMMITTED" \
                "hot_rr:one hot counter, REPEATABLE READ with retries" \
                "hot_ser:one hot counter, SERIALIZABLE with retries"; do
  script=${workload%%:*}
  results=()
  for port in "$PG_PORT" "$BASALT_PORT"; do
    tps_list=()
    for _ in $(seq 1 "$ROUNDS"); do
      psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U basalt -d basalt \
        -c "DROP TABLE IF EXISTS counters" -c "CREATE TABLE counters (id int PRIMARY KEY, v int)" \
        -c "INSERT INTO counters VALUES $(seq -s, 1 100 | sed 's/[0-9]\+/(&,0)/g')"
      tps_list+=("$(pgbench_tps "$port" "$WORK/$script.sql")")
      total=$(psql -X -qAt -h 127.0.0.1 -p "$port" -U basalt -d basalt -c "SELECT v FROM counters" |
              awk '{s+=$1} END {print s}')
      if [[ "$total" != $((CLIENTS * TRANSACTIONS)) ]]; then
        echo "lost increments on port $port ($script): $total" >&2
        exit 1
      fi
    done
    results+=("$(printf '%s\n' "${tps_list[@]}" | median | xargs printf '%.0f')")
  done
  ratio=$(awk -v b="${results[1]}" -v p="${results[0]}" 'BEGIN {printf "%.2f", b / p}')
  echo "| ${workload#*:} | ${results[0]} | ${results[1]} | $ratio |" >> "$REPORT"
  echo "${workload#*:}: PostgreSQL ${results[0]} TPS, Basalt ${results[1]} TPS"
done

# Group commit: single-row INSERT commits per second with 1, 8 and 32
# clients, durable on both sides (PostgreSQL: fsync and synchronous_commit on;
# Basalt: WAL synced before the acknowledgement), then money transfers (two
# UPDATEs in a block) with 8 clients. Time-based pgbench runs.
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
printf 'INSERT INTO ins (v) VALUES (1);\n' > "$WORK/ins.sql"
# Accounts are updated in id order, so transfers never deadlock each other.
cat > "$WORK/transfer.sql" <<'SQL'
\set a random(1, 1000)
\set b random(1, 1000)
\set amount random(1, 100)
BEGIN;
\if :a < :b
UPDATE accounts SET balance = balance - :amount WHERE id = :a;
UPDATE accounts SET balance = balance + :amount WHERE id = :b;
\else
UPDATE accounts SET balance = balance + :amount WHERE id = :b;
UPDATE accounts SET balance = balance - :amount WHERE id = :a;
\endif
COMMIT;
SQL
pgbench_timed_tps() {  # port clients script -> tps
  "$PGBENCH" -n -h 127.0.0.1 -p "$1" -U basalt -c "$2" -j 2 -T "$SECONDS_PER_RUN" \
    --max-tries=1000 -f "$3" basalt 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}
{
  echo
  echo "## Group commit: durable single-row INSERTs and transfers"
  echo
  echo "pgbench, simple protocol, $SECONDS_PER_RUN s per run, medians over $ROUNDS rounds."
  echo 'Inserts: `INSERT INTO ins (v) VALUES (1)` (one commit each) into `ins (v int)`.'
  echo 'Transfers: `BEGIN`, two UPDATEs moving a random amount between two of 1,000 accounts'
  echo '(in id order), `COMMIT`; the balances still sum to their start after every round.'
  echo "Scaling = commits/s over the same server's 1-client rate."
  echo
  echo "| workload | PostgreSQL 15 commits/s | scaling | Basalt commits/s | scaling | Basalt/PostgreSQL |"
  echo "|---|---:|---:|---:|---:|---:|"
} >> "$REPORT"
declare -A one_client
for clients in 1 8 32 transfer; do
  results=()
  for port in "$PG_PORT" "$BASALT_PORT"; do
    tps_list=()
    for _ in $(seq 1 "$ROUNDS"); do
      if [[ $clients == transfer ]]; then
        psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U basalt -d basalt \
          -c "DROP TABLE IF EXISTS accounts" \
          -c "CREATE TABLE accounts (id int PRIMARY KEY, balance bigint)" \
          -c "INSERT INTO accounts VALUES $(seq -s, 1 1000 | sed 's/[0-9]\+/(&,1000)/g')"
        tps_list+=("$(pgbench_timed_tps "$port" 8 "$WORK/transfer.sql")")
        total=$(psql -X -qAt -h 127.0.0.1 -p "$port" -U basalt -d basalt \
                -c "SELECT balance FROM accounts" | awk '{s+=$1} END {print s}')
        if [[ "$total" != 1000000 ]]; then
          echo "transfers changed the total on port $port: $total" >&2
          exit 1
        fi
      else
        psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U basalt -d basalt \
          -c "DROP TABLE IF EXISTS ins" -c "CREATE TABLE ins (v int)"
        tps_list+=("$(pgbench_timed_tps "$port" "$clients" "$WORK/ins.sql")")
      fi
    done
    results+=("$(printf '%s\n' "${tps_list[@]}" | median | xargs printf '%.0f')")
  done
  ratio=$(awk -v b="${results[1]}" -v p="${results[0]}" 'BEGIN {printf "%.2f", b / p}')
  if [[ $clients == transfer ]]; then
    echo "| transfers, 8 clients | ${results[0]} | | ${results[1]} | | $ratio |" >> "$REPORT"
    echo "transfers, 8 clients: PostgreSQL ${results[0]} TPS, Basalt ${results[1]} TPS"
    continue
  fi
  [[ $clients == 1 ]] && one_client=([pg]=${results[0]} [basalt]=${results[1]})
  pg_scale=$(awk -v n="${results[0]}" -v o="${one_client[pg]}" 'BEGIN {printf "%.1fx", n / o}')
  basalt_scale=$(awk -v n="${results[1]}" -v o="${one_client[basalt]}" 'BEGIN {printf "%.1fx", n / o}')
  label="$clients clients"; [[ $clients == 1 ]] && label="1 client"
  echo "| INSERT, $label | ${results[0]} | $pg_scale | ${results[1]} | $basalt_scale | $ratio |" \
    >> "$REPORT"
  echo "INSERT, $clients clients: PostgreSQL ${results[0]}/s, Basalt ${results[1]}/s"
done
# How many commits share a WAL sync: Basalt's fdatasync calls during a
# fixed number of 32-client INSERT commits (strace counts them; optional).
if command -v strace >/dev/null; then
  psql -X -q -h 127.0.0.1 -p "$BASALT_PORT" -U basalt -d basalt -c "TRUNCATE ins"
  strace -f -c -e trace=fdatasync,fsync -o "$WORK/syncs.txt" -p "$BASALT_PID" 2>/dev/null &
  STRACE_PID=$!
  sleep 1
  "$PGBENCH" -n -h 127.0.0.1 -p "$BASALT_PORT" -U basalt -c 32 -j 2 -t 300 -f "$WORK/ins.sql" \
    basalt >/dev/null 2>&1
  kill -INT "$STRACE_PID" 2>/dev/null || true  # strace may have failed to attach
  wait "$STRACE_PID" || true
  syncs=$(awk '$NF == "fdatasync" || $NF == "fsync" {s += $4} END {print s + 0}' "$WORK/syncs.txt")
  {
    echo
    echo "WAL syncs shared: 9,600 INSERT commits from 32 clients cost Basalt $syncs fdatasync/fsync"
    echo "calls (counted with strace, which slows the server; the rate above is without it):"
    echo "$(awk -v s="$syncs" 'BEGIN {printf "%.1f", 9600 / (s > 0 ? s : 1)}') commits per sync."
  } >> "$REPORT"
  echo "32-client inserts: $syncs syncs for 9600 commits"
fi

# COPY and pgbench (issue 8).
source "$ROOT/tests/bench/copy_pgbench.sh"

# Incremental refresh against PostgreSQL's full REFRESH (issue 16): a table
# and docs/incremental-refresh.svg.
/usr/bin/python3 "$ROOT/tests/bench/ivm_bench.py" "$PG_PORT" "$BASALT_PORT" "$REPORT"
/usr/bin/python3 "$ROOT/tests/bench/create_index_bench.py" "$PG_PORT" "$BASALT_PORT" "$REPORT"
/usr/bin/python3 "$ROOT/tests/bench/types_bench.py" "$PG_PORT" "$BASALT_PORT" "$REPORT"

# Sort, window, GROUP BY and hash join past work_mem, with peak RSS (issue
# 10): a Basalt of its own, restarted before each query.
/usr/bin/python3 "$ROOT/tests/bench/spill_bench.py" "$PG_PORT" "$BUILD_DIR/basalt" "$REPORT"

# What incremental and immediate views cost writers (issues 16 and 17).
bash "$ROOT/tests/bench/matview_writers.sh" "$BASALT_PORT" "$REPORT"

# Idle connections cost memory, not threads: Basalt's resident memory per
# idle connection (PostgreSQL forks a process per connection and stops at
# max_connections = 100, so there is no ratio).
IDLE=5000
read -r idle_count rss_before rss_after per_connection < <(
  ulimit -n $((IDLE + 1024)); /usr/bin/python3 "$ROOT/tests/bench/idle_connections.py" \
    "$BASALT_PORT" "$BASALT_PID" "$IDLE")
{
  echo
  echo "## Idle connections"
  echo
  echo "$idle_count idle connections to Basalt (startup done, nothing sent after): resident memory"
  echo "$rss_before MiB before, $rss_after MiB with them open, $per_connection KiB per connection."
} >> "$REPORT"
echo "idle connections: $per_connection KiB each ($rss_before -> $rss_after MiB)"
# The same over TLS (SSLRequest, handshake): the TLS stream's buffers.
IDLE_TLS=1000
read -r tls_count tls_before tls_after tls_per_connection < <(
  ulimit -n $((IDLE_TLS + 1024)); /usr/bin/python3 "$ROOT/tests/bench/idle_connections.py" \
    "$BASALT_PORT" "$BASALT_PID" "$IDLE_TLS" tls)
echo "$tls_count idle TLS connections: $tls_per_connection KiB per connection." >> "$REPORT"
echo "idle TLS connections: $tls_per_connection KiB each"

# Hand-written findings live in tests/bench/NOTES.md and survive re-runs.
if [[ -f "$ROOT/tests/bench/NOTES.md" ]]; then
  { echo; cat "$ROOT/tests/bench/NOTES.md"; } >> "$REPORT"
fi
echo "written to docs/benchmarks.md"
