#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for tests and benchmarks.
#   source scripts/lib/pg-cluster.sh; pg_cluster_start; ...; pg_cluster_stop
# Exports ORBITA_TEST_PG_URL (an empty database orbita_test owned by user orbita).

pg_cluster_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$bin" ]]; then
    echo "PostgreSQL server binaries not found; run scripts/install-deps.sh --test" >&2
    return 1
  fi
  PG_PORT=${ORBITA_PG_PORT:-55432}
  PG_DIR=$(mktemp -d /tmp/orbita-pg.XXXXXX)
  local run=()
  if [[ $(id -u) -eq 0 ]]; then
    # initdb refuses to run as root: the cluster belongs to the postgres system user.
    chown postgres:postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U orbita -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || {
    cat "$PG_DIR/initdb.log" >&2
    return 1
  }
  # Durability is irrelevant for a test cluster; speed is not.
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
    "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null || {
    cat "$PG_DIR/server.log" >&2
    return 1
  }
  "${run[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U orbita -d postgres -c "CREATE DATABASE orbita_test" >/dev/null
  PG_BIN=$bin
  PG_RUN=("${run[@]}")
  export ORBITA_TEST_PG_URL="postgresql://orbita@127.0.0.1:$PG_PORT/orbita_test"
  echo "PostgreSQL test cluster on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

pg_cluster_stop() {
  if [[ -n "${PG_DIR:-}" && -d "$PG_DIR/data" ]]; then
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
