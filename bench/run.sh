#!/usr/bin/env bash
# The benchmark suite (make bench): an optimised build, a generated dataset,
# then every figure against the same binary in the same run, one table, and
# bench/results/latest.json.
#   bench/run.sh [--scale district|city|smoke] [--db sqlite|postgresql]
#                [--seconds S] [--communities N] [--only dashboard]
# district: 200 communities, 1,000,000 residents (default); city: ten times
# larger; smoke: one community and 1-2 s per figure (scripts/check.sh runs it
# and checks that every figure was produced, not its value). --communities
# overrides the scale's size (e.g. a reduced city). --only dashboard: the
# dataset, then only the dashboards' figures, printed (no table, no
# latest.json): for measuring them alone on a shared machine. Needs wrk.
# Problem reports: a year of EACH reports in every community (the three
# rates of the street read them all) and REPORTS in the first community (the
# list reads those; 100,000 in each of 200 communities would be 20 million
# reports, minutes to generate, so only the community whose residents are
# signed in gets them); ESC overdue reports escalated by one pass of the job
# runner (bench/report_bench, after the server has stopped). A roster of
# 50,000 households (1,000 at smoke) is imported into a demo database by
# bench/roster_import.mjs, with its own server.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=district DBKIND=sqlite DUR= COMMS= ONLY=
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=$2; shift 2 ;;
    --db) DBKIND=$2; shift 2 ;;
    --seconds) DUR=$2; shift 2 ;;
    --communities) COMMS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--scale district|city|smoke] [--db sqlite|postgresql] [--seconds S] [--communities N] [--only dashboard]" >&2; exit 2 ;;
  esac
done
case "$SCALE" in
  district) C=200 SC=10 D=10 NB=1000000 IDLE=10000 REPORTS=100000 EACH=500 ESC=10000 RUNS=7 ;;
  city) C=2000 SC=10 D=10 NB=1000000 IDLE=10000 REPORTS=100000 EACH=500 ESC=10000 RUNS=7 ;;
  smoke) C=1 SC=1 D=1 NB=20000 IDLE=10000 REPORTS=2000 EACH=500 ESC=1000 RUNS=3 ;;
  *) echo "bench: unknown scale $SCALE" >&2; exit 2 ;;
esac
case "$DBKIND" in sqlite|postgresql) ;; *) echo "bench: --db sqlite or postgresql" >&2; exit 2 ;; esac
case "$ONLY" in ''|dashboard) ;; *) echo "bench: --only dashboard" >&2; exit 2 ;; esac
C=${COMMS:-$C}
DUR=${DUR:-$D}
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
B=${WG_BENCH_BUILD:-build-bench} # make check passes its own -O2 build
PG_PORT=${WG_BENCH_PG_PORT:-55471}
PORT=${WG_BENCH_PORT:-18471}
BASE="http://127.0.0.1:$PORT"
# an optimised binary without sanitizers, in its own build directory
if [ "$B" = build-bench ]; then make -s -j2 BUILD=$B OPT="-O2 -g" SAN= all bench-tools; fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

