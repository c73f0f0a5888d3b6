#!/usr/bin/env bash
# psycopg 3 (Debian's python3-psycopg) against Basalt: psycopg_test.py.
source "$(dirname "$0")/../client/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
/usr/bin/python3 -c 'import psycopg' 2>/dev/null ||
  fail "psycopg 3 is missing: apt-get install python3-psycopg"
basalt_start "$1"
/usr/bin/python3 "$HERE/psycopg_test.py" "$PORT" || fail "psycopg test failed"
basalt_stop
