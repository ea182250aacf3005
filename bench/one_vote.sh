#!/usr/bin/env bash
# Casting on ONE vote by N residents at once (issue 4's benchmark): a demo
# database, N owner households in one new building (bench/gen voters, each
# owner signed in), an art. 278 vote over them created by staff through the
# API, then every owner casts once (wrk + bench/cast.lua, 32 connections).
#   bench/one_vote.sh [N]       (default 10000; SQLite; prints WG_CAST ... rate=)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
make -s all bench-tools
TMP=$(mktemp -d /tmp/wugong-onevote.XXXXXX)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
build/wugong demo --db "sqlite:$TMP/d.db" >/dev/null 2>&1
GRID=$(sqlite3 "$TMP/d.db" "SELECT id FROM place WHERE kind = 'grid' ORDER BY id LIMIT 1")
build/bench/gen voters --db "sqlite:$TMP/d.db" --grid "$GRID" --n "$N" --out "$TMP/ids" >/dev/null 2>&1
BUILDING=$(sqlite3 "$TMP/d.db" "SELECT id FROM place WHERE kind = 'building' AND code LIKE 'bench-%' ORDER BY id DESC LIMIT 1")
PORT=18556
build/wugong serve --db "sqlite:$TMP/d.db" --port $PORT --quiet >/dev/null 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
VOTE=$(node --input-type=module -e "
import { Client, PHONES } from '$PWD/tests/api/helpers.mjs';
const c = new Client('http://127.0.0.1:$PORT', 'staff');
await c.signIn(PHONES.staff);
const r = await c.post('/api/v1/votes', { place_id: $BUILDING, title: 'one vote, $N owners', method: 'yes_no_abstain',
  mode: 'online', rule: { preset: 'art278_ordinary' }, closes_at: Math.floor(Date.now() / 1000) + 3600 });
if (r.status !== 201) { console.error(r.text); process.exit(1); }
console.log(r.json.id);")
WG_IDS="$TMP/ids" WG_LIMIT=$N WG_PATH="/api/v1/votes/$VOTE/ballot" WG_METHOD=PUT WG_BODY='{"options":[0]}' \
  wrk -t1 -c32 -d600s --timeout 30s -s bench/cast.lua "http://127.0.0.1:$PORT" 2>&1 | grep '^WG_CAST'
echo "ballots stored: $(sqlite3 "$TMP/d.db" "SELECT count(*) FROM vote_ballot WHERE vote_id = $VOTE")"
