#!/usr/bin/env bash
# Robot benchmark (issue 5): BENCH_RECORDS records enter a stage that has three robots
# (set a field; create a notice record, as a notify action would; a Lua condition and an
# update). Measures the wall time from the first move until every robot run has
# committed, on SQLite and on PostgreSQL; prints every run and the median per backend.
# Target on SQLite: under 5 s for 10,000 records.
#
# The records are created before the clock starts; the moves are system updates in
# transactions of 100, as an import or a bulk action would make them, while the job
# workers already run the robots.
#
# Options (environment):
#   BENCH_RECORDS=10000       records per run
#   BENCH_RUNS=3              runs per backend; the median is reported
#   BENCH_WORKERS=4           job runner threads (config jobs.workers)
#   BENCH_BACKENDS="sqlite postgresql"
#   BENCH_PG_PORT=55499       port of the throw-away PostgreSQL cluster
#   BENCH_PRESET=release      build preset to measure (dev: the -O1 test build)
#   BENCH_BUILD=0             skip building
set -euo pipefail
cd "$(dirname "$0")/.."

records=${BENCH_RECORDS:-10000}
runs=${BENCH_RUNS:-3}
workers=${BENCH_WORKERS:-4}
backends=${BENCH_BACKENDS:-sqlite postgresql}
preset=${BENCH_PRESET:-release}

if [[ ${BENCH_BUILD:-1} != 0 ]]; then
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" --target robots_bench
fi
bench=build/$preset/tests/robots_bench

if [[ " $backends " == *" postgresql "* ]]; then
  source scripts/lib/pg-cluster.sh
  ORBITA_PG_PORT=${BENCH_PG_PORT:-55499} pg_cluster_start
  trap pg_cluster_stop EXIT
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

for backend in $backends; do
  results=()
  for ((i = 1; i <= runs; i++)); do
    line=$("$bench" "$backend" "$records" "$workers" | grep '^{')
    echo "$line"
    results+=("$(sed -E 's/.*"seconds":([0-9.]+).*/\1/' <<<"$line")")
  done
  printf '%s: median %.2f s over %d runs (%d records, 3 robots, %d workers)\n' "$backend" \
    "$(printf '%s\n' "${results[@]}" | median)" "$runs" "$records" "$workers"
done
