#!/usr/bin/env bash
# Every type of issue 11 through psycopg2 (text) and psycopg 3 (binary)
# against Basalt: type_roundtrip.py.
source "$(dirname "$0")/../client/lib.sh"
source "$(dirname "$0")/drivers.sh"
basalt_start "$1"
run_type_roundtrip "$PORT" || fail "type round trip failed"
basalt_stop
