#!/usr/bin/env bash
# pgjdbc (Debian's libpostgresql-jdbc-java) against Basalt: PgjdbcTest.java,
# compiled into a temporary directory. Every step but metadata_catalog,
# which needs joins over pg_catalog (PENDING.md).
source "$(dirname "$0")/../client/lib.sh"
source "$(dirname "$0")/drivers.sh"
basalt_start "$1"
run_pgjdbc "$PORT" types prepared_default prepared_threshold_1 batches fetch_size metadata \
  transactions_errors || fail "pgjdbc test failed"
basalt_stop
