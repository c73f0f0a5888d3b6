#!/usr/bin/env bash
# Enum types through psycopg2, psycopg 3, asyncpg and SQLAlchemy against
# Basalt (enum_types.py).
source "$(dirname "$0")/../client/lib.sh"
basalt_start "$1"
/usr/bin/python3 "$(dirname "$0")/enum_types.py" "$PORT" || fail "enum types through the drivers failed"
basalt_stop
