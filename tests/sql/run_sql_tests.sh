#!/usr/bin/env bash
# SQL-file tests: starts Basalt on a free port, runs every tests/sql/<feature>/*.sql
# through psql and diffs the output with the sibling .expected file, which
# record_expected.sh took from PostgreSQL 15.
# Usage: run_sql_tests.sh <basalt binary> [file.sql...]   (default: all files)
source "$(dirname "$0")/../client/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/sql_files.sh"

# One server runs every file for minutes: an automatic ANALYZE landing in
# the middle of a file would change its plans from run to run (the feature
# has its own test, tests/client/auto_analyze_test.sh).
echo "autovacuum = off" >"$WORK_DIR/sql_files.conf"
BASALT_EXTRA_ARGS="--config $WORK_DIR/sql_files.conf"
basalt_start "$1"
shift
passed=0
failed=0
while IFS= read -r file; do
  dir=$(dirname "$file")
  name=$(basename "$file" .sql)
  label=${file#"$HERE"/}
  actual="$WORK_DIR/${label//\//_}.out"
  run_sql_file "$file" > "$actual"
  if diff -u "$dir/$name.expected" "$actual" > "$actual.diff" 2>&1; then
    echo "ok     $label"
    passed=$((passed + 1))
  else
    echo "FAILED $label"
    cat "$actual.diff"
    failed=$((failed + 1))
  fi
done < <(list_sql_files "$HERE" "$@")

kill -0 "$BASALT_PID" 2>/dev/null || fail "server died during the run"
# A run that found no files (moved folder, bad glob) must not pass.
[[ $((passed + failed)) -gt 0 ]] || fail "no SQL files ran"
basalt_stop
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
