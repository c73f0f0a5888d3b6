#!/usr/bin/env bash
# Issue 12's concurrency checks: 8 clients upserting 10 keys lose no update
# and see no error; 8 clients calling nextval get no value twice, also
# across a kill -9 in the middle of their calls and a restart.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
WORKLOAD="$HERE/upsert_sequence_concurrency.py"
CALLS=${SEQUENCE_CALLS:-10000}
basalt_start "$1"

/usr/bin/python3 "$WORKLOAD" upsert "$PORT" || fail "concurrent upserts"

VALUES="$WORK_DIR/nextval_values"
: > "$VALUES"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SEQUENCE seq" || fail "CREATE SEQUENCE"
# A first run to its end, then one killed halfway, then one after the restart.
/usr/bin/python3 "$WORKLOAD" nextval "$PORT" "$VALUES" "$CALLS"
[[ $(wc -l < "$VALUES") -eq $((8 * CALLS)) ]] || fail "nextval: $(wc -l < "$VALUES") values"
/usr/bin/python3 "$WORKLOAD" nextval "$PORT" "$VALUES" "$CALLS" &
CLIENTS=$!
sleep 1
kill -KILL "$BASALT_PID"
wait "$BASALT_PID" 2>/dev/null || true
BASALT_PID=""
wait "$CLIENTS"
basalt_start "$1"
/usr/bin/python3 "$WORKLOAD" nextval "$PORT" "$VALUES" 1000
DUPLICATES=$(sort -n "$VALUES" | uniq -d | head -5)
[[ -z "$DUPLICATES" ]] || fail "nextval handed out a value twice: $DUPLICATES"
echo "nextval: $(wc -l < "$VALUES") values from 8 clients, a kill -9 among them, none twice"
# A clean restart keeps the exact value (PostgreSQL's shutdown checkpoint
# writes it); only a crash skips the values reserved ahead.
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SEQUENCE exact_seq" -c "SELECT nextval('exact_seq')" \
  -c "SELECT nextval('exact_seq')" -c "SELECT nextval('exact_seq')" >/dev/null
basalt_stop
basalt_start "$1"
[[ $(psql -X -A -t -c "SELECT last_value FROM exact_seq") == 3 ]] ||
  fail "a clean restart moved the sequence: $(psql -X -A -t -c "SELECT last_value FROM exact_seq")"
[[ $(psql -X -A -t -c "SELECT nextval('exact_seq')") == 4 ]] || fail "nextval after a clean restart"
basalt_stop
echo "PASS upsert_sequence_concurrency"
