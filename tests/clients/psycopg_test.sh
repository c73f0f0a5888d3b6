#!/usr/bin/env bash
# psycopg 3 (Debian's python3-psycopg) against Basalt: psycopg_test.py.
source "$(dirname "$0")/../client/lib.sh"
source "$(dirname "$0")/drivers.sh"
basalt_start "$1"
run_psycopg "$PORT" || fail "psycopg test failed"
basalt_stop
