#!/usr/bin/env bash
# The randomized differential test of incremental refresh (issue 16) with
# Basalt's session at work_mem = 64kB: refreshes whose backlogs take more
# read the change log in chunks (one changed input through inner joins) or
# refresh fully, and every view still equals its query run fresh and
# PostgreSQL 15's full refresh.
export MATVIEW_DIFF_MODE=incremental
export MATVIEW_DIFF_WORK_MEM=64kB
export MATVIEW_DIFF_SEED=${MATVIEW_DIFF_SEED:-17}
export MATVIEW_DIFF_ROUNDS=${MATVIEW_DIFF_ROUNDS:-600}
exec bash "$(cd "$(dirname "$0")" && pwd)/matview_differential_test.sh" "$@"
