#!/usr/bin/env bash
# Randomized differential test of immediate maintenance (issue 17):
# matview_differential.py with the covered views WITH (refresh_mode =
# immediate), each checked after writes, inside blocks and after ROLLBACK TO
# SAVEPOINT, against its query run fresh on Basalt and on PostgreSQL 15.
export MATVIEW_DIFF_MODE=immediate
export MATVIEW_DIFF_SEED=${MATVIEW_DIFF_SEED:-17}
exec bash "$(cd "$(dirname "$0")" && pwd)/matview_differential_test.sh" "$@"
