#!/usr/bin/env bash
# Enum types and domains through psycopg2, psycopg 3, asyncpg and
# SQLAlchemy against Basalt (user_types.py).
source "$(dirname "$0")/../client/lib.sh"
basalt_start "$1"
/usr/bin/python3 "$(dirname "$0")/user_types.py" "$PORT" || fail "user-defined types through the drivers failed"
basalt_stop