TMP=$(mktemp -d /tmp/wugong-bench.XXXXXX)
chmod 755 "$TMP" # the PostgreSQL server runs as "postgres" and must reach its directory
RES=$TMP/results
: >"$RES"
SPID=
cleanup() {
  [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null
  [ "$DBKIND" = postgresql ] && scripts/pg.sh stop "$TMP/pg" >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT
put() { echo "$1 $2" >>"$RES"; } # name value
say() { echo "bench: $*" >&2; }

if [ "$DBKIND" = postgresql ]; then
  scripts/pg.sh start "$TMP/pg" "$PG_PORT" >/dev/null
  URL=$(scripts/pg.sh createdb "$TMP/pg" "$PG_PORT" bench)
else
  URL="sqlite:$TMP/bench.db"
fi

# ---- the dataset ----
say "generating $C communities on $DBKIND..."
t0=$(date +%s.%N)
"$B/bench/gen" district --db "$URL" --communities "$C" --session-communities "$SC" \
  --reports "$REPORTS" --reports-each "$EACH" --out "$TMP/people.txt" >"$TMP/gen.out"
t1=$(date +%s.%N)
GEN=$(tr '\n' ' ' <"$TMP/gen.out")
gv() { printf '%s\n' "$GEN" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -1; }
COMMUNITY=$(gv community) MATTER=$(gv page_matter) STREET=$(gv street)
SCOOKIE="wg_sid=$(gv street_session)" # the street's admin: the three rates over its communities
put gen_seconds "$(echo "$t1 - $t0" | bc)"
put report_gen_seconds "$(gv report_seconds)"
put dashboard_gen_seconds "$(gv dashboard_seconds)"
for k in place person matter comment matter_support opinion vote_ballot session report report_rating volunteer_signup \
  points_txn satisfaction_response; do
  put "rows_$k" "$(gv $k)"
done
put search_index_seconds "$(gv search_index_seconds)"
put rows_search_doc "$(gv search_indexed)"
say "$(cat "$TMP/gen.out" | tail -1) in $(echo "$t1 - $t0" | bc) s"

# ---- the server ----
"$B/wugong" serve --db "$URL" --port "$PORT" --quiet --max-connections 20000 >"$TMP/server.log" 2>&1 &
SPID=$!
for _ in $(seq 200); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "$BASE/healthz" >/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
read -r COOKIE CSRF _ <"$TMP/people.txt"
# a reader of the first community (the line after the first: that one casts)
read -r RCOOKIE _ < <(sed -n 2p "$TMP/people.txt")
LIST="/api/v1/matters?stage=deliberating&category=parking&place_id=$COMMUNITY&limit=20"
PAGE="/matters/$MATTER"
# a search in 繁體 for a word a third of the opinions hold (楼道: 樓道), ranked over the reader's community
SEARCH="/api/v1/search?q=%E6%A8%93%E9%81%93&limit=20"
# the reports of the first community, newest first (20 of about 1 KB each:
# the matter list above answers its 4 or 5 deliberating parking matters),
# and the open parking ones (about 1 in 80: the newest-first index is walked)
RLIST="/api/v1/reports?community=$COMMUNITY&limit=20"
RLIST_OPEN="/api/v1/reports?community=$COMMUNITY&state=open&category=parking&limit=20"
for p in /healthz "$PAGE" "$LIST" "$SEARCH" "$RLIST" "$RLIST_OPEN" /reports; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $RCOOKIE" "$BASE$p")
  [ "$code" = 200 ] || { say "GET $p answered $code"; exit 1; }
done
rss_kb() { awk '/^VmRSS/{print $2}' "/proc/$SPID/status"; }
put rss_start_mb "$(echo "scale=1; $(rss_kb) / 1024" | bc)"

ms() { # wrk latency "1.23ms" / "850.00us" / "1.02s" -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
rate() { # name path [cookie]: wrk with latency -> NAME_rps NAME_p50_ms NAME_p99_ms
  local out
  out=$(wrk -t1 -c32 -d"${DUR}s" --latency -H "Cookie: ${3:-$RCOOKIE}" "$BASE$2")
  put "$1_rps" "$(printf '%s\n' "$out" | awk '/Requests\/sec/{printf "%d", $2}')"
  put "$1_p50_ms" "$(ms "$(printf '%s\n' "$out" | awk '$1=="50%"{print $2}')")"
  put "$1_p99_ms" "$(ms "$(printf '%s\n' "$out" | awk '$1=="99%"{print $2}')")"
  if printf '%s\n' "$out" | grep -q 'Non-2xx'; then say "$2: non-2xx answers"; printf '%s\n' "$out" >&2; exit 1; fi
}
val() { awk -v k="$1" '$1==k{print $2}' "$RES" | tail -1; }

if [ -z "$ONLY" ]; then
say "reads: ceiling, matter page, matter list API, search (${DUR} s each)"
rate ceiling /healthz
rate page "$PAGE"
rate list "$LIST"
rate search "$SEARCH"
rate statement /points
say "problem reports: the list of $REPORTS reports (API, filtered, page)"
put report_list_reports "$REPORTS"
rate report_list "$RLIST"
rate report_list_open "$RLIST_OPEN"
rate report_page /reports
fi

# ---- the three rates: one call at a time, the median of RUNS ----
timed() { # name path cookie: -> NAME_ms (median), NAME_received (reports counted)
  local out times=()
  for _ in $(seq "$RUNS"); do
    out=$(curl -s -o "$TMP/timed.json" -w '%{http_code} %{time_total}' -H "Cookie: $3" "$BASE$2")
    [ "${out% *}" = 200 ] || { say "GET $2 answered ${out% *}"; cat "$TMP/timed.json" >&2; exit 1; }
    times+=("${out#* }")
  done
  put "$1_ms" "$(printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { printf "%.1f", t[int((NR + 1) / 2)] * 1000 }')"
  put "$1_received" "$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).total.received)' "$TMP/timed.json")"
}
# the last twelve months, China time (the months the rates page shows by default)
TO=$(TZ=Asia/Shanghai date +%Y-%m)
FROM=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-15) -11 months" +%Y-%m)
say "the three rates over $FROM..$TO: the street (by category, by month), the first community"
timed rates_street "/api/v1/reports/rates?place=$STREET&from=$FROM&to=$TO&by=category" "$SCOOKIE"
timed rates_street_month "/api/v1/reports/rates?place=$STREET&from=$FROM&to=$TO&by=month" "$SCOOKIE"
timed rates_community "/api/v1/reports/rates?place=$COMMUNITY&from=$FROM&to=$TO&by=category" "$RCOOKIE"

# ---- the dashboards: the street's (every figure over its communities) and a community's, one call at a time ----
board() { # name path cookie: -> NAME_ms (median of RUNS), NAME_households (the street's, or empty for a page)
  local out times=()
  for _ in $(seq "$RUNS"); do
    out=$(curl -s -o "$TMP/board.out" -w '%{http_code} %{time_total}' -H "Cookie: $3" "$BASE$2")
    [ "${out% *}" = 200 ] || { say "GET $2 answered ${out% *}"; head -c 2000 "$TMP/board.out" >&2; exit 1; }
    times+=("${out#* }")
  done
  put "$1_ms" "$(printf '%s\n' "${times[@]}" | sort -g | awk '{ t[NR] = $1 } END { printf "%.1f", t[int((NR + 1) / 2)] * 1000 }')"
  put "$1_kb" "$(( $(wc -c <"$TMP/board.out") / 1024 ))"
}
say "dashboards: the street's and the first community's, the last twelve months (API and page)"
board dashboard_street "/api/v1/dashboards/$STREET" "$SCOOKIE"
put dashboard_street_households "$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).figures.find((f) => f.name === "households").total.value)' "$TMP/board.out")"
board dashboard_street_page "/dashboards/$STREET" "$SCOOKIE"
board dashboard_community "/api/v1/dashboards/$COMMUNITY" "$SCOOKIE"
board dashboard_community_page "/dashboards/$COMMUNITY" "$SCOOKIE"
if [ -n "$ONLY" ]; then
  grep -E '^(gen_seconds|dashboard_|rows_)' "$RES"
  exit 0
fi
# ---- exports: the first community's reports as XLSX and CSV, one call each ----
# peak memory: the server's high-water mark (VmHWM) is reset (clear_refs 5)
# just before each export and read after it; the whole export is one request
export_one() { # name format
  local out
  echo 5 >"/proc/$SPID/clear_refs" 2>/dev/null || true
  local before; before=$(rss_kb)
  out=$(curl -s -o "$TMP/export.$2" -D "$TMP/export.head" -w '%{http_code} %{time_total} %{size_download}' \
    -H "Cookie: $SCOOKIE" "$BASE/api/v1/reports?community=$COMMUNITY&format=$2")
  [ "${out%% *}" = 200 ] || { say "export $2 answered ${out%% *}"; cat "$TMP/export.$2" >&2; exit 1; }
  local rest=${out#* }
  put "$1_ms" "$(echo "${rest% *} * 1000" | bc)"
  put "$1_mb" "$(echo "scale=1; ${rest#* } / 1048576" | bc)"
  put "$1_rows" "$(sed -n 's/^x-export-rows: *\([0-9]*\).*/\1/ip' "$TMP/export.head")"
  put "$1_rss_before_mb" "$(echo "scale=1; $before / 1024" | bc)"
  put "$1_peak_mb" "$(echo "scale=1; $(awk '/^VmHWM/{print $2}' "/proc/$SPID/status") / 1024" | bc)"
  rm -f "$TMP/export.$2"
}
say "exports: the $REPORTS reports of the first community as XLSX, then CSV"
export_one export_xlsx xlsx
export_one export_csv csv

# ---- durable writes: each request a different resident ----
cast() { # name method path body: the first WRITERS people, one request each
  local out
  out=$(WG_IDS="$TMP/people.txt" WG_LIMIT=$WRITERS WG_METHOD=$2 WG_PATH=$3 WG_BODY=$4 \
    wrk -t1 -c32 -d600s --timeout 30s -s bench/cast.lua "$BASE" 2>&1 | grep '^WG_CAST')
  say "$1: $out"
  put "$1_rps" "$(printf '%s\n' "$out" | sed -n 's/^WG_CAST .* rate=\([0-9]*\).*/\1/p')"
  put "$1_refused" "$(printf '%s\n' "$out" | sed -n 's/.* bad=\([0-9]*\).*/\1/p')"
}
# as many writers as about DUR seconds at 1,000/s (each person writes once)
WRITERS=$(( DUR * 1000 )); [ "$WRITERS" -le "$(wc -l <"$TMP/people.txt")" ] || WRITERS=$(wc -l <"$TMP/people.txt")
say "durable writes: ballots, supports"
cast ballot PUT '/api/v1/votes/%v/ballot' '{"options":[0]}'
cast support PUT '/api/v1/matters/%m/support' ''
cast signup POST '/api/v1/shifts/%s/signups' '{}'
# POST /api/v1/reports may carry photos, so it runs on the server's worker
# threads (--workers, default 1): reports without photos are filed there too,
# one at a time, one commit each (no group commit across requests)
say "durable writes: problem reports at the resident's building"
cast report POST '/api/v1/reports' \
  '{"category":"environment","place_id":%h,"description":"楼道灯坏了一个多星期，晚上上下楼看不清台阶。"}'
[ "$(val report_refused)" = 0 ] || { say "reports refused: $(val report_refused)"; exit 1; }

# ---- latency at half the measured maximum, open loop ----
half() { # name path maxrate
  local r out
  r=$(( $3 / 2 )); [ "$r" -ge 1 ] || r=1
  out=$("$B/bench/openloop" run --port "$PORT" --path "$2" --header "Cookie: $RCOOKIE" --rate "$r" \
    --seconds "$DUR" --connections 64) || true
  say "$1 at $r/s: $out"
  put "$1_half_rate" "$r"
  put "$1_half_p50_ms" "$(printf '%s\n' "$out" | sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p')"
  put "$1_half_p99_ms" "$(printf '%s\n' "$out" | sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p')"
  put "$1_half_errors" "$(printf '%s\n' "$out" | sed -n 's/.* errors=\([0-9]*\).*/\1/p')"
}
say "open loop at half the maximum"
half list "$LIST" "$(val list_rps)"
half page "$PAGE" "$(val page_rps)"

# ---- memory with idle keep-alive connections ----
say "memory with $IDLE idle keep-alive connections"
"$B/bench/openloop" idle --port "$PORT" --n "$IDLE" --seconds 3 >"$TMP/idle.out" 2>&1 &
IPID=$!
for _ in $(seq 300); do grep -q 'IDLE open' "$TMP/idle.out" && break; sleep 0.1; done
sleep 0.5
put idle_connections "$(sed -n 's/IDLE open=//p' "$TMP/idle.out")"
put rss_idle_mb "$(echo "scale=1; $(rss_kb) / 1024" | bc)"
wait "$IPID" || say "idle: $(cat "$TMP/idle.out" | tr '\n' ' ')"
curl -sf "$BASE/healthz" >/dev/null || { say "server gone after idle connections"; exit 1; }

# ---- photos: an 8 MP phone JPEG through the pipeline, one thread ----
say "photos: an 8 MP phone JPEG decoded, turned, stripped and re-encoded"
out=$("$B/bench/photo_bench" "$( [ "$SCALE" = smoke ] && echo 3 || echo 9 )")
say "$out"
pv() { printf '%s\n' "$out" | sed -n "s/^PHOTO kind=$1 .* $2=\([0-9.]*\).*/\1/p"; }
put photo_noise_ms "$(pv jpeg-noise median_ms)"
put photo_noise_ms_per_mb "$(pv jpeg-noise ms_per_mb)"
put photo_smooth_ms "$(pv jpeg-smooth median_ms)"
put photo_ms_per_mp "$(pv jpeg-smooth ms_per_mp)"

# ---- tally: tally_run alone, then wugong tally end to end ----
say "tally over $NB ranked ballots x 10 options"
out=$("$B/bench/tally_bench" "$NB" 10 5 "$TMP/tally.json")
put tally_run_ms "$(printf '%s\n' "$out" | sed -n 's/.* median_ms=\([0-9.]*\).*/\1/p')"
t0=$(date +%s.%N)
"$B/wugong" tally "$TMP/tally.json" >"$TMP/tally-result.json"
t1=$(date +%s.%N)
put tally_cli_ms "$(echo "($t1 - $t0) * 1000" | bc)"
w1=$(printf '%s\n' "$out" | sed -n 's/.* winner=\([0-9-]*\).*/\1/p')
w2=$(sed -n 's/^  "winner": \([0-9-]*\).*/\1/p' "$TMP/tally-result.json" | head -1)
[ "$w1" = "$w2" ] || { say "tally: tally_run's winner $w1, wugong tally's $w2"; exit 1; }

# ---- participatory budget: Equal Shares with Add1 and the fill, pb_run alone ----
PBV=$( [ "$SCALE" = smoke ] && echo 5000 || echo 100000 )
say "Equal Shares over $PBV voters x 200 projects"
out=$("$B/bench/pb_bench" "$PBV" 200 3)
say "$out"
put pb_run_ms "$(printf '%s\n' "$out" | sed -n 's/.* median_ms=\([0-9.]*\).*/\1/p')"

kill "$SPID" && wait "$SPID" 2>/dev/null; SPID=

# ---- escalation: overdue reports, one pass of the job runner (no server: its runner would take them) ----
say "escalating $ESC overdue reports in one pass"
out=$("$B/bench/report_bench" --db "$URL" --place "$STREET" --n "$ESC")
say "$out"
put report_escalate_n "$ESC"
put report_escalate_ms "$(printf '%s\n' "$out" | sed -n 's/.* ms=\([0-9.]*\).*/\1/p')"
put report_escalate_per_s "$(printf '%s\n' "$out" | sed -n 's/.* per_s=\([0-9]*\).*/\1/p')"

# ---- roster import: a community's roster of RH households (CSV), dry run, apply, the same file again ----
RH=$( [ "$SCALE" = smoke ] && echo 1000 || echo 50000 )
say "roster import of $RH households"
PGENV=()
[ "$DBKIND" = postgresql ] && PGENV=(WG_PG_DIR="$TMP/pg" WG_PG_PORT="$PG_PORT")
env "${PGENV[@]}" WG_BIN="$B/wugong" node bench/roster_import.mjs --households "$RH" >"$TMP/roster.json"
rv() { node -e "const o = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); console.log(eval('o.' + process.argv[2]))" \
  "$TMP/roster.json" "$1"; }
put roster_households "$RH"
put roster_rows "$(rv rows)"
put roster_dry_ms "$(rv dry_run.ms)"
put roster_apply_ms "$(rv apply.ms)"
put roster_reimport_ms "$(rv reimport_dry_run.ms)"
put roster_reimport_changes "$(rv reimport_dry_run.changes)"
put roster_peak_mb "$(rv reimport_apply.hwm_mb)"

mkdir -p bench/results
node bench/report.mjs "$RES" bench/results/latest.json "$SCALE" "$DBKIND" "$C" "$DUR"
