#!/usr/bin/env bash
# crm benchmark (issue 7): imports BENCH_ROWS clients (default 100,000) from one CSV
# file through the real API (POST /api/v1/crm/imports) into an empty database, on
# SQLite and on PostgreSQL, and prints the median wall time of BENCH_RUNS runs. Each
# run starts a fresh server and database. Target: under 20 s for 100,000 rows.
#
# The file has a header row and rows "Фамилия;Имя;Отчество;Телефон;E-mail" with a
# distinct mobile number and e-mail each, so every row is checked (name, phone and
# e-mail lookups) and written (client, phone, e-mail) as in a real import.
#
# Usage: scripts/bench-crm.sh
#   BENCH_ROWS=100000 BENCH_RUNS=3 BENCH_BACKENDS="sqlite postgresql"
#   BENCH_PG_PORT=55498          the throw-away PostgreSQL cluster (scripts/lib/pg-cluster.sh)
#   BENCH_ORBITA=build/dev/bin/orbita BENCH_PLUGINS=build/dev/plugins   what to run
#
# Not measured yet: client search over 1,000,000 clients and the kanban first screen
# over 50,000 deals (see plugins/crm/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rows=${BENCH_ROWS:-100000}
runs=${BENCH_RUNS:-3}
backends=${BENCH_BACKENDS:-sqlite postgresql}
orbita=${BENCH_ORBITA:-$root/build/dev/bin/orbita}
plugins=${BENCH_PLUGINS:-$root/build/dev/plugins}
work=$(mktemp -d /tmp/orbita-bench-crm-XXXXXX)
server_pid=""

die() { echo "bench-crm: $*" >&2; exit 1; }
# shellcheck source=lib/server-port.sh
source "$root/scripts/lib/server-port.sh"
[[ -x "$orbita" ]] || die "$orbita is missing; build the dev preset"
[[ -f "$plugins/crm/plugin.json" ]] || die "no crm plugin under $plugins"

stop_server() {
  if [[ -n "$server_pid" ]]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
cleanup() {
  stop_server
  if [[ " $backends " == *" postgresql "* ]]; then pg_cluster_stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The request body: the CSV file base64-encoded in JSON, as the import wizard sends it.
{
  printf '{"file_name":"bench.csv","content_base64":"'
  { printf 'Фамилия;Имя;Отчество;Телефон;E-mail\n'
    awk -v n="$rows" 'BEGIN { for (i = 1; i <= n; i++) printf "Иванов%d;Иван;Петрович;+7 9%02d %03d-%02d-%02d;client%d@example.ru\n", i, 10 + i % 80, int(i / 10000) % 1000, int(i / 100) % 100, i % 100, i }'
  } | base64 -w0
  printf '"}'
} >"$work/body.json"

server_env() {
  local backend=$1 dir=$2
  local -a env=(env -u ORBITA_PG_PORT -u ORBITA_CONFIG -u ORBITA_DB_URL ORBITA_DATA_DIR="$dir"
    ORBITA_HTTP_HOST=127.0.0.1 ORBITA_HTTP_PORT=0 ORBITA__HTTP__ACCESS_LOG=false ORBITA_LOG_LEVEL=warn
    ORBITA__HTTP__MAX_BODY_BYTES=$((64 * 1024 * 1024)) ORBITA__PLUGINS__DIRECTORIES="[\"$plugins\"]"
    ORBITA__PLUGINS__SETTINGS__CRM__CONFIG="{\"import\":{\"max_rows\":$rows}}")
  if [[ "$backend" == postgresql ]]; then env+=(ORBITA_DB_URL="$ORBITA_TEST_PG_URL"); fi
  printf '%s\0' "${env[@]}"
}

# One run: a fresh database, an administrator with an API token, then the timed import.
run_once() {
  local backend=$1 dir=$2 password port="" base code csrf token
  local -a env
  mkdir -p "$dir"
  mapfile -d '' env < <(server_env "$backend" "$dir")
  password="bench-$(date +%s%N)-not-a-secret-worth-keeping"
  printf '%s\n' "$password" | "${env[@]}" "$orbita" user add --login bench --role administrator --password-stdin \
    >"$dir/user.log" 2>&1 || { cat "$dir/user.log" >&2; die "user add failed"; }
  "${env[@]}" "$orbita" serve >"$dir/server.out" 2>"$dir/server.log" &
  server_pid=$!
  port=$(server_port "$dir" "$server_pid") || die "the server did not start"
  base="http://127.0.0.1:$port"
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/ready") == 200 ]]; do sleep 0.1; done
  curl -s -c "$dir/cookies" -o "$dir/login.json" -H 'Content-Type: application/json' \
    -d "{\"login\":\"bench\",\"password\":\"$password\"}" "$base/api/v1/auth/login"
  csrf=$(grep -o '"csrf_token":"[^"]*"' "$dir/login.json" | cut -d'"' -f4)
  curl -s -b "$dir/cookies" -o "$dir/token.json" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d '{"name":"bench-crm"}' "$base/api/v1/auth/tokens"
  token=$(grep -o '"token":"[^"]*"' "$dir/token.json" | cut -d'"' -f4)
  [[ -n "$token" ]] || die "no API token: $(cat "$dir/login.json" "$dir/token.json")"
  code=$(curl -s -o "$dir/import.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data-binary @"$work/body.json" "$base/api/v1/crm/imports")
  stop_server
  [[ "${code%% *}" == 201 ]] || die "$backend: the import answered ${code%% *}: $(head -c 600 "$dir/import.json")"
  grep -q "\"created_count\":$rows" "$dir/import.json" || die "$backend: not every row was created: $(head -c 300 "$dir/import.json")"
  echo "${code#* }"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for backend in $backends; do
  if [[ "$backend" == postgresql ]]; then
    # shellcheck source=lib/pg-cluster.sh
    source "$root/scripts/lib/pg-cluster.sh"
    ORBITA_PG_PORT=${BENCH_PG_PORT:-55498} pg_cluster_start >/dev/null
  fi
  times=()
  for run in $(seq 1 "$runs"); do
    if [[ "$backend" == postgresql ]]; then
      psql -q "$ORBITA_TEST_PG_URL" -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
    fi
    times+=("$(run_once "$backend" "$work/$backend-$run")")
    echo "$backend run $run: ${times[-1]} s" >&2
  done
  printf 'import %s clients, %s: median %s s of %s runs (%s)\n' "$rows" "$backend" \
    "$(printf '%s\n' "${times[@]}" | median)" "$runs" "${times[*]}"
done
