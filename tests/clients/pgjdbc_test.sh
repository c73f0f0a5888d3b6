#!/usr/bin/env bash
# pgjdbc (Debian's libpostgresql-jdbc-java) against Basalt: PgjdbcTest.java,
# compiled into a temporary directory. Every step.
source "$(dirname "$0")/../client/lib.sh"
source "$(dirname "$0")/drivers.sh"
basalt_start "$1"
run_pgjdbc "$PORT" || fail "pgjdbc test failed"
basalt_stop
