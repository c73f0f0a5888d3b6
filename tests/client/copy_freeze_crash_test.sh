#!/usr/bin/env bash
# kill -9 while COPY ... FREEZE ingests sorted files: every restart opens
# the data directory, and every table whose transaction committed holds all
# its rows, its index agreeing. (Ingested files were once hard-linked in;
# RocksDB reopens a linked file to sync it, the encrypting file system's
# reopen writes a fresh prefix, and after a kill the next open failed:
# "Sst file size mismatch".)
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
CYCLES=${COPY_FREEZE_CRASH_CYCLES:-8}
RANDOM=7

first=1
for ((cycle = 1; cycle <= CYCLES; cycle++)); do
  basalt_start "$1"
  /usr/bin/python3 "$HERE/copy_freeze_load.py" "$PORT" "$first" >> "$WORK_DIR/committed" \
    2>/dev/null &
  load=$!
  sleep "0.$((RANDOM % 9 + 1))"
  kill -KILL "$BASALT_PID"
  wait "$BASALT_PID" 2>/dev/null || true
  BASALT_PID=""
  wait "$load" 2>/dev/null || true
  first=$(( $(tail -n 1 "$WORK_DIR/committed" 2>/dev/null || echo 0) + 1000 ))
done
basalt_start "$1"
committed=$(wc -l < "$WORK_DIR/committed")
(( committed > 0 )) || fail "no table committed in $CYCLES cycles"
while read -r n; do
  [[ $(psql -X -A -t -c "SELECT count(*) FROM f$n") == 2000 ]] || fail "table f$n lost rows"
  [[ $(psql -X -A -t -c "SELECT basalt_index_check('f${n}_a_idx'::regclass)") == 2000 ]] ||
    fail "the index of f$n disagrees with its table"
done < "$WORK_DIR/committed"
basalt_stop
echo "copy freeze crash: OK ($committed tables committed over $CYCLES kills)"
