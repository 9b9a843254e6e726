#!/usr/bin/env bash
# Records API benchmark (issue 2): seeds 100,000 `ticket` records and measures with wrk
# on loopback (2 threads, 32 keep-alive connections) four cases on SQLite and on
# PostgreSQL, then prints the median requests/s and p50/p99 latency of several runs.
#
# Usage: scripts/bench-records.sh
#
# Cases (wrk Lua scripts in tests/load/):
#   get     GET /api/v1/records/ticket/<random existing id>
#   get_dept the same as a non-administrator: user `bench-dept` with the demo role
#           `manager` (tickets of the own department, scope "department"), picking
#           from the ids that user may see (issue 3: within 20% of `get`)
#   list    GET /api/v1/records/ticket?filter[status]=new&limit=50
#   create  POST /api/v1/records/ticket (a valid new ticket)
#   patch   PATCH /api/v1/records/ticket/<random existing id>, If-Match: *, one field
#           (no two requests in flight share an id: on PostgreSQL a concurrent PATCH of
#           the same record answers 409, which this case does not set out to measure)
#
# Options (environment):
#   BENCH_DURATION=15        seconds per run of a case (at least 5; 10 or more on a busy machine)
#   BENCH_RUNS=3             runs per case; the table shows medians (machines are noisy)
#   BENCH_RECORDS=100000     tickets seeded before measuring
#   BENCH_BACKENDS="sqlite postgresql"
#   BENCH_CASES="get get_dept list create patch"
#   BENCH_THREADS=2 BENCH_CONNECTIONS=32   wrk -t / -c
#   BENCH_PG_PORT=55499      port of the throw-away PostgreSQL cluster (scripts/lib/pg-cluster.sh)
#   BENCH_BUILD=0            skip building the release preset
#   BENCH_ORBITA=PATH        measure another orbita executable (implies BENCH_BUILD=0),
#                            e.g. a build of an older commit for comparison
#   BENCH_KEEP=1             keep the data directories and server logs (printed at the end)
#
# Every run fails loudly unless: wrk reports no socket error (connect, read, write,
# timeout) and no status >= 400; the server's own per-route counters (/metrics) saw only
# 2xx answers, at least as many as wrk counted; and every one of the BENCH_CONNECTIONS
# connections was answered and kept being answered. Poco serves a keep-alive connection
# on one pool thread for its whole life and wrk does not report a connection that never
# gets an answer, so the script samples the client sockets twice during each run with
# `ss` (at 25% and 75% of the run, at most 2 s before its end) and requires each to have received bytes, more at
# the second sample.
#
# Identity: the script adds an administrator `bench` with `orbita user add`, signs in
# once and makes an API token that every request sends (Authorization: Bearer). The
# get_dept case uses a second user, `bench-dept` (role manager, placed in the first
# department by the administrator), with its own token.
#
# Load-independent figures: each run also reads the server's CPU time (utime + stime of
# /proc/PID/stat) and its threads' voluntary and involuntary context switches
# (/proc/PID/task/*/status) before and after wrk, and prints CPU ms per 1,000 requests
# and switches per request. On a shared machine requests/s move with the other load;
# these hardly do, so they are the figures to compare two builds by.
#
# Durability: the server opens SQLite in WAL mode with synchronous=NORMAL (see
# kernel/src/storage/sqlite_dialect.cpp), so every acknowledged write survives a killed
# process; the script checks the database file is in WAL mode. The PostgreSQL cluster of
# scripts/lib/pg-cluster.sh runs with fsync=off (a throw-away test cluster), so its write
# numbers do not include the cost of flushing the WAL to disk.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

duration=${BENCH_DURATION:-15}
runs=${BENCH_RUNS:-3}
records=${BENCH_RECORDS:-100000}
backends=${BENCH_BACKENDS:-sqlite postgresql}
cases=${BENCH_CASES:-get get_dept list create patch}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-32}
pg_port=${BENCH_PG_PORT:-55499}

die() {
  echo "bench-records: $*" >&2
  exit 1
}
# shellcheck source=lib/server-port.sh
source "$root/scripts/lib/server-port.sh"

[[ "$duration" =~ ^[0-9]+$ && "$duration" -ge 5 ]] || die "BENCH_DURATION must be whole seconds, at least 5"
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 ]] || die "BENCH_RUNS must be a positive number"

scripts/install-deps.sh --test
command -v wrk >/dev/null || die "wrk is not installed"
command -v ss >/dev/null || die "ss (iproute2) is needed to check the connections"

