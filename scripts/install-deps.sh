#!/usr/bin/env bash
# Installs the Debian 12 packages Orbita needs to build, run and test. Installs only
# what is missing, so a second run costs a second. Usage: scripts/install-deps.sh [--test]
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates curl tzdata locales
  libpoco-dev libsoci-dev libpq-dev libsqlite3-dev sqlite3 zlib1g-dev
  libboost-dev libboost-filesystem-dev nlohmann-json3-dev libvalijson-dev
  liblua5.4-dev libspdlog-dev libfmt-dev catch2 libsodium-dev
  libphonenumber-dev libxlsxwriter-dev libhowardhinnant-date-dev libjemalloc-dev python3
)
if [[ "${1:-}" == "--test" ]]; then
  # chromium: the browser tests drive Debian's Chromium with playwright-core (web/tests).
  packages+=(postgresql wrk chromium)
fi
# The web application is built with Node.js and npm (web/package-lock.json). A Node.js
# installed another way (NodeSource ships npm inside its nodejs package) is used as is.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
