#!/usr/bin/env bash
# node-postgres (pg from npm, pinned by node/package-lock.json) against
# Basalt: node/node_postgres_test.js.
source "$(dirname "$0")/../client/lib.sh"
source "$(dirname "$0")/drivers.sh"
basalt_start "$1"
run_node_postgres "$PORT" || fail "node-postgres test failed"
basalt_stop
