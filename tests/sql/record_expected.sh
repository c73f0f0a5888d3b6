#!/usr/bin/env bash
# Regenerates the .expected files of the SQL-file tests from a throwaway
# PostgreSQL 15, so that every expected output is PostgreSQL's own.
# Usage: record_expected.sh [file.sql...]   (default: all files)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/sql_files.sh"
source "$HERE/../reference_postgres.sh"
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=basalt PGDATABASE=basalt PGCONNECT_TIMEOUT=5

while IFS= read -r file; do
  run_sql_file "$file" > "${file%.sql}.expected"
  echo "recorded ${file#"$HERE"/}"
done < <(list_sql_files "$HERE" "$@")