orbita=${BENCH_ORBITA:-$root/build/release/bin/orbita}
if [[ "${BENCH_BUILD:-1}" != 0 && -z "${BENCH_ORBITA:-}" ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target orbita
fi
[[ -x "$orbita" ]] || die "$orbita is missing; build the release preset"

work=$(mktemp -d /tmp/orbita-bench.XXXXXX)
server_pid=""
pg_started=0

stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

cleanup() {
  stop_server
  if ((pg_started)); then pg_cluster_stop; fi
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
    echo "Kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server's environment: only Orbita settings (no ORBITA_PG_PORT warning), access log
# off so the log does not measure the terminal.
server_env() {
  local backend=$1 dir=$2
  local -a env=(env -u ORBITA_PG_PORT -u ORBITA_CONFIG -u ORBITA_DB_URL ORBITA_DATA_DIR="$dir"
    ORBITA_HTTP_HOST=127.0.0.1 ORBITA_HTTP_PORT=0 ORBITA__HTTP__ACCESS_LOG=false ORBITA_LOG_LEVEL=warn)
  if [[ "$backend" == postgresql ]]; then env+=(ORBITA_DB_URL="$ORBITA_TEST_PG_URL"); fi
  printf '%s\0' "${env[@]}"
}

run_orbita() {
  local backend=$1 dir=$2
  shift 2
  local -a env
  mapfile -d '' env < <(server_env "$backend" "$dir")
  "${env[@]}" "$orbita" "$@"
}

base=""

start_server() {
  local backend=$1 dir=$2
  local -a env
  mapfile -d '' env < <(server_env "$backend" "$dir")
  "${env[@]}" "$orbita" serve >"$dir/server.out" 2>"$dir/server.log" &
  server_pid=$!
  local port
  port=$(server_port "$dir" "$server_pid") || die "the server did not start"
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/ready") == 200 ]]; then return 0; fi
    sleep 0.1
  done
  die "the server at $base never became ready"
}

# The API needs an identity: every request sends an API token of a `bench` administrator.
auth=()

# A user `bench` (administrator) created with the CLI, signed in once to make an API token.
add_bench_user() {
  local backend=$1 dir=$2 login=$3 role=$4 password
  password="bench-$(date +%s%N)-not-a-secret-worth-keeping"
  printf '%s\n' "$password" | run_orbita "$backend" "$dir" user add --login "$login" --role "$role" \
    --full-name "Benchmark $login" --password-stdin >"$dir/user.log" 2>&1 ||
    { cat "$dir/user.log" >&2; die "$backend: user add $login failed"; }
  echo "$password" >"$dir/password-$login"
}

# Signs in as `login` and prints a new API token of that user.
api_token() {
  local dir=$1 login=$2 code csrf token
  code=$(curl -s -c "$dir/cookies-$login" -o "$dir/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"login\":\"$login\",\"password\":\"$(cat "$dir/password-$login")\"}" "$base/api/v1/auth/login")
  [[ "$code" == 200 ]] || die "signing in as $login answered $code: $(cat "$dir/login.json")"
  csrf=$(grep -o '"csrf_token":"[^"]*"' "$dir/login.json" | cut -d'"' -f4)
  code=$(curl -s -b "$dir/cookies-$login" -o "$dir/token.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -H "X-CSRF-Token: $csrf" -d '{"name":"bench-records"}' "$base/api/v1/auth/tokens")
  [[ "$code" == 200 || "$code" == 201 ]] || die "creating an API token for $login answered $code: $(cat "$dir/token.json")"
  token=$(grep -o '"token":"[^"]*"' "$dir/token.json" | cut -d'"' -f4)
  [[ -n "$token" ]] || die "no API token in $(cat "$dir/token.json")"
  echo "$token"
}

sign_in() {
  local token
  token=$(api_token "$1" bench)
  auth=(-H "Authorization: Bearer $token")
}

# The department user: moved into `department` by the administrator, signed in, and
# the ids of the tickets it may see (up to 5,000, read through its own eyes) written
# to $dir/dept-ids. Prints its token.
dept_user_token() {
  local dir=$1 department=$2 user_id code token cursor="" page=0 url
  user_id=$(first_of "/api/v1/records/user?filter%5Blogin%5D=bench-dept&limit=1")
  [[ -n "$user_id" ]] || die "user bench-dept not found"
  code=$(curl -s "${auth[@]}" -o "$dir/check.json" -w '%{http_code}' -X PATCH -H 'Content-Type: application/json' \
    -H 'If-Match: *' -d "{\"department\":$department}" "$base/api/v1/records/user/$user_id")
  [[ "$code" == 200 ]] || die "moving bench-dept into department $department answered $code: $(cat "$dir/check.json")"
  token=$(api_token "$dir" bench-dept)
  : >"$dir/dept-ids"
  while ((page < 10)); do
    url="$base/api/v1/records/ticket?sort=id&limit=500"
    [[ -n "$cursor" ]] && url+="&cursor=$cursor"
    curl -sf -H "Authorization: Bearer $token" "$url" >"$dir/page.json" || die "bench-dept cannot list tickets"
    grep -o '"id":[0-9]*' "$dir/page.json" | cut -d: -f2 >>"$dir/dept-ids"
    cursor=$(grep -o '"next_cursor":"[^"]*"' "$dir/page.json" | cut -d'"' -f4)
    [[ -n "$cursor" ]] || break
    page=$((page + 1))
  done
  [[ -s "$dir/dept-ids" ]] || die "bench-dept sees no tickets"
  echo "$token"
}

# The id of the first record of a list URL (keys are sorted, so "id" is the record's own).
first_of() {
  curl -sf "${auth[@]}" "$base$1" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2
}

# Counter value from /metrics for the route and status class.
route_count() {
  local metrics=$1 method=$2 route=$3 class=$4
  awk -v key="orbita_http_requests_total{method=\"$method\",route=\"$route\",status=\"$class\"}" \
    '$1 == key { print $2; found = 1 } END { if (!found) print 0 }' <<<"$metrics"
}

# "port bytes_received" of every established client socket to the server port.
sample_sockets() {
  local port=${base##*:}
  ss -Htni state established "( dport = :$port )" | awk '
    /^[0-9]/ || /^\[/ { n = split($3, a, ":"); port = a[n]; next }
    { got = 0; for (i = 1; i <= NF; ++i) if ($i ~ /^bytes_received:/) { split($i, b, ":"); got = b[2] }
      if (port != "") { print port, got; port = "" } }'
}

sleep_until() {
  local now
  now=$(date +%s%3N)
  if (($1 > now)); then sleep "$(awk -v ms=$(($1 - now)) 'BEGIN { printf "%.3f", ms / 1000 }')"; fi
}

declare -A case_script=([get]=get_by_id.lua [get_dept]=get_by_id.lua [list]=list_filtered.lua [create]=create.lua [patch]=patch_field.lua)
declare -A case_method=([get]=GET [get_dept]=GET [list]=GET [create]=POST [patch]=PATCH)
declare -A case_route=([get]="/api/v1/records/{type}/{id}" [get_dept]="/api/v1/records/{type}/{id}" [list]="/api/v1/records/{type}"
  [create]="/api/v1/records/{type}" [patch]="/api/v1/records/{type}/{id}")
declare -A case_label=([get]="GET by id" [get_dept]="GET by id, dept. user" [list]="GET list filter+limit 50" [create]="POST create"
  [patch]="PATCH one field")

results=$work/results.txt
: >"$results"

# CPU ticks (user + system) the server has used so far.
server_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
# "voluntary involuntary" context switches of the server's live threads so far.
server_switches() {
  cat /proc/"$server_pid"/task/*/status 2>/dev/null |
    awk '/^voluntary_ctxt/ { v += $2 } /^nonvoluntary_ctxt/ { n += $2 } END { print v + 0, n + 0 }'
}

# One wrk run with all the checks; appends "backend case rps p50_us p99_us cpu_ms_per_1k" to $results.
run_case() {
  local backend=$1 name=$2 run=$3
  shift 3
  local method=${case_method[$name]} route=${case_route[$name]}
  local before after out
  before=$(curl -sf "$base/metrics") || die "cannot read $base/metrics"
  local cpu_before cpu_after vol_before invol_before vol_after invol_after
  cpu_before=$(server_cpu_ticks)
  read -r vol_before invol_before < <(server_switches)
  out=$work/wrk-$backend-$name-$run.txt
  wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s "tests/load/${case_script[$name]}" \
    "$base" -- "$@" >"$out" 2>&1 &
  local wrk_pid=$! started_ms
  started_ms=$(date +%s%3N)
  # Two samples of the client sockets, at 25% and at 75% of the run (deadlines
  # from the start, so a slow sample on a busy machine does not push the next one
  # past the end of the run).
  local s1 s2
  sleep_until $((started_ms + duration * 250))
  s1=$(sample_sockets)
  local second=$((duration * 750))
  ((second <= duration * 1000 - 2000)) || second=$((duration * 1000 - 2000))  # leave wrk 2 s to run
  sleep_until $((started_ms + second))
  s2=$(sample_sockets)
  local late=0
  kill -0 "$wrk_pid" 2>/dev/null || late=1
  wait "$wrk_pid" || { cat "$out" >&2; die "$backend $name: wrk failed"; }
  ((late == 0)) || die "$backend $name run $run: the socket sample came after wrk had finished" \
    "(machine too busy?); use a longer BENCH_DURATION"
  cpu_after=$(server_cpu_ticks)
  read -r vol_after invol_after < <(server_switches)
  after=$(curl -sf "$base/metrics") || die "cannot read $base/metrics"

  local line
  line=$(grep '^BENCH ' "$out") || { cat "$out" >&2; die "$backend $name: wrk printed no summary"; }
  declare -A r=()
  local kv
  for kv in ${line#BENCH }; do r[${kv%%=*}]=${kv#*=}; done
  local errors="connect=${r[connect]} read=${r[read]} write=${r[write]} timeout=${r[timeout]} status=${r[status]}"
  if ((r[connect] + r[read] + r[write] + r[timeout] + r[status] > 0)); then
    cat "$out" >&2
    die "$backend $name run $run: wrk reported errors: $errors"
  fi
  ((r[requests] > 0)) || die "$backend $name run $run: no request completed"

  # The server's view: only 2xx, and at least what wrk counted (wrk stops without
  # waiting for the answers in flight, so the server may count up to one per connection more).
  local ok bad=0 class
  ok=$(($(route_count "$after" "$method" "$route" 2xx) - $(route_count "$before" "$method" "$route" 2xx)))
  for class in 4xx 5xx; do
    bad=$((bad + $(route_count "$after" "$method" "$route" $class) - $(route_count "$before" "$method" "$route" $class)))
  done
  ((bad == 0)) || die "$backend $name run $run: the server answered $bad requests with 4xx/5xx"
  ((ok >= r[requests] && ok <= r[requests] + connections)) ||
    die "$backend $name run $run: the server counted $ok 2xx answers, wrk $((r[requests]))"

  # Every connection answered, and still being answered later in the run.
  local answered progressing
  answered=$(awk '$2 > 0' <<<"$s2" | wc -l)
  progressing=$(awk 'NR == FNR { first[$1] = $2; next } ($1 in first) && $2 > first[$1]' \
    <(printf '%s\n' "$s1") <(printf '%s\n' "$s2") | wc -l)
  if ((answered != connections || progressing != connections)); then
    printf 'first sample (port bytes_received):\n%s\nsecond sample:\n%s\n' "$s1" "$s2" >&2
    die "$backend $name run $run: only $answered of $connections connections were answered," \
      "$progressing kept receiving answers (is http.max_threads below the number of clients?)"
  fi

  local rps cpu switches
  rps=$(awk -v n="${r[requests]}" -v us="${r[duration_us]}" 'BEGIN { printf "%.0f", n / (us / 1e6) }')
  # Server CPU per 1,000 requests it answered (ok counts the requests in flight at the end too).
  cpu=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" -v n="$ok" 'BEGIN { printf "%.1f", t * 1000 / hz / n * 1000 }')
  switches=$(awk -v v=$((vol_after - vol_before)) -v i=$((invol_after - invol_before)) -v n="$ok" \
    'BEGIN { printf "%.2f/%.2f", v / n, i / n }')
  printf '  %-8s run %d: %7s req/s  p50 %6.2f ms  p99 %6.2f ms  CPU %6.1f ms/1k req  switches/req vol/invol %s  (%d/%d connections answered)\n' \
    "$name" "$run" "$rps" "$(awk -v u="${r[p50_us]}" 'BEGIN { print u / 1000 }')" \
    "$(awk -v u="${r[p99_us]}" 'BEGIN { print u / 1000 }')" "$cpu" "$switches" "$answered" "$connections"
  echo "$backend $name $rps ${r[p50_us]} ${r[p99_us]} $cpu" >>"$results"
}

bench_backend() {
  local backend=$1
  local dir=$work/$backend
  mkdir -p "$dir"
  if [[ "$backend" == postgresql ]]; then
    # shellcheck source=lib/pg-cluster.sh
    source scripts/lib/pg-cluster.sh
    ORBITA_PG_PORT=$pg_port pg_cluster_start
    pg_started=1
  fi
  echo "== $backend: seeding $records tickets"
  local t0=$SECONDS
  run_orbita "$backend" "$dir" demo-data --tickets "$records" >"$dir/seed.log" 2>&1 ||
    { cat "$dir/seed.log" >&2; die "$backend: seeding failed"; }
  echo "   seeded in $((SECONDS - t0)) s"
  if [[ "$backend" == sqlite ]]; then
    local mode
    mode=$(sqlite3 "$dir/orbita.db" 'PRAGMA journal_mode')
    [[ "$mode" == wal ]] || die "the SQLite database is in journal mode '$mode', not WAL"
  fi

  add_bench_user "$backend" "$dir" bench administrator
  add_bench_user "$backend" "$dir" bench-dept manager
  start_server "$backend" "$dir"
  sign_in "$dir"
  local min_id max_id department
  max_id=$(first_of "/api/v1/records/ticket?sort=-id&limit=1")
  min_id=$(first_of "/api/v1/records/ticket?sort=id&limit=1")
  department=$(first_of "/api/v1/records/department?limit=1")
  [[ -n "$min_id" && -n "$max_id" && -n "$department" ]] || die "$backend: the seeded data is missing"
  echo "   server $base, ticket ids $min_id..$max_id"
  local dept_token
  dept_token=$(dept_user_token "$dir" "$department")
  echo "   bench-dept (manager, department $department) sees $(wc -l <"$dir/dept-ids") sampled tickets"

  # One request of each case first: a wrong answer here is clearer than in a load run.
  local code
  code=$(curl -s "${auth[@]}" -o "$dir/check.json" -w '%{http_code}' "$base/api/v1/records/ticket/$max_id")
  [[ "$code" == 200 ]] || die "$backend: GET by id answered $code: $(cat "$dir/check.json")"
  code=$(curl -s "${auth[@]}" -o "$dir/check.json" -w '%{http_code}' \
    "$base/api/v1/records/ticket?filter%5Bstatus%5D=new&limit=50")
  [[ "$code" == 200 ]] || die "$backend: the list answered $code: $(cat "$dir/check.json")"
  code=$(curl -s "${auth[@]}" -o "$dir/check.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"subject\":\"Bench check\",\"department\":$department}" "$base/api/v1/records/ticket")
  [[ "$code" == 201 ]] || die "$backend: POST answered $code: $(cat "$dir/check.json")"
  code=$(curl -s "${auth[@]}" -o "$dir/check.json" -w '%{http_code}' -X PATCH -H 'Content-Type: application/json' \
    -H 'If-Match: *' -d '{"description":"bench check"}' "$base/api/v1/records/ticket/$max_id")
  [[ "$code" == 200 ]] || die "$backend: PATCH answered $code: $(cat "$dir/check.json")"

  local run name
  for run in $(seq 1 "$runs"); do
    for name in $cases; do
      [[ -n "${case_script[$name]:-}" ]] || die "unknown case '$name' (get list create patch)"
      local -a who=(token="${auth[1]#Authorization: Bearer }")
      [[ "$name" == get_dept ]] && who=(token="$dept_token" ids_file="$dir/dept-ids")
      run_case "$backend" "$name" "$run" min_id="$min_id" max_id="$max_id" department="$department" \
        threads="$threads" "${who[@]}"
    done
  done
  stop_server
  if [[ "$backend" == postgresql ]]; then
    pg_cluster_stop
    pg_started=0
  fi
}

echo "wrk -t$threads -c$connections -d${duration}s, $runs runs per case, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
for backend in $backends; do
  case "$backend" in
    sqlite | postgresql) bench_backend "$backend" ;;
    *) die "unknown backend '$backend' (sqlite postgresql)" ;;
  esac
done

echo
echo "Median of $runs runs, wrk -t$threads -c$connections -d${duration}s, every connection answered:"
printf '%-11s %-26s %10s %9s %9s %11s %21s\n' backend case "req/s" "p50 ms" "p99 ms" "CPU ms/1k" "req/s min..max"
for backend in $backends; do
  for name in $cases; do
    awk -v b="$backend" -v c="$name" '$1 == b && $2 == c { print $3, $4, $5, $6 }' "$results" |
      sort -n -k1,1 | awk -v b="$backend" -v label="${case_label[$name]}" '
        { rps[NR] = $1; p50[NR] = $2; p99[NR] = $3; cpu[NR] = $4 }
        function median(a, n,    i, j, t, s) {
          for (i = 1; i <= n; ++i) s[i] = a[i]
          for (i = 1; i <= n; ++i) for (j = i + 1; j <= n; ++j) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
          return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
        }
        END {
          if (NR == 0) exit
          printf "%-11s %-26s %10.0f %9.2f %9.2f %11.1f %10.0f..%-10.0f\n", b, label, median(rps, NR),
                 median(p50, NR) / 1000, median(p99, NR) / 1000, median(cpu, NR), rps[1], rps[NR]
        }'
  done
done
