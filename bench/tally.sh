#!/usr/bin/env bash
# The tally benchmarks: Schulze over 1,000,000 ranked ballots on 10 options,
# (1) tally_run() alone (bench/tally_bench.c) and (2) end to end through
# `wugong tally FILE` on a published-format file with a receipt per ballot
# (bench/gen_tally.mjs), which adds reading and writing the JSON.
#   bench/tally.sh [BALLOTS [OPTIONS]]
set -euo pipefail
cd "$(dirname "$0")/.."
NB=${1:-1000000}
NO=${2:-10}
make -s all bench-tools
TMP=$(mktemp -d /tmp/wugong-tally.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
build/bench/tally_bench "$NB" "$NO" 5
node bench/gen_tally.mjs "$NB" "$NO" >"$TMP/vote.json"
start=$(date +%s.%N)
build/wugong tally "$TMP/vote.json" >"$TMP/result.json"
end=$(date +%s.%N)
winner=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(r.winner)' "$TMP/result.json" 2>/dev/null || echo '?')
printf 'CLI ballots=%s options=%s file_mb=%.1f seconds=%.2f winner=%s\n' "$NB" "$NO" \
  "$(echo "$(stat -c %s "$TMP/vote.json") / 1048576" | bc -l)" "$(echo "$end - $start" | bc -l)" "$winner"
