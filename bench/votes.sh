#!/usr/bin/env bash
# Vote benchmarks:
#  1. casting N (default 10,000) ballots by N distinct residents on one vote
#     (SQLite, the residents seeded by bench/seed_voters.c with sessions), and
#  2. `wugong tally` over 1,000,000 ranked ballots x 10 options.
#   bench/votes.sh [N] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
CONC=${2:-32}
BIN=build/wugong
make -s all
cc -std=c17 -D_GNU_SOURCE -O2 -Isrc -o build/seed_voters bench/seed_voters.c build/libwugong.a \
  -lh2o-evloop -lsqlite3 -lsodium -lcmark -lqrencode -ljansson -lpq -lpthread -lm
TMP=$(mktemp -d /tmp/wugong-votes.XXXXXX)
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT
DB="sqlite:$TMP/bench.db"
"$BIN" demo --db "$DB" >/dev/null
build/seed_voters "$DB" "$N" > "$TMP/voters.txt"
BUILDING=$(head -1 "$TMP/voters.txt")
PORT=18$((RANDOM % 900 + 100))
"$BIN" serve --db "$DB" --port "$PORT" --quiet >/dev/null 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"
jar="$TMP/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/api/v1/csrf" | sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/')
csrf=$(curl -s -c "$jar" -b "$jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf" \
  -d '{"phone":"13800001001","password":"wugong2026"}' "$BASE/api/v1/session" | sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/')
closes=$(( $(date +%s) + 86400 ))
t0=$(date +%s.%N)
vote=$(curl -s -b "$jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf" \
  -d "{\"place_id\":$BUILDING,\"title\":\"压测表决\",\"method\":\"yes_no_abstain\",\"mode\":\"online\",\"rule\":{\"preset\":\"art278_ordinary\"},\"closes_at\":$closes}" \
  "$BASE/api/v1/votes" | sed 's/^{"id":\([0-9]*\).*/\1/')
t1=$(date +%s.%N)
echo "created vote $vote over $N owners (electorate snapshot and $N x 3 notifications) in $(echo "$t1 - $t0" | bc) s"
node bench/cast.mjs "$BASE" "$vote" "$TMP/voters.txt" "$CONC"
t0=$(date +%s.%N)
curl -s -b "$jar" -H "x-csrf-token: $csrf" -X POST "$BASE/api/v1/votes/$vote/close" > "$TMP/closed.json"
t1=$(date +%s.%N)
node -e "const v=JSON.parse(require('fs').readFileSync('$TMP/closed.json','utf8')); console.log('closed and counted in $(echo "$t1 - $t0" | bc) s: present ' + v.result.present.heads + ' of ' + v.electorate.heads + ', passed ' + v.result.passed)"
echo "generating 1,000,000 ranked ballots x 10 options..."
node bench/ranked_file.mjs 1000000 10 > "$TMP/ranked.json"
ls -l "$TMP/ranked.json" | awk '{printf "file: %.1f MB\n", $5 / 1e6}'
t0=$(date +%s.%N)
"$BIN" tally "$TMP/ranked.json" > "$TMP/ranked-result.json"
t1=$(date +%s.%N)
echo "wugong tally over 1,000,000 ranked ballots x 10 options: $(echo "$t1 - $t0" | bc) s (winner $(node -e "console.log(JSON.parse(require('fs').readFileSync('$TMP/ranked-result.json','utf8')).winner)"))"
