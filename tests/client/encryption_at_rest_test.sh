#!/usr/bin/env bash
# Encryption at rest, seen from outside: rows carrying a marker string are
# written (some flushed and compacted into SST files by CHECKPOINT, some left
# in the WAL only), the server stops, and then every file under the data
# directory is scanned: the marker, the table name and the column names
# appear nowhere. A wrong key must then fail start-up clearly and change no
# file; the right key still reads every row.
source "$(dirname "$0")/lib.sh"

MARKER="PLAINTEXT-MARKER-c0ffee-$RANDOM"
TABLE="confidential_ledger"
COLUMN="secret_payload_column"

basalt_start "$1"
run_psql -c "CREATE TABLE $TABLE (id int PRIMARY KEY, $COLUMN text, amount_cents bigint)"
for batch in 0 1 2 3 4; do
  values=$(seq $((batch * 200 + 1)) $((batch * 200 + 200)) |
    sed "s/.*/(&, '$MARKER row &', &)/" | paste -sd,)
  run_psql -c "INSERT INTO $TABLE VALUES $values" >/dev/null
done
run_psql -c "CHECKPOINT"
# Written after the checkpoint: these live only in the WAL when we stop.
run_psql -c "INSERT INTO $TABLE VALUES (5001, '$MARKER in wal', 1)" >/dev/null
basalt_stop

[[ -n "$(find "$DATA_DIR" -type f -name '*.sst')" ]] || fail "no SST file was written"
for needle in "$MARKER" "$TABLE" "$COLUMN"; do
  hits=$(grep -rlaF "$needle" "$DATA_DIR" || true)
  [[ -z "$hits" ]] || fail "\"$needle\" found in plaintext in: $hits"
done
echo "no plaintext marker, table or column name in $(find "$DATA_DIR" -type f | wc -l) files"

# A wrong key: start-up fails with a clear message and modifies nothing.
before=$(cd "$DATA_DIR" && find . -type f -exec sha256sum {} + | sort)
good_key=$(cat "$KEY_FILE")
(umask 077; openssl rand -hex 32 > "$KEY_FILE")
status=0
timeout 20 "$1" --listen 127.0.0.1 --port "$PORT" --data-dir "$DATA_DIR" --key-file "$KEY_FILE" \
  > "$WORK_DIR/wrong_key.log" 2>&1 || status=$?
[[ $status -ne 0 && $status -ne 124 ]] || fail "start-up with a wrong key did not fail (status $status)"
grep -qi "key" "$WORK_DIR/wrong_key.log" || { cat "$WORK_DIR/wrong_key.log"; fail "no clear message about the key"; }
after=$(cd "$DATA_DIR" && find . -type f -exec sha256sum {} + | sort)
[[ "$before" == "$after" ]] || fail "a start-up with the wrong key changed files"

# The right key reads everything back.
(umask 077; echo "$good_key" > "$KEY_FILE")
basalt_start "$1"
count=$(run_psql -At -c "SELECT id FROM $TABLE WHERE $COLUMN LIKE '%$MARKER%' ORDER BY id" | wc -l)
[[ "$count" == "1001" ]] || fail "expected 1001 rows after restart, got $count"
basalt_stop
echo "encryption at rest: OK"
