#!/usr/bin/env bash
# make slt: SQLite's sqllogictest subset (../shared/sqllogictest) against a
# fresh Basalt, through the PostgreSQL protocol. Not part of `make test`: it
# measures how much of the suite passes (docs/conformance.md keeps the
# figures); extra arguments go to slt_run.py (e.g. --glob 'select1*' -v).
source "$(dirname "$0")/../client/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SLT_DIR=${SLT_DIR:-$ROOT/../shared/sqllogictest}
[[ -f "$SLT_DIR/slt_run.py" ]] || { echo "no sqllogictest suite at $SLT_DIR" >&2; exit 2; }

basalt_start "${BASALT_BINARY:-$ROOT/build/basalt}"
status=0
/usr/bin/python3 "$SLT_DIR/slt_run.py" --host 127.0.0.1 --port "$PORT" --user basalt \
  --dbname basalt --isolation none "$@" || status=$?
basalt_stop
exit $status
