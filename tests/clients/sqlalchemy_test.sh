#!/usr/bin/env bash
# SQLAlchemy (Debian's python3-sqlalchemy) with its psycopg2 and asyncpg
# dialects against Basalt: sqlalchemy_test.py.
source "$(dirname "$0")/../client/lib.sh"
source "$(dirname "$0")/drivers.sh"
basalt_start "$1"
run_sqlalchemy "$PORT" || fail "sqlalchemy test failed"
basalt_stop
