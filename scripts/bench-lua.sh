#!/usr/bin/env bash
# Issue 5 performance: the overhead of a no-op Lua run (target: median under 50 us).
# Builds tests/bench/lua_bench.cpp in the given preset (default release) and runs it:
# full LuaRuntime::run calls (pooled sandbox, fresh globals, budgets, one SQLite write
# transaction each), next to an empty write transaction for comparison.
#
#   scripts/bench-lua.sh [RUNS]          (PRESET=dev scripts/bench-lua.sh to reuse the dev build)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${PRESET:-release}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target orbita_lua_bench
"build/$preset/tests/orbita_lua_bench" "${1:-20000}"
