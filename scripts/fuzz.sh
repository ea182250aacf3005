#!/usr/bin/env bash
# libFuzzer harnesses (tests/fuzz/fuzz_*.c), built with clang, ASan and UBSan.
#   scripts/fuzz.sh build            build build-fuzz/fuzz_*
#   scripts/fuzz.sh replay           run every committed input once (corpus and
#                                    regressions); prints "PASS fuzz replay NAME" lines
#   scripts/fuzz.sh run SECONDS      fuzz each harness for SECONDS; new interesting
#                                    inputs go to a temp dir (printed), a crash is
#                                    written to tests/fuzz/regressions/NAME/ and fails
# `make fuzz` = build + run $(FUZZ_SECONDS) (default 60); `make check` runs
# build + replay + run 5.
set -uo pipefail
cd "$(dirname "$0")/.."
B=build-fuzz
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"

names() { for f in tests/fuzz/fuzz_*.c; do basename "$f" .c | sed 's/^fuzz_//'; done; }

build() {
  make -s -j"$(nproc)" BUILD=$B CC=clang OPT="-O1 -g -Wno-format-nonliteral" SAN="$SAN -fsanitize=fuzzer-no-link" $B/libwugong.a || return 1
  local cflags
  cflags="-std=c17 -D_GNU_SOURCE -DH2O_USE_LIBUV=0 -Wall -Wextra -Werror -Wno-missing-field-initializers -Isrc -Itests/fuzz $(pkg-config --cflags libh2o-evloop jansson) -O1 -g"
  local libs
  libs="$(pkg-config --libs $(make -s --no-print-directory print-pkgs)) -lpthread -lm" # the Makefile's list, not a copy
  for n in $(names); do
    clang $cflags $SAN -fsanitize=fuzzer -o $B/fuzz_$n tests/fuzz/fuzz_$n.c $B/libwugong.a $libs || return 1
  done
}

replay() {
  local rc=0
  for n in $(names); do
    local inputs=()
    for d in tests/fuzz/corpus/$n tests/fuzz/regressions/$n; do
      [ -d "$d" ] && while IFS= read -r f; do inputs+=("$f"); done < <(find "$d" -type f | sort)
    done
    if [ ${#inputs[@]} -eq 0 ]; then echo "FAIL fuzz replay $n: no inputs"; rc=1; continue; fi
    if out=$($B/fuzz_$n -runs=1 "${inputs[@]}" 2>&1); then
      echo "PASS fuzz replay $n (${#inputs[@]} inputs)"
    else
      printf '%s\n' "$out" | tail -30
      echo "FAIL fuzz replay $n"; rc=1
    fi
  done
  return $rc
}

run() {
  local secs=$1 rc=0 tmp
  tmp=$(mktemp -d /tmp/wugong-fuzz.XXXXXX)
  for n in $(names); do
    mkdir -p "$tmp/$n" tests/fuzz/regressions/$n
    local out
    if out=$($B/fuzz_$n -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=tests/fuzz/regressions/$n/ "$tmp/$n" tests/fuzz/corpus/$n 2>&1); then
      local execs
      execs=$(printf '%s\n' "$out" | grep -o 'stat::number_of_executed_units: [0-9]*' | awk '{print $2}')
      [ -z "$execs" ] && execs=$(printf '%s\n' "$out" | grep -E '^#[0-9]+' | tail -1 | awk '{print substr($1,2)}')
      echo "PASS fuzz $n: ${execs:-?} runs in ${secs}s, $(ls "$tmp/$n" | wc -l) new inputs"
    else
      printf '%s\n' "$out" | grep -E 'ERROR|SUMMARY|fuzz property|Test unit written' | head -10
      echo "FAIL fuzz $n (the input is in tests/fuzz/regressions/$n/)"; rc=1
    fi
  done
  echo "new corpus entries (not committed): $tmp"
  return $rc
}

case "${1:-}" in
  build) build ;;
  replay) replay ;;
  run) run "${2:-60}" ;;
  *) echo "usage: scripts/fuzz.sh build|replay|run SECONDS" >&2; exit 2 ;;
esac
