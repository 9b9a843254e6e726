#!/usr/bin/env bash
# Gzipped size of the web application's JavaScript, as the browser downloads it: the
# shell (what index.html loads), the shell with the generic screens (the budget), and
# the chunks only some screens load: admin-* (administration, Lua editor) and lazy-*
# (CodeMirror, ECharts, FullCalendar; see web/vite.config.ts).
# Usage: scripts/web-size.sh [DIST]   (default build/dev/web/dist; build the `web` target first)
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-build/dev/web/dist}
[[ -f "$dist/index.html" ]] || { echo "no $dist/index.html: run cmake --build --preset dev --target web" >&2; exit 1; }

gz() { gzip -9 -c "$1" | wc -c; }
shell=0
for f in $(grep -o 'assets/[^"]*\.js' "$dist/index.html" | sort -u); do shell=$((shell + $(gz "$dist/$f"))); done
generic=0
lazy=0
for f in "$dist"/assets/*.js; do
  case "$(basename "$f")" in
    admin-*|lazy-*) lazy=$((lazy + $(gz "$f"))) ;;
    *) generic=$((generic + $(gz "$f"))) ;;
  esac
done
css=0
for f in "$dist"/assets/*.css; do css=$((css + $(gz "$f"))); done
printf 'shell JS (loaded by index.html): %d bytes gzipped\n' "$shell"
printf 'shell + generic screens JS:       %d bytes gzipped (budget 358400)\n' "$generic"
printf 'admin-* and lazy-* chunks:        %d bytes gzipped (loaded on demand)\n' "$lazy"
printf 'CSS:                              %d bytes gzipped\n' "$css"
