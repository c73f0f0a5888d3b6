#!/usr/bin/env bash
# pgjdbc's DatabaseMetaData (issue 13): PgjdbcMetadataTest.java runs every
# call against Basalt and against a throwaway PostgreSQL 15 on the same
# schema and compares the answers.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../reference_postgres.sh"
PG_PORT=$PORT
source "$HERE/../client/lib.sh"
source "$HERE/drivers.sh"
trap 'basalt_stop; rm -rf "$WORK_DIR"; stop_reference_postgres' EXIT

basalt_start "$1"
run_pgjdbc_program PgjdbcMetadataTest "$PORT" "$PG_PORT" ||
  fail "pgjdbc's metadata differs from PostgreSQL's"
basalt_stop
