#!/usr/bin/env bash
# asyncpg (Debian's python3-asyncpg) against Basalt: asyncpg_test.py.
source "$(dirname "$0")/../client/lib.sh"
source "$(dirname "$0")/drivers.sh"
basalt_start "$1"
run_asyncpg "$PORT" || fail "asyncpg test failed"
basalt_stop
