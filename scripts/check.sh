#!/usr/bin/env bash
# The whole test suite: lint, C unit tests, black-box HTTP tests and browser
# tests on the normal build with SQLite; the store conformance tests and the
# HTTP tests again on PostgreSQL (a throw-away cluster this script starts and
# stops); then unit, HTTP and browser tests on an ASan+UBSan build; then the fuzzing
# harnesses replay their committed inputs and run 5 s each. Ends with one line
# "N passed, N failed"; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
# the overload tests hold over a thousand sockets open at once
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
PASSED=0
FAILED=0
JOBS=$(nproc 2>/dev/null || echo 2)

note() { printf '== %s (%ds)\n' "$*" "$SECONDS"; }

# count PASS/FAIL lines of a C unit binary; a crash without output is one failure
run_unit() { # binary
  local out rc p f
  out=$("$1" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -E '^(FAIL|  )' || true
  p=$(printf '%s\n' "$out" | grep -c '^PASS ' || true)
  f=$(printf '%s\n' "$out" | grep -c '^FAIL ' || true)
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
    printf '%s\n' "$out" | tail -20
    echo "FAIL $1 exited $rc"
    f=1
  fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  echo "   $1: $p passed, $f failed"
}

# run node's test runner on a folder (or one test file); reads its TAP summary
run_node() { # label dir|file
  local label=$1 dir=$2 log p f files
  if [ -f "$dir" ]; then files=$dir; else files=$(ls "$dir"/*.test.mjs 2>/dev/null); fi
  [ -n "$files" ] || return 0
  log=$(mktemp)
  # shellcheck disable=SC2086
  node --test --test-reporter=tap --test-concurrency=2 $files >"$log" 2>&1
  grep -E '^(not ok|# Subtest)|^\s+(error|expected|actual|location):' "$log" | grep -B1 -A6 'not ok' | head -80 || true
  p=$(grep -E '^# pass ' "$log" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail ' "$log" | tail -1 | awk '{print $3}')
  if [ -z "$p" ]; then tail -30 "$log"; p=0; f=1; fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  echo "   $label: $p passed, $f failed"
  rm -f "$log"
}

layer_suite() { # build dir, label, with browser?
  local build=$1 label=$2 browser=$3
  note "$label: C unit tests"
  for t in "$build"/tests/test_*; do [ -x "$t" ] && run_unit "$t"; done
  note "$label: HTTP tests"
  WG_BIN="$build/wugong" run_node "$label http" tests/api
  if [ "$browser" = 1 ]; then
    note "$label: browser tests"
    WG_BIN="$build/wugong" run_node "$label browser" tests/browser
  fi
}

# the crash test prints one CRASH line on success
crash_run() { # label command...
  local label=$1 out; shift
  if out=$("$@" 2>&1); then
    PASSED=$((PASSED + 1)); echo "   $label: $(printf '%s\n' "$out" | grep '^CRASH')"
  else
    FAILED=$((FAILED + 1)); printf '%s\n' "$out" | tail -20; echo "FAIL $label"
  fi
}

# PostgreSQL: a private cluster in a temp dir, reached over its own socket
PG_DIR=""
# the cluster's port (WG_CHECK_PG_PORT: for several checkouts checked at once)
PG_PORT=${WG_CHECK_PG_PORT:-55432}
pg_stop() { [ -n "$PG_DIR" ] && scripts/pg.sh stop "$PG_DIR" && rm -rf "$PG_DIR"; PG_DIR=""; }
trap pg_stop EXIT
pg_suite() { # build dir, label
  local build=$1 label=$2 url
  PG_DIR=$(mktemp -d /tmp/wugong-pg.XXXXXX)
  note "$label: starting a PostgreSQL cluster in $PG_DIR"
  if ! scripts/pg.sh start "$PG_DIR" "$PG_PORT" >/dev/null; then
    echo "FAIL PostgreSQL did not start"; FAILED=$((FAILED + 1)); pg_stop; return
  fi
  note "$label: store conformance (domain and store tests on PostgreSQL)"
  url=$(scripts/pg.sh createdb "$PG_DIR" "$PG_PORT" conformance)
  WG_TEST_DB="$url" run_unit "$build/tests/test_domain"
  note "$label: HTTP tests on PostgreSQL"
  WG_PG_DIR="$PG_DIR" WG_PG_PORT="$PG_PORT" WG_BIN="$build/wugong" run_node "$label http (postgresql)" tests/api
  if [ "$build" = build ]; then
    # the whole co-planning, co-building and co-managing stories in the browser, on PostgreSQL too
    note "$label: browser stories on PostgreSQL"
    WG_PG_DIR="$PG_DIR" WG_PG_PORT="$PG_PORT" WG_BIN="$build/wugong" run_node "$label browser story (postgresql)" tests/browser/story.test.mjs
    WG_PG_DIR="$PG_DIR" WG_PG_PORT="$PG_PORT" WG_BIN="$build/wugong" run_node "$label browser co-building story (postgresql)" tests/browser/cobuild-story.test.mjs
    WG_PG_DIR="$PG_DIR" WG_PG_PORT="$PG_PORT" WG_BIN="$build/wugong" run_node "$label browser co-managing story (postgresql)" tests/browser/comanage-story.test.mjs
    WG_PG_DIR="$PG_DIR" WG_PG_PORT="$PG_PORT" WG_BIN="$build/wugong" run_node "$label browser co-sharing story (postgresql)" tests/browser/coshare-story.test.mjs
    note "$label: crash test on PostgreSQL (${WG_CRASH_CYCLES:-10} kills)"
    crash_run "crash (postgresql)" env WG_PG_DIR="$PG_DIR" WG_PG_PORT="$PG_PORT" node tests/crash/crash.mjs "${WG_CRASH_CYCLES:-10}"
  fi
  pg_stop
}

if [ -z "${WG_ONLY_ASAN:-}" ]; then
  note "lint"
  if scripts/lint.sh; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
  note "build"
  if make -s -j"$JOBS" all unit bench-tools; then
    layer_suite build "plain" 1
    note "plain: crash test on SQLite (${WG_CRASH_CYCLES:-20} kills)"
    crash_run "crash (sqlite)" node tests/crash/crash.mjs "${WG_CRASH_CYCLES:-20}"
    # bench: the suite on a tiny dataset, 1 s per figure; checks that every
    # figure is produced (never its value), so the suite cannot rot
    note "plain: bench smoke (make bench-smoke)"
    if out=$(WG_BENCH_BUILD=build bench/run.sh --scale smoke --db sqlite 2>&1) &&
      printf '%s\n' "$out" | grep -q '^BENCH all figures produced'; then
      PASSED=$((PASSED + 1)); echo "PASS bench-smoke"
    else
      FAILED=$((FAILED + 1)); printf '%s\n' "$out" | tail -30; echo "FAIL bench-smoke"
    fi
    pg_suite build "plain"
  else
    echo "FAIL build"; FAILED=$((FAILED + 1))
  fi
fi

note "build with ASan+UBSan"
ASAN_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
if make -s -j"$JOBS" BUILD=build-asan OPT="-O1 -g" SAN="$ASAN_FLAGS" all unit; then
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
  layer_suite build-asan "asan" 1
else
  echo "FAIL asan build"; FAILED=$((FAILED + 1))
fi

# fuzzing, short: every committed input once, then each harness for a few seconds
if [ -z "${WG_ONLY_ASAN:-}" ]; then
  note "fuzz: build (clang, libFuzzer, ASan+UBSan)"
  if scripts/fuzz.sh build; then
    note "fuzz: replay the corpus and the regressions"
    out=$(scripts/fuzz.sh replay 2>&1)
    printf '%s\n' "$out" | grep -vE '^PASS ' | tail -40
    PASSED=$((PASSED + $(printf '%s\n' "$out" | grep -c '^PASS '))); FAILED=$((FAILED + $(printf '%s\n' "$out" | grep -c '^FAIL ')))
    note "fuzz: ${WG_FUZZ_SECONDS:-5} s per harness"
    out=$(scripts/fuzz.sh run "${WG_FUZZ_SECONDS:-5}" 2>&1)
    printf '%s\n' "$out" | grep -E '^(PASS|FAIL) '
    printf '%s\n' "$out" | grep -vE '^(PASS|new corpus)' | tail -40
    rm -rf "$(printf '%s\n' "$out" | sed -n 's/^new corpus entries (not committed): //p')"
    PASSED=$((PASSED + $(printf '%s\n' "$out" | grep -c '^PASS '))); FAILED=$((FAILED + $(printf '%s\n' "$out" | grep -c '^FAIL ')))
  else
    echo "FAIL fuzz build"; FAILED=$((FAILED + 1))
  fi
fi

note "done"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
