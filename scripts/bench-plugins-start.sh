#!/usr/bin/env bash
# Cold start of `orbita serve` with 15 small plugins, measured from process start to
# /ready answering 200, on SQLite. Prints each run and the median (target < 500 ms).
# Usage: scripts/bench-plugins-start.sh [runs=7]   (BUILD_DIR=build/dev by default;
# the fixture plugins bench_01..bench_15 must be built: cmake --build --preset dev; for
# the number that counts, BUILD_DIR=build/release after
# cmake --build --preset release --target orbita orbita_fixture_plugins).
# The machine's load average is printed before and after: the median means little on a
# machine busy with other work.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
build=${BUILD_DIR:-build/dev}
orbita="$build/bin/orbita"
fixtures="$build/tests/fixture_plugins"
for f in "$orbita" "$fixtures/bench_15/libbench_15.so"; do
  [[ -e "$f" ]] || { echo "missing $f: build first (cmake --build --preset dev)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/plugins"
# PLUGINS=0 measures the same start without plugins, for the host's share.
count=${PLUGINS:-15}
for i in $(seq -w 1 15); do
  ((10#$i <= count)) || break
  ln -s "$(realpath "$fixtures/bench_$i")" "$work/plugins/bench_$i"
done
port=$((20000 + RANDOM % 20000))
cat > "$work/orbita.json" <<JSON
{"data_dir": "$work/var", "http": {"port": $port, "access_log": false},
 "log": {"level": "warn"}, "plugins": {"directories": ["$work/plugins"]}}
JSON
"$orbita" --config "$work/orbita.json" migrate >/dev/null  # the database exists, as on a real restart

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
times=()
cpus=()
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$orbita" --config "$work/orbita.json" serve >"$work/serve.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
    sleep 0.005
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  # CPU time the server spent until /ready (user + system, all threads): unlike the
  # wall time it barely depends on what else the machine is doing.
  read -r -a stat < <(sed 's/^.*) //' "/proc/$pid/stat")
  cpu_ms=$(((stat[11] + stat[12]) * 1000 / $(getconf CLK_TCK)))
  kill "$pid"; wait "$pid" || true
  times+=("$ms")
  cpus+=("$cpu_ms")
  echo "run $run: ${ms} ms (cpu ${cpu_ms} ms)"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
cpu_median=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median cold start with $count plugins: ${median} ms (target < 500 ms); median CPU time until ready: ${cpu_median} ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
