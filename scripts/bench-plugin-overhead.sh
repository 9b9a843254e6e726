#!/usr/bin/env bash
# What the plugin host costs a request that touches no plugin code: route lookup and
# GET /api/v1/records/ticket/{id} over HTTP on a kernel without plugins and on one with
# the fifteen bench plugins (SQLite), requests alternating between the two.
# Usage: scripts/bench-plugin-overhead.sh [requests=20000]   (BUILD_DIR=build/release by default;
# build first: cmake --build --preset release --target plugin_overhead_bench)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${BUILD_DIR:-build/release}/tests/plugin_overhead_bench
[[ -x "$bench" ]] || { echo "missing $bench: build it first" >&2; exit 2; }
"$bench" "${1:-20000}"
