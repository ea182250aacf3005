#!/usr/bin/env bash
# Request rates of the main read routes on both stores, in one run, with the
# in-run ceiling (GET /healthz of the same binary) for ratios.
#   bench/rates.sh [SECONDS]        (default 5 s per route; needs wrk)
# Prints one table; the figures in docs/scaling.md come from it.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-5}
BIN=build/wugong
make -s all
TMP=$(mktemp -d /tmp/wugong-rates.XXXXXX)
chmod 755 "$TMP" # the PostgreSQL server runs as "postgres" and must reach its directory
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/pg.sh stop "$TMP/pg" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

serve() { # url port -> starts a server
  "$BIN" serve --db "$1" --port "$2" --quiet >/dev/null 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/healthz" >/dev/null && return; sleep 0.1; done
  echo "server on $2 did not start" >&2; exit 1
}

session() { # port -> a signed-in resident's cookie header
  local jar="$TMP/jar.$1" csrf
  csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$1/api/v1/csrf" | sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/')
  curl -s -c "$jar" -b "$jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf" \
    -d '{"phone":"13800001201","password":"wugong2026"}' "http://127.0.0.1:$1/api/v1/session" >/dev/null
  echo "wg_sid=$(awk '$6=="wg_sid"{print $7}' "$jar")"
}

rate() { # port path cookie -> requests/s
  wrk -t1 -c32 -d"${DUR}s" -H "Cookie: $3" "http://127.0.0.1:$1$2" | awk '/Requests\/sec/{printf "%d", $2}'
}

"$BIN" demo --db "sqlite:$TMP/demo.db" >/dev/null
PGURL=$(scripts/pg.sh start "$TMP/pg" 55439)
PGDB=$(scripts/pg.sh createdb "$TMP/pg" 55439 rates)
"$BIN" demo --db "$PGDB" >/dev/null
serve "sqlite:$TMP/demo.db" 18301
serve "$PGDB" 18302

printf '%-22s %14s %8s %14s %8s\n' route "sqlite req/s" ratio "postgres req/s" ratio
declare -A CEIL
for route in /healthz /matters/1 /api/v1/matters/1 /matters /api/v1/matters; do
  line=$(printf '%-22s' "$route")
  for port in 18301 18302; do
    ck=$(session $port)
    r=$(rate $port "$route" "$ck")
    [ "$route" = /healthz ] && CEIL[$port]=$r
    line+=$(printf ' %14s %7.0f%%' "$r" "$(echo "100 * $r / ${CEIL[$port]}" | bc -l)")
  done
  echo "$line"
done
echo "(wrk -t1 -c32 -d${DUR}s on $(nproc) cores; server: 2 loop threads; PostgreSQL over a Unix socket, synchronous_commit=on)"
