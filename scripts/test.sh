#!/usr/bin/env bash
# README command 2: install what is missing, build, and run the whole test suite on
# SQLite and on a throw-away PostgreSQL cluster started here. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test
cmake --preset dev >/dev/null
cmake --build --preset dev

source scripts/lib/pg-cluster.sh
pg_cluster_start
trap pg_cluster_stop EXIT
export ORBITA_TEST_REQUIRE_PG=1

ctest --preset dev "$@"
