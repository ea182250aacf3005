#!/usr/bin/env bash
# Installs every Debian and npm package that wugong's build, run and tests need.
# Idempotent: installs only what is missing. Run as a user who is not root, it
# prints the exact command to run instead of failing obscurely.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(
  build-essential pkg-config clang libclang-rt-14-dev
  libh2o-evloop-dev libsqlite3-dev sqlite3 libsodium-dev libcmark-dev
  libqrencode-dev libjansson-dev libpq-dev postgresql
  libvips-dev libopencc-dev libgmp-dev libxml2-dev libxlsxwriter-dev libzip-dev
  libvips-tools
  nodejs npm chromium fonts-noto-cjk wrk python3-openpyxl
)

missing=()
for p in "${DEBS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    # node may come from elsewhere than Debian; accept a working binary
    case "$p" in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
    esac
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "wugong needs these Debian packages: ${missing[*]}" >&2
    echo "Run as root:  $cmd" >&2
    exit 1
  fi
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages for the tests (playwright-core drives Debian's chromium; no browser download)
if [ ! -d node_modules/playwright-core ] || [ package.json -nt node_modules/.deps-stamp ] || [ package-lock.json -nt node_modules/.deps-stamp ]; then
  echo "deps: installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.deps-stamp
fi
