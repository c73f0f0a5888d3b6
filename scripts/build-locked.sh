#!/usr/bin/env bash
# Builds targets in build/ while holding a machine-wide lock, so that several
# people (or agents) sharing one checkout never run two compilers at once.
# Usage: scripts/build-locked.sh [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD"
exec flock /tmp/basalt-build.lock bash -c '
  [ -f build/build.ninja ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  ninja -C build "$@"' _ "$@"
