# shellcheck shell=bash
# Shared by the benchmark scripts: the port a just-started `orbita serve` listens on.

# server_port DIR PID: prints the port the server PID announced in DIR/server.out
# ("... listening on http://127.0.0.1:PORT/"), waiting up to 30 s. Prints the server's
# log and returns 1 when the server exits first or never announces a port.
server_port() {
  local dir=$1 pid=$2 port=""
  for _ in $(seq 1 300); do
    port=$(sed -n 's|.*listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$dir/server.out" 2>/dev/null | head -n 1)
    if [[ -n "$port" ]]; then
      echo "$port"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$dir/server.log" >&2
  return 1
}
