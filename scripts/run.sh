#!/usr/bin/env bash
# README command 1: install what is missing, build, create a SQLite database with demo
# data and start the server. Environment: ORBITA_HTTP_PORT (8080), ORBITA_DATA_DIR (./var).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target orbita web orbita_plugins

export ORBITA_DATA_DIR=${ORBITA_DATA_DIR:-$PWD/var}
export ORBITA_HTTP_PORT=${ORBITA_HTTP_PORT:-8080}
# The plugins built in tree (crm, ...), unless the caller chose other directories.
export ORBITA__PLUGINS__DIRECTORIES=${ORBITA__PLUGINS__DIRECTORIES:-"[\"$PWD/build/release/plugins\"]"}
build/release/bin/orbita demo-data
echo
echo "Open http://127.0.0.1:${ORBITA_HTTP_PORT}/   (API: /api/v1/openapi.json)"
echo "Admin login: admin"
exec build/release/bin/orbita serve
