#!/usr/bin/env bash
# Randomized differential test of incremental refresh (issue 16):
# matview_differential.py with Basalt's views WITH (refresh_mode = auto),
# checked after every refresh against the query run fresh and against
# PostgreSQL 15's views refreshed in full.
export MATVIEW_DIFF_MODE=incremental
export MATVIEW_DIFF_SEED=${MATVIEW_DIFF_SEED:-16}
exec bash "$(cd "$(dirname "$0")" && pwd)/matview_differential_test.sh" "$@"
