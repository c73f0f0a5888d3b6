#!/usr/bin/env bash
# COPY through psycopg2, psycopg 3 and asyncpg: copy_test.py.
source "$(dirname "$0")/../client/lib.sh"
source "$(dirname "$0")/drivers.sh"
basalt_start "$1"
run_copy_clients "$PORT" || fail "COPY client test failed"
basalt_stop
