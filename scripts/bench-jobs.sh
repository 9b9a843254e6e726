#!/usr/bin/env bash
# Job claimer benchmark (issue 5): schedules BENCH_JOBS due no-op jobs, starts the
# runner and measures how long until all are done, on SQLite and on PostgreSQL; prints
# every run and the median jobs/s per backend. Target: at least 5,000 jobs/s.
#
# Each job is a transactional no-op: it is claimed under a lease (a batch per claim),
# its handler runs inside a write transaction that also marks it done with a lease
# check, exactly as a robot's effect would. Scheduling happens before the clock starts.
#
# Options (environment):
#   BENCH_JOBS=20000          jobs per run
#   BENCH_RUNS=5              runs per backend; the median is reported
#   BENCH_WORKERS=8           runner threads (config jobs.workers)
#   BENCH_BATCH=64            jobs claimed at a time (config jobs.batch_size)
#   BENCH_BACKENDS="sqlite postgresql"
#   BENCH_PG_PORT=55498       port of the throw-away PostgreSQL cluster
#   BENCH_PRESET=release      build preset to measure (dev: the -O1 test build)
#   BENCH_BUILD=0             skip building
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${BENCH_JOBS:-20000}
runs=${BENCH_RUNS:-5}
workers=${BENCH_WORKERS:-8}
batch=${BENCH_BATCH:-64}
backends=${BENCH_BACKENDS:-sqlite postgresql}
preset=${BENCH_PRESET:-release}

if [[ ${BENCH_BUILD:-1} != 0 ]]; then
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" --target jobs_bench
fi
bench=build/$preset/tests/jobs_bench

if [[ " $backends " == *" postgresql "* ]]; then
  source scripts/lib/pg-cluster.sh
  ORBITA_PG_PORT=${BENCH_PG_PORT:-55498} pg_cluster_start
  trap pg_cluster_stop EXIT
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for backend in $backends; do
  results=()
  for ((i = 1; i <= runs; i++)); do
    line=$("$bench" "$backend" "$jobs" "$workers" "$batch" | grep '^{')
    echo "$line"
    results+=("$(sed -E 's/.*"jobs_per_second":([0-9.]+).*/\1/' <<<"$line")")
  done
  printf '%s: median %.0f jobs/s over %d runs (%d jobs, %d workers, batch %d)\n' "$backend" \
    "$(printf '%s\n' "${results[@]}" | median)" "$runs" "$jobs" "$workers" "$batch"
done
