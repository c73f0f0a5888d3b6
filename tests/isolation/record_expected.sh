#!/usr/bin/env bash
# Records the expected transcripts of isolation specs from a throwaway
# PostgreSQL 15, so that every expected/<name>.out is PostgreSQL's own.
# Usage: tests/isolation/record_expected.sh [specs/<name>.spec...]   (default: all)
# The runner is build/tests/isolation_runner (scripts/build-locked.sh
# isolation_runner), or $ISOLATION_RUNNER.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
RUNNER=${ISOLATION_RUNNER:-$HERE/../../build/tests/isolation_runner}
[[ -x "$RUNNER" ]] || { echo "no runner at $RUNNER: build isolation_runner first" >&2; exit 1; }
source "$HERE/../reference_postgres.sh"

specs=("$@")
[[ ${#specs[@]} -gt 0 ]] || specs=("$HERE"/specs/*.spec)
"$RUNNER" --conninfo "host=127.0.0.1 port=$PORT user=basalt dbname=basalt sslmode=disable" \
  --record "${specs[@]}"
